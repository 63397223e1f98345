"""Draft "please confirm in writing with the ticket number" after an agreement reached by phone or chat.

Pure: knows no Django. The wording lives in playbook/data/followup_texts.toml, one table per language
support reads (ru for the Russian marketplaces, zh for the tool vendor, en otherwise).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache

from sellerdesk.playbook import DATA_DIR

LANGUAGES = ("ru", "zh", "en")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_FULL_STOPS = (".", "!", "?", "。", "！", "？", "…")


@cache
def texts() -> dict:
    with open(DATA_DIR / "followup_texts.toml", "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class ConfirmationDraft:
    language: str
    text: str


def language_for(language: str) -> str:
    """The language to write in: the platform's own when there are texts for it, else English."""
    return language if language in LANGUAGES else "en"


def format_date(day: dt.date, language: str) -> str:
    if language == "ru":
        return f"{day:%d.%m.%Y}"
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _sentence(text: str, language: str) -> str:
    text = " ".join(text.split())
    if not text or text.endswith(_FULL_STOPS):
        return text
    return text + ("。" if language == "zh" else ".")


def confirmation_request(language: str, *, promise: str, made_at: dt.date, source: str = "phone",
                         counterpart: str = "", due: dt.date | None = None, ticket: str = "") -> ConfirmationDraft:
    """The message asking support to confirm an agreement in writing and name the ticket it is registered under."""
    language = language_for(language)
    table = texts()[language]
    parts = table["confirm"]
    counterpart = " ".join(counterpart.split())
    if counterpart:
        who = parts["counterpart"].format(counterpart=counterpart)
    else:
        who = parts.get("counterpart_missing", "")
    agreed = parts["agreed"].format(made_at=format_date(made_at, language),
                                    source=table["sources"].get(source, table["sources"]["phone"]),
                                    counterpart=who, promise=" ".join(promise.split()))
    body = [_sentence(agreed, language)]
    if due is not None:
        body.append(parts["due"].format(due=format_date(due, language)))
    body.append(parts["ask"])
    if ticket.strip():
        body.append(parts["ticket"].format(ticket=ticket.strip()))
    # Chinese sentences follow each other without spaces.
    paragraph = ("" if language == "zh" else " ").join(body)
    return ConfirmationDraft(language, f"{parts['greeting']}\n\n{paragraph}\n\n{parts['closing']}")
