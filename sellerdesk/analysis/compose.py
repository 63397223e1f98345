"""The appeal's subject and body from the wizard's fields, in the language the platform's support reads.

The words come from data: `playbook/data/templates/<language>.toml` (subject patterns and the
kind's own sentences) and `playbook/data/phrasebook/<language>.toml` (requests, urgency, headings,
names of references, months, greetings). Structured fields (numbers, dates, amounts, choices) are
written out correctly in the platform's language whatever language the user filled the form in.
Free text is never translated: when it is not in the platform's language it is flagged and kept,
marked, next to the user's own version in that language if they gave one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from sellerdesk.analysis.i18n import Message, gettext_noop
from sellerdesk.language.text import detect_language, prepare
from sellerdesk.playbook import templates as tpl

MOSCOW = ZoneInfo("Europe/Moscow")
FIELD_LIMIT = 4_000  # one free-text field of the form; longer input is cut

# The wizard's choices; the labels are English msgids the interface translates.
REQUESTS = {
    "recalculate": gettext_noop("Recalculate the charges"),
    "dispute_penalty": gettext_noop("Cancel the penalty"),
    "correct_status": gettext_noop("Correct the status"),
    "explain": gettext_noop("Explain the reason"),
    "unblock": gettext_noop("Lift the block"),
    "restore_access": gettext_noop("Restore access"),
    "compensate": gettext_noop("Compensate lost or damaged goods"),
    "accept_supply": gettext_noop("Accept the supply"),
    "publish_card": gettext_noop("Publish the product card"),
    "remove_review": gettext_noop("Remove the review"),
    "fix_bug": gettext_noop("Fix the bug"),
    "refund": gettext_noop("Refund the money"),
    "other": gettext_noop("Other request"),
}
URGENCY = {
    "sales_stopped": gettext_noop("Sales have stopped"),
    "blocking_risk": gettext_noop("Risk of the account being blocked"),
    "mass_cancellations": gettext_noop("Mass cancellations of orders"),
    "penalties_accrue": gettext_noop("Penalties keep accruing"),
    "promotion_deadline": gettext_noop("A promotion's deadline is close"),
    "money_frozen": gettext_noop("Money is frozen"),
    "supply_deadline": gettext_noop("The next supply's deadline is at risk"),
    "none": gettext_noop("Not urgent"),
}
WORK_MODELS = ("FBO", "FBS", "DBS", "RFBS", "EXPRESS")
LANGUAGE_NAMES = {
    "ru": gettext_noop("Russian"),
    "zh": gettext_noop("Chinese"),
    "en": gettext_noop("English"),
    "": gettext_noop("an unknown language"),
}
# Free-text fields of the form, with their names for the interface.
FREE_TEXT = {
    "section": gettext_noop("cabinet section"),
    "essence": gettext_noop("essence"),
    "steps": gettext_noop("steps taken"),
    "result": gettext_noop("result"),
    "expected": gettext_noop("expected result"),
    "request_detail": gettext_noop("request details"),
    "urgency_detail": gettext_noop("urgency details"),
    "when": gettext_noop("date and time"),
    "period": gettext_noop("period"),
}
NUMBERED = frozenset({"order", "supply", "shipment", "posting", "claim", "report"})
# Which reference names the subject, by kind: the first kind of reference present wins.
SUBJECT_REFERENCE = {
    "finance": ("report", "supply", "posting", "order", "shipment", "nmid", "sku", "article", "claim"),
    "logistics": ("supply", "posting", "order", "shipment", "srid", "nmid", "sku", "article", "claim"),
    "content": ("nmid", "sku", "article", "claim"),
    "reviews": ("nmid", "sku", "article", "order", "claim"),
    "promotion": ("claim", "nmid", "sku", "article"),
}
DEFAULT_REFERENCE = ("order", "posting", "supply", "shipment", "report", "claim", "nmid", "sku", "article", "srid")


@dataclass
class AppealFields:
    """What the wizard asks for. Every field may be empty; values may arrive as JSON strings."""

    # who we are
    shop_name: str = ""
    cabinet_id: str = ""
    inn: str = ""
    contact: str = ""
    # where
    section: str = ""
    work_model: str = ""                     # one of WORK_MODELS, or free text
    # when: a datetime (Moscow time when naive), a date, an ISO string, or free text
    when: dt.datetime | dt.date | str | None = None
    count: int | str | None = None          # how many items/orders are affected
    # what
    essence: str = ""
    steps: str = ""
    result: str = ""
    expected: str = ""
    request: str = ""                        # a key of REQUESTS
    request_detail: str = ""
    urgency: str = ""                        # a key of URGENCY
    urgency_detail: str = ""
    references: list = field(default_factory=list)   # [(kind, value)], kinds of language.entities.KINDS
    # money
    money_at_risk: Decimal | str | None = None
    currency: str = "RUB"
    report_amount: Decimal | str | None = None       # finance: per the marketplace's report
    our_amount: Decimal | str | None = None          # finance: per our calculation
    report_number: str = ""
    # period: (start, end) as dates or ISO strings, "2026-03-01/2026-03-07", or free text
    period: tuple | list | str | None = None
    evidence: list = field(default_factory=list)     # file names
    kind: str = ""                           # the problem kind (finance, logistics…): picks the template
    topic_label: str = ""
    category: str = ""                       # the platform's category label, for the interface
    user_language: str = "ru"
    # the user's own versions of free-text fields in the platform's language: {"essence": "…"}
    translations: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict | None) -> AppealFields:
        """From stored JSON: unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})

    def as_dict(self) -> dict:
        """JSON-ready: dates as ISO strings, Decimals as strings."""
        out = {}
        for f in fields(self):
            out[f.name] = _jsonable(getattr(self, f.name))
        return out


