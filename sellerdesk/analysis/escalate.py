"""Draft the text of an escalation step in the language support reads, from the case's own facts.

Pure: knows no Django. The words come from data (`playbook/data/ladder_texts/<language>.toml`,
dates, money and reference names from the appeal phrasebook); `sellerdesk.followup.ladder` gathers the
facts from a case and calls `draft()`.

Each text is a list of paragraphs; a paragraph is a pattern or a list of alternatives, and the first
alternative whose `{fields}` are all known is used (a paragraph with none is left out). So a case
without a dialog number or without an amount still gets a complete, correct text.

`lint_public()` checks a public post has no emotion: no insults, no shouting in capitals, no runs of
exclamation marks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sellerdesk.analysis.compose import MOSCOW, format_date, format_money
from sellerdesk.analysis.i18n import Message, gettext_noop
from sellerdesk.analysis.reply import CaseFacts
from sellerdesk.playbook import ladder as ladder_data
from sellerdesk.playbook.templates import phrasebook

ASK_LIMIT = 300          # characters of the one-sentence request
ITEM_LIMIT = 200         # characters of one unaddressed item
MAX_ITEMS = 12           # unaddressed items listed
# The name of a parameter of a reply assessment's Message -> what it names (see [unaddressed] in the texts).
PARAM_ROLES = {
    "request": "request", "ask": "request", "requests": "request",
    "identifier": "identifier", "number": "identifier", "reference": "identifier", "ref": "identifier",
    "value": "identifier", "id": "identifier",
    "evidence": "evidence", "file": "evidence", "attachment": "evidence", "name": "evidence",
    "amount": "amount", "sum": "amount", "money": "amount",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZА-ЯЁ«\"„(\d])|(?<=[。！？])")
_TRAILING = re.compile(r"[\s.!?…。！？;:,，；：]+$")
_EXCLAIM = re.compile(r"[!！]+")
_WORD = re.compile(r"(?<!\w)[^\W\d_]{4,}(?!\w)")
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")  # "от 16 марта 2026 г.." after a date that ends in a dot
_EXCLAIM_RUN = re.compile(r"[!！]{2,}|[?？][!！]|[!！][?？]")


@dataclass(frozen=True)
class EscalationFacts:
    """What a step's text is written from. Every field may be empty."""

    case: CaseFacts = field(default_factory=CaseFacts)
    references: tuple[tuple[str, str], ...] = ()   # (kind, value): order, supply, nmid… (language.entities.KINDS)
    shop: str = ""
    platform_name: str = ""
    case_number: str = ""                          # ours, in SellerDesk
    opened_at: dt.datetime | dt.date | None = None  # when the dialog was opened
    waited_hours: float = 0.0                      # calendar hours the dialog has been open
    waited_business_days: int | None = None        # working days it has been open, when its clock counts them
    last_reply_at: dt.datetime | dt.date | None = None  # support's last reply, if any
    unaddressed: tuple = ()                        # what that reply ignored: Message, {"msgid", "params"} or text
    amount: Decimal | None = None                  # money at risk
    currency: str = "RUB"


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    language: str
    level: int = 0
    code: str = ""


class _Values(dict):
    def __missing__(self, key):
        return ""


def plural_form(language: str, n: int) -> str:
    """'one', 'few' or 'many' for a count: Russian has three forms (1 день, 3 дня, 5 дней), English two."""
    n = abs(int(n))
    if language == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    if language == "en":
        return "one" if n == 1 else "many"
    return "many"


def count_text(language: str, n: int, unit: str) -> str:
    """'5 рабочих дней', '3 дня', '21 час'; '3天' in Chinese."""
    forms = ladder_data.texts(language).get("units", {}).get(unit, {})
    pattern = forms.get(plural_form(language, n)) or forms.get("many") or "{n}"
    return pattern.format(n=n)


