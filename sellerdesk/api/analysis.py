"""The appeal assistant over HTTP: the same analysis as the wizard and `sellerdesk lint`."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language, gettext
from ninja import Field, Router, Schema

from sellerdesk.analysis import appeal as appeal_analysis
from sellerdesk.analysis.compose import REQUESTS, URGENCY, AppealFields
from sellerdesk.api.access import member
from sellerdesk.api.schemas import Error
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Kind
from sellerdesk.cases.duplicates import find_duplicates
from sellerdesk.cases.wizard import moment_of
from sellerdesk.language.entities import references
from sellerdesk.shops.models import Shop
from sellerdesk.workspace_playbook.actions import book_for

router = Router(tags=["analysis"])


class FieldsIn(Schema):
    """The wizard's fields. Free text may be in any language; it is kept as written and flagged."""

    essence: str = ""
    section: str = ""
    work_model: str = ""
    when: str = Field("", description="A date and time as people write it: 12.03.2026 14:30, вчера, 3月5日.")
    count: int | None = None
    steps: str = ""
    result: str = ""
    expected: str = ""
    request: str = Field("", description="One of: " + ", ".join(REQUESTS))
    request_detail: str = ""
    urgency: str = Field("", description="One of: " + ", ".join(URGENCY))
    urgency_detail: str = ""
    references: list[tuple[str, str]] = Field(default_factory=list, description="[[\"supply\", \"24815162\"], …]")
    money_at_risk: Decimal | None = None
    currency: str = "RUB"
    report_amount: Decimal | None = None
    our_amount: Decimal | None = None
    cabinet_id: str = ""
    inn: str = ""
    contact: str = ""


class AppealIn(Schema):
    body: str = ""
    subject: str = ""
    fields: FieldsIn | None = Field(None, description="Give these to have the appeal composed; then `subject` and "
                                                      "`body` are ignored and the composed text is checked.")
    shop: int | None = None       # a shop of the workspace; its platform is used
    platform: str | None = None   # or a platform code, when no shop is given
    kind: Kind | None = None      # leave out to let SellerDesk classify the text
    topic_code: str = ""
    evidence: list[str] = []      # names of the files that will be attached


class EntityOut(Schema):
    kind: str
    value: str
    start: int
    end: int


class FindingOut(Schema):
    code: str
    severity: str
    field: str
    start: int | None
    end: int | None
    message: str
    fix: str


class DuplicateOut(Schema):
    number: str
    status: str
    external_number: str
    subject: str
    shared: list[str]
    similarity: float | None


class TopicOut(Schema):
    code: str
    category: str
    label: str


class FlagOut(Schema):
    field: str
    language: str
    message: str


class ComposedOut(Schema):
    subject: str
    body: str
    language: str
    flags: list[FlagOut]


class AppealOut(Schema):
    language: str
    truncated: bool
    entities: list[EntityOut]
    kind: str
    confidence: float
    alternatives: list[tuple[str, float]]
    topic: TopicOut | None
    findings: list[FindingOut]
    score: int
    ready: bool
    duplicates: list[DuplicateOut]
    composed: ComposedOut | None


@router.post("/appeal", response={200: AppealOut, 400: Error, 403: Error, 404: Error}, summary="Analyse an appeal")
def analyse_appeal(request, payload: AppealIn):
    """Entities with their spans, the kind and topic, the checks' findings with a readiness score, and the
    live cases of the workspace that look like the same problem. Nothing is saved."""
    membership = member(request)
    shop = None
    if payload.shop is not None:
        shop = Shop.objects.filter(workspace_id=membership.workspace_id, pk=payload.shop).first()
        if shop is None:
            raise ActionError(gettext("There is no such shop in this workspace."), "shop")
    platform = shop.platform if shop else (payload.platform or "wb")
    book = book_for(membership.workspace, platform)
    fields = None
    if payload.fields is not None:
        topic = book.topic(payload.topic_code)
        fields = AppealFields(**{**payload.fields.model_dump(), "when": moment_of(payload.fields.when)},
                              shop_name=shop.name if shop else "", evidence=list(payload.evidence),
                              kind=payload.kind.value if payload.kind else "",
                              topic_label=topic.label if topic else "", category=topic.category if topic else "",
                              user_language=(get_language() or "ru")[:2])
    result = appeal_analysis.analyze(payload.subject, payload.body, platform=platform,
                                     kind=payload.kind.value if payload.kind else None,
                                     topic_code=payload.topic_code, evidence=payload.evidence, book=book, fields=fields)
    c = result.classification
    kind = payload.kind.value if payload.kind else c.kind
    duplicates = find_duplicates(membership.workspace_id, references=references(result.entities),
                                 shop_id=shop.pk if shop else None, kind=kind,
                                 text=f"{payload.subject}\n{payload.body}")
    return {
        "language": result.language, "truncated": result.text_truncated,
        "entities": [{"kind": e.kind, "value": e.value, "start": e.start, "end": e.end} for e in result.entities],
        "kind": kind, "confidence": round(c.confidence, 3),
        "alternatives": [(k, round(p, 3)) for k, p in c.alternatives],
        "topic": {"code": c.topic.code, "category": c.topic.category, "label": c.topic.label} if c.topic else None,
        "findings": [{"code": f.code, "severity": f.severity, "field": f.field, "start": f.start, "end": f.end,
                      "message": f.message.render(gettext), "fix": f.fix.render(gettext) if f.fix else ""}
                     for f in result.lint.findings],
        "score": result.lint.score, "ready": result.lint.ready,
        "duplicates": [{"number": d.case.number, "status": d.case.status, "external_number": d.case.external_number,
                        "subject": d.case.subject, "shared": d.shared, "similarity": d.similarity}
                       for d in duplicates],
        "composed": None if result.composed is None else {
            "subject": result.composed.subject, "body": result.composed.body, "language": result.composed.language,
            "flags": [{"field": f.field, "language": f.language, "message": f.message.render(gettext)}
                      for f in result.composed.flags]},
    }


