"""Assess a reply from marketplace support. Pure: knows no Django. Owner: replies analysis (C).

The interface below is fixed (other parts code against it); the body is C's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sellerdesk.analysis.i18n import Message


@dataclass(frozen=True)
class CaseFacts:
    """What the case asked and holds, for judging whether a reply addressed it."""

    platform: str = ""                 # wb, ozon, ymarket, avito, yandex_eda, vendor, …
    language: str = "ru"               # the language support writes in
    external_number: str = ""          # the support dialog / ticket number
    identifiers: tuple[str, ...] = ()  # order, supply, posting, nmID… values on the case
    amounts: tuple[Decimal, ...] = ()  # money at risk and amounts named in the appeal
    request: str = ""                  # what we asked for, one sentence
    requests: tuple[str, ...] = ()     # the separate asks, if the appeal had several
    evidence: tuple[str, ...] = ()     # names of the files we attached
    kind: str = ""                     # finance, logistics, …
    submitted_at: dt.datetime | None = None


@dataclass(frozen=True)
class Promise:
    text: str                     # the sentence that promises
    due: dt.date | None = None    # by when, if the reply says (or a default horizon)


@dataclass(frozen=True)
class ReplyAssessment:
    brush_off: bool                       # a templated reply that does not engage with the case
    score: float                          # 0..1, how templated it looks
    signs: list[Message] = field(default_factory=list)        # why it looks templated (or not)
    unaddressed: list[Message] = field(default_factory=list)  # our requests/evidence/numbers it ignored
    asks: list[str] = field(default_factory=list)             # what support asks us for (checklist)
    promises: list[Promise] = field(default_factory=list)     # what support promises, with a date
    resolved: bool = False                                    # the reply says the problem is solved
    language: str = "ru"

    def as_dict(self) -> dict:
        """JSON-safe form, stored in the incoming message event's `changes["assessment"]`."""
        raise NotImplementedError


def assess_reply(text: str, facts: CaseFacts | None = None, *, today: dt.date | None = None) -> ReplyAssessment:
    raise NotImplementedError