@dataclass(frozen=True)
class Flag:
    field: str          # the form field
    language: str       # the language its text is in
    message: Message    # what is wrong and what to do, for the user


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str
    language: str
    flags: list[Flag]


def compose(fields_: AppealFields, book=None, *, kind: str | None = None, language: str | None = None) -> Composed:
    """The appeal as the platform's support should read it.

    `book` is the platform's `PlatformBook` (its language and templates); without one the appeal is
    written in `language` (Russian by default) with the shipped templates. The kind (the template)
    is `kind` or else `fields_.kind`.
    """
    kind = kind or (fields_.kind if isinstance(fields_.kind, str) else "") or None
    lang = language or (book.platform.language if book is not None else "ru")
    platform_name = book.platform.name if book is not None else ""
    templates = book.templates if book is not None and book.templates else tpl.shipped_templates(lang)
    if not templates:
        templates = tpl.shipped_templates("ru")
    writer = _Writer(fields_, lang, tpl.template_for(templates, kind), tpl.phrasebook(lang), platform_name)
    return writer.compose(kind or "")


# --- formatting -------------------------------------------------------------------------------------


def format_money(amount: Decimal, currency: str, phrases: dict) -> str:
    """'1 500,00 ₽' in Russian, '1,500.00 元' in Chinese, '1,500.00 RUB' in English."""
    money = phrases.get("money", {})
    amount = amount.quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = sign + money.get("thousands", " ").join(groups) + money.get("decimal", ",") + (cents or "00")
    symbol = money.get("symbols", {}).get(currency.upper(), currency.upper())
    return money.get("pattern", "{amount} {symbol}").format(amount=number, symbol=symbol)


def format_date(value: dt.date | dt.datetime, phrases: dict, *, short: bool = False) -> str:
    """'15 октября 2023 г., 14:30 МСК'; a datetime is shown in Moscow time (naive ones are taken as Moscow)."""
    dates = phrases.get("dates", {})
    has_time = isinstance(value, dt.datetime)
    if has_time and value.tzinfo is not None:
        value = value.astimezone(MOSCOW)
    parts = {
        "day": value.day, "dd": f"{value.day:02d}", "mm": f"{value.month:02d}", "year": value.year,
        "month": dates.get("months", [str(m) for m in range(1, 13)])[value.month - 1],
    }
    if short:
        return dates.get("short", "{dd}.{mm}.{year}").format(**parts)
    if has_time:
        return dates.get("datetime", "{day} {month} {year}, {time}").format(time=f"{value:%H:%M}", **parts)
    return dates.get("date", "{day} {month} {year}").format(**parts)


def format_period(start: dt.date, end: dt.date, phrases: dict, *, short: bool = False) -> str:
    dates = phrases.get("dates", {})
    if short:
        return dates.get("short_period", "{start}–{end}").format(
            start=format_date(start, phrases, short=True), end=format_date(end, phrases, short=True))
    return dates.get("period", "{start} – {end}").format(
        start=format_date(start, phrases), end=format_date(end, phrases))


