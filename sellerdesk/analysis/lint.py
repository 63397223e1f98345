"""Checking an appeal before it goes to support: findings with spans and fixes, and a readiness score.

Each check looks for one way an appeal gets a templated answer or none: a subject that says
nothing, a missing number the kind needs, no explicit request, two problems in one text, an
emotional tone, files promised but not attached, buyers' personal data, text support can't read.
What each kind needs comes from the platform's checklists (`PlatformBook.checklists`); the word
lists are data (`data/tone.toml`, `data/lint.toml`).

Every regular expression here is a literal alternation or a bounded character class: linear on
any input. The text is cut by `language.text.prepare` before it gets here (see `analysis.appeal`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sellerdesk.analysis.compose import foreign_language
from sellerdesk.analysis.i18n import Message, gettext_noop
from sellerdesk.language.text import detect_language

DATA_DIR = Path(__file__).parent / "data"

SEVERITIES = ("blocking", "warning", "info")
WEIGHTS = {"blocking": 25, "warning": 8, "info": 2}
BLOCKING_CAP = 45  # an appeal with a blocking finding never scores above this

REFERENCE_KINDS = frozenset({"order", "supply", "shipment", "posting", "nmid", "sku", "article", "srid", "claim",
                             "report"})
TIME_KINDS = frozenset({"date", "datetime", "period"})
ALWAYS_PRIVATE = frozenset({"card", "passport", "person"})
PRIVATE_NEAR_BUYER = frozenset({"phone", "email", "address", "handle"})
SUBJECT_MAX = 150
FIRST_PARAGRAPH_MAX = 500
BODY_MIN = 80
BUYER_WINDOW = 80  # characters before a phone or address in which a buyer word makes it the buyer's
KIND_NAMES = {
    "finance": gettext_noop("Finance"), "logistics": gettext_noop("Logistics"), "content": gettext_noop("Content"),
    "access": gettext_noop("Access"), "technical": gettext_noop("Technical"), "documents": gettext_noop("Documents"),
    "promotion": gettext_noop("Promotion"), "reviews": gettext_noop("Reviews"), "other": gettext_noop("Other"),
}
OTHER_CATEGORIES = frozenset({"other", "другое", "прочее", "иное", "其他", "其它"})


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str              # blocking | warning | info
    message: Message
    field: str = "body"        # subject | body
    start: int = 0
    end: int = 0
    fix: Message | None = None
    weight: int | None = None  # points off the score; None: the severity's weight

    @property
    def points(self) -> int:
        return WEIGHTS[self.severity] if self.weight is None else self.weight


@dataclass(frozen=True)
class LintResult:
    findings: list[Finding]
    score: int
    ready: bool


# --- word lists -------------------------------------------------------------------------------------


def _pattern(words: list[str], *, stems: bool) -> str:
    parts = []
    for entry in sorted({w.lstrip().lower() for w in words if w.strip()}, key=len, reverse=True):
        word = entry.rstrip()
        escaped = r"\s+".join(re.escape(piece) for piece in word.split())
        if entry != word:  # a trailing space: this whole word only
            escaped += r"(?!\w)"
        elif stems and re.search(r"\w$", word):
            escaped += r"\w*"
        parts.append(escaped)
    return "|".join(parts)


def _compile(table: dict) -> re.Pattern | None:
    """One alternation over lower-case text. No look-behind inside: with one, Python's engine tries every
    branch at every position; without, it skips to the characters a word can start with. Word starts
    are checked by `_search`."""
    parts = [_pattern(table.get(lang, []), stems=True) for lang in ("ru", "en")]
    parts.append(_pattern(table.get("zh", []), stems=False))
    joined = "|".join(p for p in parts if p)
    return re.compile(joined) if joined else None


@cache
def _words() -> dict[str, re.Pattern | None]:
    out: dict[str, re.Pattern | None] = {}
    for name in ("tone.toml", "lint.toml"):
        with open(DATA_DIR / name, "rb") as fh:
            raw = tomllib.load(fh)
        for section, table in raw.items():
            if section == "acronyms":
                continue
            if section == "items":
                for code, words in table.items():
                    out[f"items.{code}"] = _compile(words)
            else:
                out[section] = _compile(table)
    return out


@cache
def _acronyms() -> frozenset[str]:
    with open(DATA_DIR / "tone.toml", "rb") as fh:
        return frozenset(w.upper() for w in tomllib.load(fh).get("acronyms", {}).get("words", []))


@cache
def _vague_words() -> frozenset[str]:
    with open(DATA_DIR / "lint.toml", "rb") as fh:
        table = tomllib.load(fh).get("vague", {})
    return frozenset(w.lower() for lang in ("ru", "en", "zh") for w in table.get(lang, []))


def _find(name: str, text: str) -> re.Match | None:
    return _search(_words().get(name), text)


def _search(pattern: re.Pattern | None, text: str) -> re.Match | None:
    """The first match that starts a word (Chinese entries match anywhere); spans as in `text`."""
    if pattern is None or not text:
        return None
    low = _lower(text)
    for match in pattern.finditer(low):
        start = match.start()
        if start and low[start - 1].isalnum() and low[start].isalnum() and not _CJK.match(low[start]):
            continue
        return match
    return None


def _lower(text: str) -> str:
    """Lower case with the same length (a few characters grow when lowered; those are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# --- the checks -------------------------------------------------------------------------------------

_EXCLAIM = re.compile(r"[!！]{2,}|[?？]{3,}|(?:[!?！？]\s?){4,}")
_UPPER_WORD = re.compile(r"(?<![\w-])[A-ZА-ЯЁ]{3,40}(?![\w-])")
_WORD = re.compile(r"[^\W\d_]{2,40}")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_NUMBER_SIGN = re.compile(r"(?:№|N°|No\.|#|编号|单号)\s?[\w/-]{0,20}\d", re.IGNORECASE)
# Not prose: file names, links, e-mails, words with digits or underscores (identifiers, codes).
_LINK = re.compile(r"https?://\S{1,500}")
_TOKEN = re.compile(r"[\w.@+-]+")
_EXTENSION = re.compile(r"\.(?:png|jpe?g|gif|webp|heic|pdf|xlsx?|csv|docx?|zip|rar|7z|mp4|mov|avi|txt|json|xml)"
                        r"(?!\w)", re.IGNORECASE)
_NAME_CHARS = frozenset("_-()[]")


_WHO = re.compile(r"ИНН|ID кабинета|кабинет \d|client-id|партн[её]рский ID|账户 ?ID|税号|店铺|магазин «|пишет|我们是|"
                  r"account ID|this is ", re.IGNORECASE)
# A clause that announces one more problem: "Также…", "Кроме того…", "И ещё…", "Второе…", "另外…", "Also…".
_ANOTHER = re.compile(
    r"(?:^|(?<=[.!?;,:\u2014\u2013\n。！？；，]))[ \t]{0,3}(?:(?:а|и)[ \t]{1,3})?"
    r"(?:(?:также|кроме того|ещё|еще|помимо этого|вдобавок|во-вторых|в-третьих|второе|третье|"
    r"another|additionally|also|besides)(?!\w)|另外|还有|此外|再就是|其次)", re.IGNORECASE)  # Chinese runs on unspaced
_CLAUSE_END = re.compile(r"[.!?;。！？；\n]")
_DIGIT = re.compile(r"\d")


def problem_text(body: str) -> str:
    """The body with its greeting, signature, "who we are", file list and request blanked out (same length,
    so spans stay valid): what the problem splitter should read in a complete appeal. A shop's name and
    INN read like an access problem, a closing like nothing at all."""
    out = list(body)
    position = 0
    for part in _PARAGRAPH.split(body[:20_000]):
        start = body.find(part, position)
        position = start + len(part)
        text = part.strip()
        if not text:
            continue
        short = len(text) < 300
        # A greeting or a signature alone, not a one-paragraph appeal that starts with "您好" and names an order.
        if ((len(text) < 120 and (_find("greeting", text) or _find("closing", text)) and not _DIGIT.search(text))
                or (short and _WHO.search(text[:60]) and not _NUMBER_SIGN.search(text))
                or (short and _file_names(text))
                or _find("request", text[:20])):
            for i in range(start, start + len(part)):
                if out[i] != "\n":
                    out[i] = " "
    return "".join(out)


def announced_problems(text: str, limit: int = 4) -> list[tuple[int, int]]:
    """Spans of clauses that announce one more problem ("Также не пришла выплата…")."""
    spans = []
    for match in _ANOTHER.finditer(text[:20_000]):
        end = _CLAUSE_END.search(text, match.end())
        stop = end.start() if end else len(text)
        if len(_WORD.findall(text[match.end():stop])) + len(_CJK.findall(text[match.end():stop])) // 2 >= 3:
            spans.append((match.start() + len(match.group()) - len(match.group().lstrip()), stop))
            if len(spans) >= limit:
                break
    return spans


class _Linter:
    def __init__(self, subject: str, body: str, platform: str, kind: str | None, topic_code: str, category: str,
                 evidence, book, classification, entities, subject_entities, problems, now):
        self.subject, self.body = subject or "", body or ""
        self.platform, self.kind, self.topic_code, self.category = platform, kind, topic_code or "", category or ""
        if isinstance(evidence, str | bytes):
            evidence = [evidence]
        self.evidence = None if evidence is None else [str(e) for e in evidence if str(e).strip()]
        self.book, self.classification, self.problems, self.now = book, classification, problems, now
        self.entities = list(entities) if entities is not None else _extract(self.body, now)
        self.subject_entities = (list(subject_entities) if subject_entities is not None
                                 else _extract(self.subject, now))
        self.language = book.platform.language if book is not None else "ru"
        self.findings: list[Finding] = []

    def add(self, code: str, severity: str, message: str, fix: str | None = None, *, field_: str = "body",
            span: tuple[int, int] = (0, 0), params: dict | None = None, weight: int | None = None) -> None:
        params = params or {}
        self.findings.append(Finding(
            code=code, severity=severity, message=Message(message, params), field=field_, start=span[0],
            end=span[1], fix=Message(fix, params) if fix else None, weight=weight))

    def run(self) -> list[Finding]:
        self.check_subject()
        self.check_body_size()
        self.check_checklist()
        self.check_problems()
        self.check_tone()
        self.check_category()
        self.check_evidence()
        self.check_first_paragraph()
        self.check_language()
        self.check_personal_data()
        self.check_politeness()
        return self.findings

    # subject ---------------------------------------------------------------------------------------

    def check_subject(self) -> None:
        subject = self.subject.strip()
        whole = (0, len(self.subject))
        if not subject:
            self.add("subject.missing", "blocking", gettext_noop("The appeal has no subject."),
                     gettext_noop("Write a short factual subject with the main number and date, e.g. "
                                  "“Dispute of the penalty for supply No. 24815162 of 12.03.2026”."),
                     field_="subject")
            return
        has_time = any(e.kind in TIME_KINDS for e in self.subject_entities)
        has_reference = (any(e.kind in REFERENCE_KINDS for e in self.subject_entities)
                         or _NUMBER_SIGN.search(subject) is not None
                         or (self._kind() == "finance" and any(e.kind == "period" for e in self.subject_entities)))
        if self._is_vague(subject) and not has_reference:
            self.add("subject.vague", "blocking", gettext_noop("The subject says nothing about the problem."),
                     gettext_noop("Name what happened and to what: the operation, the number, the date, e.g. "
                                  "“Penalty for supply No. 24815162 of 12.03.2026”."),
                     field_="subject", span=whole)
        emotional = (_EXCLAIM.search(self.subject) or _find("urgent", self.subject) or self._shouting(self.subject)
                     or _find("accusations", self.subject) or _find("insults", self.subject))
        if emotional:
            span = emotional if isinstance(emotional, tuple) else emotional.span()
            self.add("subject.emotional", "warning", gettext_noop("The subject is emotional rather than factual."),
                     gettext_noop("Drop exclamation marks, capitals and words like “urgent”: put the "
                                  "urgency in the text, with what the business risks."),
                     field_="subject", span=span)
        if not has_reference:
            severity = "info" if (self.kind or "") in ("access", "technical", "other") else "warning"
            self.add("subject.no_identifier", severity,
                     gettext_noop("The subject has no order, supply, posting, article or report number."),
                     gettext_noop("Put the main number into the subject so support finds the case at once."),
                     field_="subject", span=whole)
        elif not has_time and (self.kind or "") in ("finance", "logistics"):
            self.add("subject.no_date", "info", gettext_noop("The subject has no date or period."),
                     gettext_noop("Add the date of the event or the report period to the subject."),
                     field_="subject", span=whole)
        if len(subject) > SUBJECT_MAX:
            self.add("subject.long", "warning", gettext_noop("The subject is longer than %(max)s characters."),
                     gettext_noop("Keep the subject to one line: what, which number, which date. Details go "
                                  "into the text."),
                     field_="subject", span=(SUBJECT_MAX, len(self.subject)), params={"max": SUBJECT_MAX})

    def _is_vague(self, subject: str) -> bool:
        vague = _vague_words()
        words = [w.lower() for w in _WORD.findall(_CJK.sub(" ", subject))]
        from_cjk = _CJK.findall(subject)
        if from_cjk:
            rest = subject
            for word in sorted((w for w in vague if _CJK.match(w)), key=len, reverse=True):
                rest = rest.replace(word, "")
            return len(_CJK.findall(rest)) < 4 and not [w for w in words if w not in vague]
        meaningful = [w for w in words if w not in vague]
        return len(meaningful) < 2

    def _shouting(self, text: str) -> tuple[int, int] | None:
        acronyms = _acronyms()
        shouted = [m for m in _UPPER_WORD.finditer(text[:20_000]) if m.group() not in acronyms]
        if not shouted:
            return None
        words = len(_WORD.findall(text[:20_000]))
        if len(shouted) >= 3 and (len(shouted) >= 0.3 * words or _run_of(shouted, text) >= 3):
            return shouted[0].start(), shouted[-1].end()
        if words and len(shouted) >= 2 and len(shouted) >= 0.6 * words:
            return shouted[0].start(), shouted[-1].end()
        return None

    # body ------------------------------------------------------------------------------------------

    def check_body_size(self) -> None:
        letters = len(re.findall(r"[^\W\d_]", self.body[:2000]))
        if letters < BODY_MIN // (3 if _CJK.search(self.body[:2000]) else 1):
            self.add("body.too_short", "blocking", gettext_noop("The text is too short to act on."),
                     gettext_noop("Say what happened, where and when, with the numbers, what you did and what "
                                  "you ask for."), span=(0, len(self.body)))

    def _topic(self):
        if self.book is None or not self.topic_code:
            return None
        return self.book.topic(self.topic_code)

    def _kind(self) -> str:
        if self.kind:
            return self.kind
        topic = self._topic()
        if topic is not None:
            return topic.kind
        c = self.classification
        if c is not None and getattr(c, "confidence", 0) >= 0.5:
            return c.kind
        return "other"

    def check_checklist(self) -> None:
        kind = self._kind()
        items = self.book.checklists.get(kind, ()) if self.book is not None else _FALLBACK_CHECKLIST.get(kind, ())
        text = f"{self.subject}\n{self.body}"
        present = {e.kind for e in self.entities} | {e.kind for e in self.subject_entities}
        for item in items:
            if item.evidence:
                continue  # the evidence check below looks at attachments
            if item.code == "request":
                match = _find("request", self.body) or _find("request", self.subject)
                if match is None:
                    self.add("request.missing", "blocking" if item.required else "warning",
                             gettext_noop("The appeal has no explicit request."),
                             gettext_noop("End with one clear ask: recalculate, correct the status, explain, "
                                          "unblock, restore access."))
                continue
            pattern = _words().get(f"items.{item.code}")
            if item.entities:
                found = bool(present & set(item.entities)) or _search(pattern, text) is not None
            else:
                if item.code == "essence":
                    found = len(self.body.strip()) >= BODY_MIN
                elif pattern is None:
                    continue  # nothing in the text can tell; the wizard asks for it
                else:
                    found = _search(pattern, text) is not None
            if found:
                continue
            code = "date.missing" if item.code == "when" else f"missing.{item.code}"
            if item.required:
                self.add(code, "blocking", gettext_noop("Missing for this kind of appeal: %(item)s."),
                         item.hint or gettext_noop("Add it to the text."), params={"item": Message(item.label)})
            elif item.code != "who":  # advice: worth adding, not a reason to wait
                self.add(code, "info", gettext_noop("Worth adding: %(item)s."),
                         item.hint or gettext_noop("Add it to the text."), params={"item": Message(item.label)},
                         weight=1)

    def check_problems(self) -> None:
        problems = self.problems or []
        announced = announced_problems(problem_text(self.body))
        # In a complete appeal the splitter's cut by kind is noisy (steps tried read as "technical", the
        # urgency line as "logistics"): trust a cut by different event numbers, three or more parts, or a
        # cut the text itself announces ("Также…").
        by_entity = any(getattr(p, "reason", "") == "entity" for p in problems)
        if len(problems) >= 2 and (by_entity or len(problems) >= 3 or announced):
            spans = sorted(s for p in problems for s in (getattr(p, "spans", None) or ()))
            second = spans[1] if len(spans) > 1 else (0, len(self.body))
            kinds = ", ".join(dict.fromkeys(getattr(p, "kind", "") for p in problems))
            self._several(len(problems), kinds, _clip_span(second, self.body))
            return
        if len(announced) >= 2:
            self._several(len(announced) + 1, "", announced[0])
            return
        kind = self._kind()
        for span in announced:
            other = _classify(self.body[span[0]:span[1]], self.platform, None)
            if other is not None and other.kind not in (kind, "other") and other.confidence >= 0.6:
                self._several(2, ", ".join((kind, other.kind)), span)
                return

    def _several(self, count: int, kinds: str, span: tuple[int, int]) -> None:
        message = (gettext_noop("The text holds %(count)s problems (%(kinds)s): one appeal, one problem.") if kinds
                   else gettext_noop("The text holds %(count)s problems: one appeal, one problem."))
        self.add("problems.several", "warning", message,
                 gettext_noop("Split it: keep one problem here and file the others as separate cases, each with "
                              "its own numbers and files."),
                 span=span, params={"count": count, "kinds": kinds}, weight=20)

    def check_tone(self) -> None:
        body = self.body
        for name, code, severity, message, fix in (
            ("threats", "tone.threat", "blocking", gettext_noop("The text threatens support."),
             gettext_noop("Remove the threat. If support fails, SellerDesk proposes the next step of escalation "
                          "(a senior, a formal claim) with a ready text.")),
            ("insults", "tone.insult", "blocking", gettext_noop("The text insults support."),
             gettext_noop("Remove the insult: an operator closes such dialogs, and the problem stays.")),
            ("accusations", "tone.accusation", "warning", gettext_noop("The text accuses rather than describes."),
             gettext_noop("State facts: what happened, when, with which numbers. Leave out intentions and blame.")),
        ):
            match = _find(name, body)
            if match:
                self.add(code, severity, message, fix, span=match.span())
        exclaim = _EXCLAIM.search(body)
        if exclaim:
            self.add("tone.exclamations", "warning", gettext_noop("Rows of exclamation or question marks."),
                     gettext_noop("One full stop is enough; urgency is better shown by what the business risks."),
                     span=exclaim.span())
        shout = self._shouting(body)
        if shout:
            self.add("tone.shouting", "warning", gettext_noop("Words in capitals read as shouting."),
                     gettext_noop("Write in ordinary case; keep capitals for acronyms like FBO or INN."), span=shout)

    def check_category(self) -> None:
        kind, c = self.kind, self.classification
        topic = self._topic()
        category = (self.category or (topic.category if topic else "")).strip().lower()
        suggestion = c.kind if c is not None and c.kind != "other" and getattr(c, "confidence", 0) >= 0.4 else ""
        if kind == "other" or category in OTHER_CATEGORIES or self.topic_code.endswith(".other"):
            fix = (gettext_noop("The text reads like %(suggested)s: choose that category, so the right team gets "
                                "it.") if suggestion else
                   gettext_noop("Choose the closest category: “other” waits longest in the queue."))
            self.add("category.other", "warning", gettext_noop("The category is “other”."), fix,
                     params={"suggested": Message(KIND_NAMES.get(suggestion, suggestion))} if suggestion else {})
            return
        if topic is not None and kind and topic.kind != kind and topic.kind in KIND_NAMES and kind in KIND_NAMES:
            self.add("category.mismatch", "warning",
                     gettext_noop("The topic “%(topic)s” belongs to %(suggested)s, not %(given)s."),
                     gettext_noop("Choose a topic of the case's kind, or change the kind."),
                     params={"topic": topic.label, "given": Message(KIND_NAMES[kind]),
                             "suggested": Message(KIND_NAMES[topic.kind])})
            return
        if not kind or c is None or kind not in KIND_NAMES:
            return
        given = dict(getattr(c, "alternatives", ()) or ())
        if c.kind != kind and c.kind != "other" and getattr(c, "confidence", 0) >= 0.6 and given.get(kind, 0) < 0.15:
            self.add("category.mismatch", "warning",
                     gettext_noop("The category is %(given)s, but the text reads like %(suggested)s."),
                     gettext_noop("Check the category: a wrong one sends the appeal to a team that forwards or "
                                  "closes it."),
                     params={"given": Message(KIND_NAMES[kind]), "suggested": Message(KIND_NAMES.get(c.kind, c.kind))})

    def check_evidence(self) -> None:
        kind = self._kind()
        items = self.book.checklists.get(kind, ()) if self.book is not None else _FALLBACK_CHECKLIST.get(kind, ())
        wants = any(i.evidence and i.required for i in items)
        mention = _find("evidence", self.body)
        named = _file_names(self.body[:20_000])
        if self.evidence is None:  # what is attached is unknown (a text file on the command line)
            if wants and mention is None and not named:
                self.add("evidence.none", "warning", gettext_noop("No files are mentioned."),
                         gettext_noop("Attach screenshots, reports or photos and list them by name."), weight=10)
            return
        if not self.evidence:
            if mention is not None or named:
                span = named[0][:2] if named else mention.span()
                self.add("evidence.not_attached", "blocking",
                         gettext_noop("The text mentions files, but none is attached."),
                         gettext_noop("Attach the files the text refers to, or remove the mention."), span=span)
            elif wants:
                self.add("evidence.none", "warning", gettext_noop("No files are attached."),
                         gettext_noop("Attach screenshots, reports or photos and list them by name."), weight=10)
            return
        attached = {_norm_name(e) for e in self.evidence}
        for start, end, raw in named[:5]:
            name = _norm_name(raw)
            if name not in attached and not any(name.endswith(a) or a.endswith(name) for a in attached):
                self.add("evidence.name_not_attached", "warning",
                         gettext_noop("The file %(name)s is named in the text but not attached."),
                         gettext_noop("Attach it, or correct the name."), span=(start, end), params={"name": raw})

    def check_first_paragraph(self) -> None:
        position = 0
        for part in _PARAGRAPH.split(self.body[:20_000]):
            start = self.body.find(part, position)
            position = start + len(part)
            stripped = part.strip()
            if not stripped or (len(stripped) < 60 and _find("greeting", stripped)):
                continue
            if len(stripped) > FIRST_PARAGRAPH_MAX:
                self.add("paragraph.first_long", "warning",
                         gettext_noop("The first paragraph is %(length)s characters long."),
                         gettext_noop("Start with the essence in one or two sentences; move the details below, "
                                      "one paragraph per step."),
                         span=(start, start + len(part)), params={"length": len(stripped)})
            return

    def check_language(self) -> None:
        target = self.language
        prose = _prose(self.body[:20_000])
        body_language = detect_language(prose)
        if body_language and body_language != target and foreign_language(prose, target):
            self.add("language.wrong", "blocking",
                     gettext_noop("The text is in %(language)s, but support reads %(target)s."),
                     gettext_noop("Write the appeal in %(target)s; the wizard turns numbers, dates and amounts into "
                                  "%(target)s for you."),
                     span=(0, len(self.body)),
                     params={"language": Message(_LANGUAGES.get(body_language, body_language)),
                             "target": Message(_LANGUAGES.get(target, target))})
            return
        position, flagged = 0, 0
        for part in _PARAGRAPH.split(self.body[:20_000]):
            start = self.body.find(part, position)
            position = start + len(part)
            lang = foreign_language(_prose(part), target) if part.strip() else ""
            if lang:
                flagged += 1
                self.add("language.mixed", "warning",
                         gettext_noop("This part is in %(language)s, but support reads %(target)s."),
                         gettext_noop("Add a %(target)s version next to it; keep the original if it helps."),
                         span=(start, start + len(part)),
                         params={"language": Message(_LANGUAGES.get(lang, lang)),
                                 "target": Message(_LANGUAGES.get(target, target))},
                         weight=8 if flagged == 1 else 3)
                if flagged >= 3:
                    return
        subject_lang = foreign_language(_prose(self.subject), target)
        if subject_lang:
            self.add("language.mixed", "warning",
                     gettext_noop("The subject is in %(language)s, but support reads %(target)s."),
                     gettext_noop("Write the subject in %(target)s."), field_="subject", span=(0, len(self.subject)),
                     params={"language": Message(_LANGUAGES.get(subject_lang, subject_lang)),
                             "target": Message(_LANGUAGES.get(target, target))})

    def check_personal_data(self) -> None:
        buyer = _words().get("buyer")
        reported = 0
        for entity in self.entities:
            if entity.kind in ALWAYS_PRIVATE:
                near_buyer = True
            elif entity.kind in PRIVATE_NEAR_BUYER:
                before = self.body[max(0, entity.start - BUYER_WINDOW):entity.start]
                after = self.body[entity.end:entity.end + 30]
                near_buyer = (_search(buyer, before) or _search(buyer, after)) is not None
            else:
                continue
            if not near_buyer:
                continue
            reported += 1
            self.add("personal.buyer", "blocking",
                     gettext_noop("The text carries a buyer's personal data (%(what)s)."),
                     gettext_noop("Remove it: support finds the buyer by the order number, and sending personal "
                                  "data breaks the platform's rules."),
                     span=(entity.start, entity.end), params={"what": Message(_PRIVATE.get(entity.kind, entity.kind))},
                     weight=25 if reported == 1 else 0)
            if reported >= 5:
                return

    def check_politeness(self) -> None:
        head, tail = self.body[:300], self.body[-400:]
        if not _find("greeting", head):
            self.add("tone.no_greeting", "info", gettext_noop("The text has no greeting."),
                     gettext_noop("Start with “Здравствуйте!”: a polite appeal is read more kindly."),
                     span=(0, 0), weight=2)
        if not _find("closing", tail):
            self.add("tone.no_closing", "info", gettext_noop("The text has no polite closing."),
                     gettext_noop("End with thanks and the shop's name."), span=(len(self.body), len(self.body)),
                     weight=2)


_LANGUAGES = {"ru": gettext_noop("Russian"), "zh": gettext_noop("Chinese"), "en": gettext_noop("English"),
              "": gettext_noop("an unknown language")}
_PRIVATE = {"phone": gettext_noop("a phone number"), "email": gettext_noop("an e-mail address"),
            "address": gettext_noop("an address"), "handle": gettext_noop("a messenger account"),
            "card": gettext_noop("a bank card number"), "passport": gettext_noop("passport details"),
            "person": gettext_noop("a full name")}


def _run_of(matches: list[re.Match], text: str) -> int:
    """The longest run of consecutive upper-case words (only spaces and punctuation between them)."""
    best = run = 1
    for prev, cur in zip(matches, matches[1:], strict=False):
        gap = text[prev.end():cur.start()]
        run = run + 1 if len(gap) <= 3 and not re.search(r"[^\W\d_]", gap) else 1
        best = max(best, run)
    return best


def _prose(text: str) -> str:
    """The words of a text without file names, links, addresses and codes: what the language is told by."""
    for start, end in reversed([(s, e) for s, e, _ in _file_names(text)]):
        text = text[:start] + " " + text[end:]
    text = _LINK.sub(" ", text)
    return _TOKEN.sub(lambda m: " " if _not_a_word(m.group()) else m.group(), text)


def _not_a_word(token: str) -> bool:
    """Codes, addresses and acronyms (API, FBO, SKU) say nothing about the language of the text."""
    return any(c.isdigit() or c in "_@" for c in token) or (len(token) <= 6 and token.isupper())


def _file_names(text: str, limit: int = 50) -> list[tuple[int, int, str]]:
    """File names with an extension ("акт_приемки.pdf", "scan (2).jpg"): found from the extension backwards."""
    found: list[tuple[int, int, str]] = []
    for match in _EXTENSION.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 120 and (text[start - 1].isalnum() or text[start - 1] in
                                                              _NAME_CHARS or text[start - 1] == "."):
            start -= 1
        if start < match.start():
            found.append((start, match.end(), text[start:match.end()]))
            if len(found) >= limit:
                break
    return found


def _norm_name(name: str) -> str:
    return name.strip().lower().rsplit("/", 1)[-1]


def _clip_span(span, text: str) -> tuple[int, int]:
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return 0, len(text)
    start = max(0, min(start, len(text)))
    return start, max(start, min(end, len(text)))


def score_of(findings: list[Finding]) -> int:
    score = 100 - sum(f.points for f in findings)
    if any(f.severity == "blocking" for f in findings):
        score = min(score, BLOCKING_CAP)
    return max(0, min(100, score))


def lint(subject: str, body: str, *, platform: str, kind: str | None = None, topic_code: str = "",
         category: str = "", evidence=(), book=None, classification=None, entities=None, problems=None,
         now=None, subject_entities=None) -> LintResult:
    """Check an appeal. `evidence` lists the attached files' names (None: unknown, as on the command line).

    `entities` are the body's entities (`language.entities.extract(body)`), `subject_entities` the
    subject's; both are found here when not given, as are the book, the classification and the
    problems when their packages are available.
    """
    subject = subject if isinstance(subject, str) else ""
    body = body if isinstance(body, str) else ""
    if book is None:
        book = _book(platform)
    if classification is None:
        classification = _classify(f"{subject}\n{body}", platform, book)
    if problems is None:
        problems = _problems(problem_text(body), platform, book)
    linter = _Linter(subject, body, platform, kind, topic_code, category, evidence, book, classification,
                     entities, subject_entities, problems, now)
    findings = linter.run()
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], f.field != "subject", f.start))
    return LintResult(findings=findings, score=score_of(findings), ready=not any(f.severity == "blocking"
                                                                                 for f in findings))


