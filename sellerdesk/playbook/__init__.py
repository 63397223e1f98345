"""The playbook: what SellerDesk knows about platforms, problem kinds and a case's life.

Pure Python over the TOML files in `data/`; no Django here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Platform:
    code: str
    name: str
    language: str
    support: str


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    hint: str


@dataclass(frozen=True)
class Lifecycle:
    transitions: dict[str, tuple[str, ...]]
    open: frozenset[str]
    live_dialog: frozenset[str]
    finished: frozenset[str]
    requires: dict[str, tuple[str, ...]]

    def allowed(self, current: str, new: str) -> bool:
        return new in self.transitions.get(current, ())


def _load(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def platforms() -> dict[str, Platform]:
    return {code: Platform(code=code, **row) for code, row in _load("platforms.toml").items()}


@cache
def kinds() -> dict[str, Kind]:
    return {code: Kind(code=code, **row) for code, row in _load("kinds.toml").items()}


@cache
def lifecycle() -> Lifecycle:
    raw = _load("lifecycle.toml")
    groups = raw["groups"]
    return Lifecycle(
        transitions={status: tuple(nexts) for status, nexts in raw["statuses"].items()},
        open=frozenset(groups["open"]),
        live_dialog=frozenset(groups["live_dialog"]),
        finished=frozenset(groups["finished"]),
        requires={status: tuple(fields) for status, fields in raw.get("requires", {}).items()},
    )


@cache
def default_requests() -> dict[str, str]:
    """Topic code suffix → the request the wizard proposes (data/requests.toml)."""
    return {key: value for key, value in _load("requests.toml").items() if isinstance(value, str)}


@cache
def request_cues() -> dict[str, tuple[str, ...]]:
    return {request: tuple(cues) for request, cues in _load("requests.toml").get("cues", {}).items()}


def default_request(topic_code: str, text: str = "") -> str:
    """The request to propose: the one whose cue comes first in the description, else the topic's usual one."""
    lowered = text[:4000].lower().replace("ё", "е")
    found = [(position, request) for request, cues in request_cues().items() for cue in cues
             if (position := lowered.find(cue.replace("ё", "е"))) >= 0]
    if found:
        return min(found)[1]
    return default_requests().get(topic_code.rpartition(".")[2], "") if topic_code else ""


@cache
def entity_aliases() -> dict[str, str]:
    """Map every word people use for a kind of reference (lower case) to its code."""
    aliases: dict[str, str] = {}
    for code, words in _load("entities.toml").items():
        for word in words:
            aliases[word.lower()] = code
    return aliases


# --- Per-platform knowledge: categories/topics, channels and clocks, checklists, templates ------------
# CONTRACT shared by the packages that read it (classify, compose, lint, the wizard, follow-up):
# the playbook work package fills the data files and implements book(); nobody else changes these types.


@dataclass(frozen=True)
class Topic:
    code: str                    # unique within the platform, e.g. "finance.penalty"
    category: str                # the platform's category label, in the platform's language ("Финансы")
    label: str                   # the topic label as the platform shows it ("Оспорить штраф")
    kind: str                    # one of kinds()
    keywords: tuple[str, ...]    # plain and official words in ru/zh/en that point to this topic


@dataclass(frozen=True)
class ChannelClock:
    code: str                    # chat | ticket | email | phone | social | claim | public | external
    first_reaction_hours: float  # typical first answer
    reminder_after_hours: float  # when a polite reminder is due without an answer
    business_time: bool          # counted on the production calendar (True) or in calendar hours


@dataclass(frozen=True)
class ChecklistItem:
    code: str                    # "period", "report_number", "order_number", "screenshot", ...
    label: str                   # English msgid; the interface translates it
    required: bool               # a missing required item is a blocking finding
    entities: tuple[str, ...]    # entity kinds (language.entities.KINDS) any one of which satisfies it
    evidence: bool               # satisfied by an attached file rather than by a number in the text
    hint: str = ""               # English msgid: what exactly to provide


@dataclass(frozen=True)
class PlatformBook:
    platform: Platform
    topics: tuple[Topic, ...]
    channels: dict[str, ChannelClock]
    checklists: dict[str, tuple[ChecklistItem, ...]]  # kind -> items (every kind present)
    templates: dict[str, dict]                        # kind -> template table ("default" always present)

    def topics_of(self, kind: str) -> tuple[Topic, ...]:
        return tuple(t for t in self.topics if t.kind == kind)

    def topic(self, code: str) -> Topic | None:
        return next((t for t in self.topics if t.code == code), None)


# The loader lives in books.py; imported last because it builds the types above.
from sellerdesk.playbook.books import book, channel_clock  # noqa: E402, F401