def to_decimal(value) -> Decimal | None:
    """A Decimal from a Decimal, an int or a string such as '1 500,50'; None when there is no number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # never computed with; only accepted from careless callers
        return Decimal(str(value))
    text = re.sub(r"[\s\u00a0\u202f₽$€¥руб.RUBCNY]+$", "", str(value).strip()[:64])
    text = re.sub(r"[\s\u00a0\u202f']", "", text).replace(",", ".")
    if text.count(".") > 1:
        head, _, tail = text.rpartition(".")
        text = head.replace(".", "") + "." + tail
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def to_when(value) -> dt.datetime | dt.date | None:
    """A date or datetime from a date, a datetime or an ISO string; None for anything else."""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if not isinstance(value, str) or len(value) > 40:
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?", text):
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return None


def to_period(value) -> tuple[dt.date, dt.date] | None:
    """(start, end) from a pair of dates/ISO strings or 'YYYY-MM-DD/YYYY-MM-DD'."""
    if isinstance(value, str) and "/" in value and len(value) <= 60:
        value = value.split("/", 1)
    if isinstance(value, list | tuple) and len(value) == 2:
        start, end = (to_when(v) for v in value)
        if start is not None and end is not None:
            start = start.date() if isinstance(start, dt.datetime) else start
            end = end.date() if isinstance(end, dt.datetime) else end
            return (start, end) if start <= end else (end, start)
    return None


def foreign_language(text: str, target: str) -> str:
    """The language of a piece of free text when it is not `target` and enough of it to matter, else ''.

    A few Latin words in a Russian text (FBO, SKU, API, a brand) are not English; a Chinese word is.
    """
    lang = detect_language(text)
    if not lang or lang == target:
        return ""
    if lang == "en":
        words = re.findall(r"[A-Za-z]{2,}", text[:2000])
        if len(words) < 3:
            return ""
    return lang


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _clean(value, limit: int = FIELD_LIMIT) -> str:
    if value is None:
        return ""
    return prepare(value if isinstance(value, str | bytes) else str(value), limit).text.strip()


class _Formatter(dict):
    def __missing__(self, key):  # a pattern with a placeholder we don't fill is a data error: keep it visible
        return "{" + key + "}"


class _Writer:
    """One composition: the fields, the language, the merged template and the phrasebook."""

    def __init__(self, f: AppealFields, language: str, template: dict, phrases: dict, platform_name: str):
        self.f = f
        self.lang = language
        self.t = template
        self.p = phrases
        self.platform_name = platform_name
        self.flags: list[Flag] = []
        self.text = phrases.get("text", {})
        self.headings = phrases.get("headings", {})
        self.sep = "" if language == "zh" else " "
        self.colon = self.text.get("colon", ": ")

    # -- pieces ---------------------------------------------------------------------------------------

    def phrase(self, key: str, **values) -> str:
        pattern = self.text.get(key, "")
        if not pattern:
            return ""
        for name, value in values.items():  # "… 2026 г." + "{value}." must not end in two full stops
            if isinstance(value, str) and "{" + name + "}." in pattern:
                values[name] = value.rstrip(".")
        return pattern.format_map(_Formatter(values))

    def free(self, name: str, value=None) -> str:
        """A free-text field as it goes into the appeal, flagged when not in the platform's language."""
        text = _clean(getattr(self.f, name, "") if value is None else value)
        if not text:
            return ""
        lang = foreign_language(text, self.lang)
        if not lang:
            return text
        own = _clean((self.f.translations or {}).get(name, "")) if isinstance(self.f.translations, dict) else ""
        language_name = self.p.get("languages", {}).get(lang, lang)
        if own and not foreign_language(own, self.lang):
            self.flags.append(Flag(name, lang, Message(
                gettext_noop("The %(field)s is written in %(language)s; your %(target)s version is used and the "
                             "original is kept next to it. Check that the two say the same."),
                {"field": Message(FREE_TEXT.get(name, name)), "language": Message(LANGUAGE_NAMES[lang]),
                 "target": Message(LANGUAGE_NAMES.get(self.lang, self.lang))})))
            return f"{own} {self.phrase('original', language=language_name, text=text)}"
        self.flags.append(Flag(name, lang, Message(
            gettext_noop("The %(field)s is written in %(language)s, but %(platform)s support reads %(target)s. "
                         "Write a %(target)s version of it: the original stays in the appeal, marked, until you do."),
            {"field": Message(FREE_TEXT.get(name, name)), "language": Message(LANGUAGE_NAMES[lang]),
             "platform": self.platform_name or Message(gettext_noop("the platform's")),
             "target": Message(LANGUAGE_NAMES.get(self.lang, self.lang))})))
        return f"{self.phrase('untranslated', language=language_name)} {text}"

    def when(self) -> tuple[str, str]:
        """(long form for the body, short form for the subject)."""
        value = self.f.when
        parsed = to_when(value)
        if parsed is None and isinstance(value, str) and value.strip():
            parsed = _date_in_text(value)
        if parsed is not None:
            return format_date(parsed, self.p), format_date(parsed, self.p, short=True)
        return self.free("when") if isinstance(value, str) else "", ""

    def period(self) -> tuple[str, str]:
        value = self.f.period
        parsed = to_period(value)
        if parsed is not None:
            return format_period(*parsed, self.p), format_period(*parsed, self.p, short=True)
        if isinstance(value, str) and value.strip():
            return self.free("period"), ""
        return "", ""

    def references(self) -> list[tuple[str, str]]:
        refs: list[tuple[str, str]] = []
        for item in self.f.references or ():
            if isinstance(item, dict):
                item = (item.get("kind", ""), item.get("value", ""))
            if not isinstance(item, list | tuple) or len(item) != 2:
                continue
            kind, value = (_clean(x, 200) for x in item)
            if kind and value and (kind, value) not in refs:
                refs.append((kind, value))
        report = _clean(self.f.report_number, 200)
        if report and ("report", report) not in refs:
            refs.append(("report", report))
        return refs

    def ref_text(self, kind: str, value: str, *, case: str) -> str:
        names = self.p.get("references", {}).get(kind, {})
        name = names.get(case) or names.get("name") or kind
        sign = self.text.get("number_sign", "№")
        return f"{name} {sign} {value}" if kind in NUMBERED and sign else f"{name} {value}"

    def money(self, value) -> str:
        amount = to_decimal(value)
        return format_money(amount, _clean(self.f.currency, 8) or "RUB", self.p) if amount is not None else ""

    # -- the appeal -----------------------------------------------------------------------------------

    def compose(self, kind: str) -> Composed:
        when_long, when_short = self.when()
        period_long, period_short = self.period()
        refs = self.references()
        body = self.body(kind, refs, when_long, period_long)
        subject = self.subject(kind, refs, when_short, period_short)
        return Composed(subject=subject, body=body, language=self.lang, flags=self.flags)

    def subject(self, kind: str, refs, date_short: str, period_short: str) -> str:
        request = self.p.get("requests", {}).get(self.f.request or "", {})
        lead = request.get("subject") if isinstance(request, dict) else ""
        if not lead or self.f.request == "other":
            lead = self.t.get("lead") or self.p.get("requests", {}).get("other", {}).get("subject", "")
        values = {"lead": lead, "shop": _clean(self.f.shop_name, 200)}
        main = next((r for k in SUBJECT_REFERENCE.get(kind, DEFAULT_REFERENCE) for r in refs if r[0] == k), None)
        if main is None and refs and refs[0][0] in DEFAULT_REFERENCE:
            main = refs[0]
        if main is not None:
            values.update(ref=self.ref_text(*main, case="dative"), ref_name=main[0], ref_value=main[1])
        if date_short:
            values["date"] = date_short
        if period_short:
            values["period"] = period_short
        if self.f.topic_label:
            values["topic"] = _clean(self.f.topic_label, 200)
        for pattern in self.t.get("subject") or ["{lead}"]:
            try:
                return pattern.format(**values).strip()
            except (KeyError, IndexError, ValueError):
                continue
        return lead

    def body(self, kind: str, refs, when_long: str, period_long: str) -> str:
        f, h = self.f, self.headings
        paragraphs: list[str] = [self.text.get("greeting", "")]

        shop = _clean(f.shop_name, 200).strip("«»\"")
        who_parts = [self.phrase(key, value=_clean(getattr(f, attr), 100))
                     for key, attr in (("cabinet", "cabinet_id"), ("inn", "inn")) if _clean(getattr(f, attr), 100)]
        who = self.phrase("who", shop=shop) if shop else ""
        if who and who_parts:
            who += self.text.get("aside", " ({value})").format(value=self.text.get("comma", ", ").join(who_parts))
        stop = self.text.get("stop", ".")
        who = who + stop if who else "; ".join(who_parts) + (stop if who_parts else "")
        contact = _clean(f.contact, 200)
        if contact:
            who = (who + self.sep + self.phrase("contact", value=contact)).strip()
        if who:
            paragraphs.append(who)

        essence = self.free("essence")
        intro = self.t.get("intro", "")
        if essence or intro:
            lead = self.sep.join(x for x in (intro, essence) if x)
            paragraphs.append(f"{h.get('essence', 'Essence')}{self.colon}{lead}")

        context = []
        section = self.free("section")
        if section:
            context.append(self.phrase("where", value=section))
        model = _clean(f.work_model, 40)
        if model:
            context.append(self.phrase("work_model", value=self.p.get("work_models", {}).get(model.upper(), model)))
        if when_long:
            context.append(self.phrase("when", value=when_long))
        if period_long:
            context.append(self.phrase("period", value=period_long))
        count = _count(f.count)
        if count:
            context.append(self.phrase("count", value=count))
        if f.topic_label:
            context.append(self.phrase("topic", value=_clean(f.topic_label, 200)))
        if context:
            paragraphs.append(self.sep.join(context))

        story = []
        for name, label_key in (("steps", "steps_label"), ("result", "result_label"), ("expected", "expected_label")):
            text = self.free(name)
            if text:
                story.append(f"{self.t.get(label_key) or h.get(name, name)}{self.colon}{text}")
        if story:
            paragraphs.append("\n".join(story))

        item = self.text.get("list_item", "- ")
        names = self.p.get("references", {})
        sign = self.text.get("number_sign", "№")
        colon = self.colon
        data = [f"{item}{names.get(k, {}).get('name', k)}{colon}" + (f"{sign} {v}" if k in NUMBERED and sign else v)
                for k, v in refs]
        if data:
            paragraphs.append(f"{h.get('data', 'Data')}{self.colon.strip()}\n" + "\n".join(data))

        amounts = self.amounts(kind, refs, period_long)
        if amounts:
            paragraphs.append(amounts)

        files = [f.evidence] if isinstance(f.evidence, str) else (f.evidence or ())
        evidence = [item + _clean(name, 255) for name in files if _clean(name, 255)]
        if evidence:
            note = self.t.get("evidence_note", "")
            listing = "\n".join(evidence) + (f"\n{note}" if note else "")
            paragraphs.append(f"{h.get('evidence', 'Evidence')}{self.colon.strip()}\n{listing}")

        request = self.request_text()
        if request:
            paragraphs.append(f"{h.get('request', 'Request')}{self.colon}{request}")
        urgency = self.urgency_text()
        if urgency:
            paragraphs.append(f"{h.get('urgency', 'Urgency')}{self.colon}{urgency}")

        closing = [self.text.get("closing", ""), self.text.get("signature", "")]
        signer = shop or ""
        if signer:
            closing.append(signer)
        paragraphs.append("\n".join(x for x in closing if x))
        return "\n\n".join(p for p in paragraphs if p.strip())

    def amounts(self, kind: str, refs, period_long: str) -> str:
        f = self.f
        reported, calculated = to_decimal(f.report_amount), to_decimal(f.our_amount)
        lines = []
        pattern = self.t.get("amounts", "")
        if pattern and reported is not None and calculated is not None:
            report = next((v for k, v in refs if k == "report"), "")
            values = {
                "report": f"{self.text.get('number_sign', '№')} {report}".strip() if report else "—",
                "period": period_long or "—",
                "reported": self.money(reported),
                "calculated": self.money(calculated),
                "difference": self.money(abs(calculated - reported)),
            }
            lines.append(pattern.format_map(_Formatter(values)))
            if self.t.get("data_hint"):
                lines.append(self.t["data_hint"])
        at_risk = to_decimal(f.money_at_risk)
        if at_risk is not None and at_risk > 0 and self.t.get("at_risk"):
            lines.append(self.t["at_risk"].format_map(_Formatter({"amount": self.money(at_risk)})))
        if not lines:
            return ""
        return f"{self.headings.get('amounts', 'Amounts')}{self.colon}" + self.sep.join(lines)

    def request_text(self) -> str:
        choice = self.p.get("requests", {}).get(self.f.request or "", {})
        base = choice.get("text", "") if isinstance(choice, dict) else ""
        detail = self.free("request_detail")
        return self.sep.join(x for x in (base, detail) if x)

    def urgency_text(self) -> str:
        base = self.p.get("urgency", {}).get(self.f.urgency or "", "")
        detail = self.free("urgency_detail")
        return self.sep.join(x for x in (base, detail) if x)


def _count(value) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value) if value > 0 else ""
    text = _clean(value, 20)
    return text if text.isdigit() and int(text) > 0 else ""


def _date_in_text(text: str) -> dt.datetime | dt.date | None:
    """The one date a short free-text 'when' holds ("2026年3月5日 14:30", "15 октября, 14:30"), if any."""
    try:
        from sellerdesk.language.entities import extract
    except ImportError:  # the entity extractor is not there yet
        return None
    try:
        found = [e for e in extract(text[:200]) if e.kind in ("datetime", "date")]
    except Exception:  # noqa: BLE001 - a broken extractor must not break composing
        return None
    if len(found) != 1:
        return None
    covered = found[0].end - found[0].start
    rest = re.sub(r"[\s,.;:()（）МСКмскMSK莫斯科时间左右около]+", "", text[:found[0].start] + text[found[0].end:])
    if len(rest) > max(6, covered // 2):
        return None
    return to_when(found[0].value)