# --- the packages lint builds on, loaded when present -------------------------------------------------


def _book(platform: str):
    try:
        from sellerdesk.playbook import book
    except ImportError:
        return None
    try:
        return book(platform or "wb")
    except Exception:  # noqa: BLE001 - an unknown or broken platform file: check without the book
        return None


def _classify(text: str, platform: str, book):
    try:
        from sellerdesk.analysis.classify import classify
    except ImportError:
        return None
    try:
        return classify(text, platform=platform, book=book)
    except Exception:  # noqa: BLE001 - no trained model yet: check without a classification
        return None


def _problems(text: str, platform: str, book):
    try:
        from sellerdesk.analysis.split import find_problems
    except ImportError:
        return []
    try:
        return find_problems(text, platform=platform, book=book)
    except Exception:  # noqa: BLE001 - a failing splitter must not stop the other checks
        return []


def _extract(text: str, now=None) -> list:
    from sellerdesk.language.entities import extract

    try:
        return extract(text, now=now)
    except Exception:  # noqa: BLE001 - checks without entities rather than no checks
        return []


@dataclass(frozen=True)
class _Item:
    code: str
    label: str
    required: bool
    entities: tuple[str, ...] = ()
    evidence: bool = False
    hint: str = ""


_COMMON = (_Item("when", gettext_noop("Date and time"), True, ("datetime", "date", "period")),
           _Item("request", gettext_noop("Explicit request"), True),
           _Item("evidence", gettext_noop("Evidence attached"), True, evidence=True))
_FALLBACK_CHECKLIST: dict[str, tuple] = {kind: _COMMON for kind in KIND_NAMES}
_FALLBACK_CHECKLIST["finance"] = (_Item("amounts", gettext_noop("Amounts"), True, ("money",)), *_COMMON)
_FALLBACK_CHECKLIST["logistics"] = (_Item("event_number", gettext_noop("Order, supply, shipment or posting number"),
                                          True, ("order", "supply", "shipment", "posting", "srid")), *_COMMON)

__all__ = ["Finding", "LintResult", "lint", "score_of"]