def _finite(value, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def age_text(facts: EscalationFacts, language: str) -> str:
    """How long the dialog has been open: business days when its clock counts them, else days, else hours."""
    hours = max(0.0, _finite(facts.waited_hours))
    business = facts.waited_business_days
    if isinstance(business, int) and not isinstance(business, bool) and business >= 1:
        return count_text(language, min(business, 100_000), "business_days")
    if hours >= 24:
        return count_text(language, min(int(hours // 24), 100_000), "days")
    return count_text(language, max(1, int(hours)), "hours")


def _date(value, phrases: dict) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        day = value
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            day = value.astimezone(MOSCOW)
        return format_date(day.date() if isinstance(day, dt.datetime) else day, phrases)
    return ""


def _money(amount, currency: str, phrases: dict) -> str:
    """'15 400,00 ₽' from a Decimal, a number or a written amount ('15 400', '15400.50'); '' for no amount."""
    if isinstance(amount, str):
        amount = re.sub(r"[\s\u00a0\u202f]", "", amount).replace(",", ".")
    try:
        amount = Decimal(str(amount)) if amount is not None and not isinstance(amount, bool) else None
    except (InvalidOperation, ValueError):
        return ""
    if amount is None or not amount.is_finite() or amount <= 0 or amount >= Decimal("1e15"):
        return ""
    return format_money(amount, (currency or "RUB")[:3], phrases)


def _lower_first(name: str) -> str:
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def _one_line(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if len(text) > limit:
        cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
        text = cut.rstrip(" ,;:") + "…"
    return text


def first_sentence(text: str) -> str:
    """The first sentence of a text, without its final punctuation."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if not text:
        return ""
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    return _TRAILING.sub("", first).strip()


def _reference(kind: str, value: str, phrases: dict, words: dict, *, form: str) -> str:
    names = phrases.get("references", {}).get(kind, {})
    name = _lower_first(names.get("name", "")) if isinstance(names, dict) else ""
    dative = names.get("dative", name) if isinstance(names, dict) else ""
    pattern = words.get(form, "{name} {value}")
    if not name:
        return str(value)
    return pattern.format(name=name, dative=dative, value=value).strip()


def ask_sentence(facts: EscalationFacts, language: str) -> str:
    """The request restated in ONE sentence: the first sentence of what we asked, with the main number and
    the amount when it does not name them; no exclamation marks."""
    texts = ladder_data.texts(language)
    words = texts.get("words", {})
    phrases = phrasebook(language)
    request = facts.case.request or next((r for r in facts.case.requests if r and r.strip()), "")
    sentence = first_sentence(_EXCLAIM.sub("", request))
    sentence = _TRAILING.sub("", _one_line(sentence, ASK_LIMIT)) or words.get("fallback_ask", "")
    joiner = "" if language == "zh" else " "
    main = next(((k, v) for k, v in facts.references if str(v).strip()), None)
    if main is None and facts.case.identifiers:
        main = ("", facts.case.identifiers[0])
    if main is not None:
        value = _one_line(main[1], 60)
        if value and value not in sentence:
            sentence += joiner + (_reference(main[0], value, phrases, words, form="ask_reference") if main[0]
                                  else words.get("ask_identifier", "{value}").format(value=value))
    amount = _money(facts.amount, facts.currency, phrases)
    if amount and str(int(Decimal(str(facts.amount)))) not in re.sub(r"[\s,.\u00a0]", "", sentence):
        sentence += joiner + words.get("ask_amount", "{amount}").format(amount=amount)
    return sentence.strip() + words.get("stop", ".")


def _as_message(item) -> Message | str:
    if isinstance(item, Message):
        return item
    if isinstance(item, dict) and isinstance(item.get("msgid"), str):
        params = item.get("params")
        return Message(item["msgid"], params if isinstance(params, dict) else {})
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        return item["text"]
    return str(item) if item is not None else ""


def unaddressed_items(facts: EscalationFacts, language: str, translate=None) -> list[str]:
    """What the last reply did not address, written in the platform's language.

    An item the assessment names by a parameter (the request, a number, a file, an amount) is written from the
    texts' own patterns; any other item is rendered with `translate` (gettext in the platform's language on the
    Django side) or as it is.
    """
    texts = ladder_data.texts(language)
    patterns = texts.get("unaddressed", {})
    phrases = phrasebook(language)
    lines: list[str] = []
    for raw in facts.unaddressed[:100]:
        item = _as_message(raw)
        text = ""
        if isinstance(item, Message):
            for key, value in item.params.items():
                role = PARAM_ROLES.get(str(key).lower())
                if role is None or value in (None, ""):
                    continue
                if role == "amount":
                    value = _money(value, facts.currency, phrases) or value
                elif role == "request":
                    value = first_sentence(str(value)) or value
                text = patterns.get(role, "{value}").format(value=_one_line(value, ITEM_LIMIT))
                break
            else:
                try:
                    text = item.render(translate) if translate else item.render()
                except Exception:  # noqa: BLE001 - a broken catalog entry must not lose the draft
                    text = item.msgid
        else:
            text = item
        text = _one_line(text, ITEM_LIMIT)
        if text and text not in lines:
            lines.append(text)
        if len(lines) >= MAX_ITEMS:
            break
    if not lines and facts.last_reply_at is not None:
        lines.append(texts.get("words", {}).get("nothing_unaddressed", ""))
    return [line for line in lines if line]


def _fill(entry, values: dict) -> str:
    for pattern in entry if isinstance(entry, list) else [entry]:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
        if all(values.get(name) for name in names):
            return pattern.format_map(_Values(values))
    return ""


def _values(facts: EscalationFacts, language: str, code: str, translate) -> dict:
    texts = ladder_data.texts(language)
    words = texts.get("words", {})
    phrases = phrasebook(language)
    text = phrases.get("text", {})
    shop = _one_line(facts.shop, 120)
    items = unaddressed_items(facts, language, translate)
    bullet = words.get("list_item", "- ")
    main = next(((k, v) for k, v in facts.references if str(v).strip()), None)
    reference = _reference(main[0], _one_line(main[1], 60), phrases, words, form="reference") if main else ""
    if code == "public":
        shop = calm(shop, language)
    ask = ask_sentence(facts, language)
    return {
        "greeting": text.get("greeting", ""),
        "closing": text.get("closing", ""),
        "signature": text.get("signature", ""),
        "shop": shop,
        "platform": _one_line(facts.platform_name or facts.case.platform, 60),
        "dialog": _one_line(facts.case.external_number, 100),
        "opened": _date(facts.opened_at or facts.case.submitted_at, phrases),
        "age": age_text(facts, language),
        "ask": _lower_first(calm(ask, language) if code == "public" else ask),
        "unaddressed": "\n".join(bullet + line for line in items),
        "department": texts.get("departments", {}).get(ladder_data.department_for(facts.case.kind), ""),
        "reference": reference,
        "amount": _money(facts.amount, facts.currency, phrases),
        "last_reply": _date(facts.last_reply_at, phrases),
        "case_number": _one_line(facts.case_number, 40),
    }


def draft(level: int | str, facts: EscalationFacts, *, translate=None) -> Draft:
    """The subject and body of a ladder step (its number or code) in the language support reads."""
    code = level if isinstance(level, str) else (ladder_data.CODES[level - 1] if 1 <= level <= 6 else "")
    if code not in ladder_data.CODES:
        raise ValueError(f"unknown ladder level {level!r}")
    language = facts.case.language if facts.case.language in ladder_data.LANGUAGES else "ru"
    table = ladder_data.texts(language).get(code, {})
    values = _values(facts, language, code, translate)
    subject = next((s for s in (_fill(e, values) for e in table.get("subject", [])) if s), "")
    paragraphs = [_DOUBLE_STOP.sub(".", p) for p in (_fill(e, values) for e in table.get("body", [])) if p.strip()]
    return Draft(subject=_one_line(subject, 250), body="\n\n".join(paragraphs), language=language,
                 level=ladder_data.CODES.index(code) + 1, code=code)


# --- the public post carries no emotion ----------------------------------------------------------------

def _allowed_caps(language: str) -> set[str]:
    return set(ladder_data.texts(language).get("lint", {}).get("allowed_caps", ()))


def calm(text: str, language: str) -> str:
    """Drop exclamation marks and lower words shouted in capitals (known abbreviations stay)."""
    allowed = _allowed_caps(language)
    text = _EXCLAIM.sub("", text or "")
    return _WORD.sub(lambda m: m.group(0) if m.group(0) in allowed or not m.group(0).isupper()
                     else m.group(0).capitalize() if m.start() == 0 else m.group(0).lower(), text)


def lint_public(text: str, language: str = "ru", *, allowed: tuple[str, ...] = ()) -> list[Message]:
    """What makes a public post emotional: insults, words in capitals, runs of exclamation marks.

    `allowed` lists names that may appear as they are (the shop's and platform's names, numbers).
    """
    texts = ladder_data.texts(language if language in ladder_data.LANGUAGES else "ru")
    lint = texts.get("lint", {})
    for name in sorted((a for a in allowed if a), key=len, reverse=True):
        text = text.replace(name, " ")
    problems: list[Message] = []
    lowered = text.lower().replace("ё", "е")
    for word in lint.get("insults", ()):
        if word.lower().replace("ё", "е") in lowered:
            problems.append(Message(gettext_noop("An insult or an emotional word: “%(word)s”."),
                                    {"word": word.strip()}))
    caps_allowed = set(lint.get("allowed_caps", ()))
    shouted = [m.group(0) for m in _WORD.finditer(text) if m.group(0).isupper() and m.group(0) not in caps_allowed]
    if shouted:
        problems.append(Message(gettext_noop("Words in capitals read as shouting: %(words)s."),
                                {"words": ", ".join(dict.fromkeys(shouted[:5]))}))
    if _EXCLAIM_RUN.search(text):
        problems.append(Message(gettext_noop("Several exclamation or question marks in a row read as emotion.")))
    return problems
