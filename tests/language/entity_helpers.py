"""Shared helpers of the entity tests: a fixed "now" and short views of what extract() found."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sellerdesk.language import entities

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=MSK)  # a Tuesday


def pairs(text: str, now: datetime = NOW) -> list[tuple[str, str]]:
    """(kind, value) of every entity, in order."""
    return [(e.kind, e.value) for e in entities.extract(text, now=now)]


def of_kind(text: str, kind: str, now: datetime = NOW) -> list[str]:
    return [e.value for e in entities.extract(text, now=now) if e.kind == kind]


def spans(text: str, now: datetime = NOW) -> list[tuple[str, str]]:
    """(kind, the text the span covers) of every entity."""
    return [(e.kind, text[e.start:e.end]) for e in entities.extract(text, now=now)]
