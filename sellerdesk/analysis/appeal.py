"""The whole analysis of one appeal, as the wizard, the case page, the API and `sellerdesk lint` use it.

Any input is accepted: empty, huge (cut at `language.text.MAX_CHARS` with an info finding),
bytes decoded with replacement, mixed scripts. A part that fails (a model not trained yet, a
playbook file being edited) is left out rather than failing the whole analysis.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sellerdesk.analysis.classify import classify
from sellerdesk.analysis.compose import AppealFields, Composed, compose
from sellerdesk.analysis.i18n import Message, gettext_noop
from sellerdesk.analysis.lint import Finding, LintResult, lint, problem_text, score_of
from sellerdesk.analysis.split import find_problems
from sellerdesk.language.entities import extract
from sellerdesk.language.text import MAX_CHARS, detect_language, prepare
from sellerdesk.playbook import book as shipped_book

log = logging.getLogger(__name__)
SUBJECT_LIMIT = 1_000


@dataclass(frozen=True)
class Analysis:
    text_truncated: bool
    language: str
    entities: list                     # the body's entities (language.entities.Entity), spans in the body
    classification: object | None      # analysis.classify.Classification
    problems: list                     # analysis.split.Problem; more than one: several problems
    lint: LintResult
    composed: Composed | None = None
    subject_entities: list = field(default_factory=list)  # spans in the subject

    def as_dict(self, translate: Callable[[str], str] = lambda s: s) -> dict:
        """JSON-ready; messages rendered with `translate` (Django's gettext in the user's language)."""
        c = self.classification
        return {
            "text_truncated": self.text_truncated,
            "language": self.language,
            "entities": [_entity(e, "body") for e in self.entities]
            + [_entity(e, "subject") for e in self.subject_entities],
            "kind": getattr(c, "kind", None),
            "confidence": round(float(getattr(c, "confidence", 0.0)), 4) if c is not None else None,
            "alternatives": [[k, round(float(p), 4)] for k, p in getattr(c, "alternatives", ()) or ()],
            "topic": _topic(getattr(c, "topic", None)),
            "problems": [_problem(p) for p in self.problems] if len(self.problems) > 1 else [],
            "findings": [_finding(f, translate) for f in self.lint.findings],
            "score": self.lint.score,
            "ready": self.lint.ready,
            "composed": None if self.composed is None else {
                "subject": self.composed.subject, "body": self.composed.body, "language": self.composed.language,
                "flags": [{"field": f.field, "language": f.language, "message": f.message.render(translate)}
                          for f in self.composed.flags],
            },
        }


def analyze(subject: str, body: str, *, platform: str, kind: str | None = None, topic_code: str = "",
            evidence=(), book=None, fields: AppealFields | None = None, now=None,
            category: str = "") -> Analysis:
    """Entities, kind and topic, problems, the checks and (given the wizard's fields) the composed appeal.

    With `fields`, the composed subject and body are what gets checked. `evidence` lists the
    attached files' names; None means unknown (a text checked on the command line).
    """
    platform = platform if isinstance(platform, str) and platform else "wb"
    if book is None:
        book = _guard("book", shipped_book, platform)
    composed = None
    if fields is not None:
        composed = _guard("compose", compose, fields, book, kind=kind or None)
        if composed is not None:
            subject, body = composed.subject, composed.body
            if evidence == () and fields.evidence:
                evidence = [fields.evidence] if isinstance(fields.evidence, str) else list(fields.evidence)
    prepared_subject = prepare(_text(subject), SUBJECT_LIMIT)
    prepared_body = prepare(_text(body), MAX_CHARS)
    subject, body = prepared_subject.text, prepared_body.text
    truncated = prepared_subject.truncated or prepared_body.truncated
    entities = _guard("entities", extract, body, now=now) or []
    subject_entities = _guard("entities", extract, subject, now=now) or []
    classification = _guard("classify", classify, f"{subject}\n{body}", platform=platform, book=book)
    problems = _guard("split", find_problems, problem_text(body), platform=platform, book=book) or []
    result = _guard("lint", lint, subject, body, platform=platform, kind=kind, topic_code=topic_code,
                    category=category, evidence=evidence, book=book, classification=classification,
                    entities=entities, subject_entities=subject_entities, problems=problems, now=now)
    if result is None:  # the checks themselves failed: say so rather than call the appeal ready
        result = LintResult([Finding("check.failed", "blocking", Message(gettext_noop(
            "The appeal could not be checked; try again after editing it.")))], 0, False)
    if truncated:
        findings = [*result.findings, Finding(
            "text.truncated", "info",
            Message(gettext_noop("The text is longer than %(limit)s characters; only the beginning was checked."),
                    {"limit": MAX_CHARS}),
            field="body", start=len(body), end=len(body),
            fix=Message(gettext_noop("Shorten the appeal: support reads the first screen; details go into "
                                     "attached files.")))]
        result = replace(result, findings=findings, score=score_of(findings))
    return Analysis(text_truncated=truncated, language=detect_language(f"{subject}\n{body}"), entities=entities,
                    classification=classification, problems=problems, lint=result, composed=composed,
                    subject_entities=subject_entities)


def _text(value) -> str | bytes:
    if value is None or isinstance(value, str | bytes | bytearray):
        return value or ""
    return str(value)


def _guard(what: str, fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except Exception:  # noqa: BLE001 - one failing part must not take the whole analysis down
        log.exception("appeal analysis: %s failed", what)
        return None


def _entity(e, where: str) -> dict:
    return {"kind": e.kind, "value": e.value, "start": e.start, "end": e.end, "field": where}


def _topic(t) -> dict | None:
    if t is None:
        return None
    return {"code": t.code, "category": t.category, "label": t.label, "kind": t.kind}


def _problem(p) -> dict:
    entities = getattr(p, "entities", ()) or ()
    return {"kind": getattr(p, "kind", ""), "spans": [list(s) for s in getattr(p, "spans", ()) or ()],
            "references": [[e.kind, e.value] for e in entities if hasattr(e, "kind")]}


def _finding(f: Finding, translate) -> dict:
    return {"code": f.code, "severity": f.severity, "field": f.field, "start": f.start, "end": f.end,
            "message": f.message.render(translate), "fix": f.fix.render(translate) if f.fix else ""}
