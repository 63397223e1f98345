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
def entity_aliases() -> dict[str, str]:
    """Map every word people use for a kind of reference (lower case) to its code."""
    aliases: dict[str, str] = {}
    for code, words in _load("entities.toml").items():
        for word in words:
            aliases[word.lower()] = code
    return aliases
