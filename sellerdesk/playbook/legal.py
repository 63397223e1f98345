"""What a pre-trial claim needs to know: the marketplaces' legal entities, the Civil Code articles and
the typical demands per problem kind, and the document's own words (data/legal.toml, data/claims.toml).

Pure Python, no Django. The legal details are a starting point the claim form shows for editing: the
workspace must verify them before a claim is sent (see the header of legal.toml).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache

from sellerdesk.playbook import DATA_DIR

LANGUAGES = ("ru", "zh")


@dataclass(frozen=True)
class Counterparty:
    platform: str
    name: str
    short_name: str
    inn: str
    kpp: str
    ogrn: str
    address: str
    offer: str
    offer_url: str
    claims_address: str = ""
    claims_email: str = ""
    claims_note: str = ""
    checked: str = ""


@dataclass(frozen=True)
class Article:
    code: str
    title: str
    text: str
    zh: str = ""

    def label(self, language: str = "ru") -> str:
        return texts(language)["article"].format(code=self.code, title=self.title)


@dataclass(frozen=True)
class Grounds:
    """What the claim form proposes for a case: articles to cite and demands to make."""

    articles: tuple[Article, ...]
    demands: tuple[str, ...]  # in the document's language


def _load(name: str) -> dict:
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


@cache
def counterparties() -> dict[str, Counterparty]:
    return {code: Counterparty(platform=code, **row) for code, row in _load("legal.toml").items()}


def counterparty(platform: str) -> Counterparty | None:
    """The marketplace's legal entity, or None (a vendor, a workspace's own platform): the person fills it."""
    return counterparties().get(platform)


@cache
def _claims() -> dict:
    return _load("claims.toml")


@cache
def articles() -> dict[str, Article]:
    return {code: Article(code=code, **row) for code, row in _claims()["articles"].items()}


def answer_days() -> int:
    return int(_claims()["answer_days"])


def answer_due(sent: dt.date, days: int | None = None) -> dt.date:
    """The last day of the answer period: `days` calendar days after the claim is sent."""
    return sent + dt.timedelta(days=answer_days() if days is None else days)


def grounds(kind: str, platform: str = "", language: str = "ru") -> Grounds:
    """Articles and demands for a problem kind; a platform's own proposal (the vendor's) comes first."""
    raw = _claims()
    proposal = raw.get("platforms", {}).get(platform) or raw["kinds"].get(kind) or raw["kinds"]["other"]
    demands = proposal.get("demands_zh") if language == "zh" and proposal.get("demands_zh") else proposal["demands"]
    table = articles()
    return Grounds(articles=tuple(table[code] for code in proposal["articles"]), demands=tuple(demands))


def texts(language: str) -> dict[str, str]:
    """The document's words in `language` ("ru" or "zh"; anything else is Russian)."""
    table = _claims()["text"]
    return table.get(language, table["ru"])


def fill(template: str, **values) -> str:
    """`template` with {name} placeholders filled; unknown names stay as they are, so a person's own
    text with braces in it survives."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


def is_valid_ogrn(value: str) -> bool:
    """OGRN (13 digits) or OGRNIP (15 digits) with a matching check digit."""
    if not value.isascii() or not value.isdigit():
        return False
    if len(value) == 13:
        return int(value[:12]) % 11 % 10 == int(value[12])
    if len(value) == 15:
        return int(value[:14]) % 13 % 10 == int(value[14])
    return False
