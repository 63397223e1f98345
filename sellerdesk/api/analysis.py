"""The appeal assistant over HTTP: the same analysis as the wizard and `sellerdesk lint`."""

from __future__ import annotations

from django.utils.translation import gettext
from ninja import Router, Schema

from sellerdesk.analysis import appeal as appeal_analysis
from sellerdesk.api.access import member
from sellerdesk.api.schemas import Error
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Kind
from sellerdesk.cases.duplicates import find_duplicates
from sellerdesk.language.entities import references
from sellerdesk.shops.models import Shop
from sellerdesk.workspace_playbook.actions import book_for

router = Router(tags=["analysis"])


class AppealIn(Schema):
    body: str
    subject: str = ""
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
    result = appeal_analysis.analyze(payload.subject, payload.body, platform=platform,
                                     kind=payload.kind.value if payload.kind else None,
                                     topic_code=payload.topic_code, evidence=payload.evidence, book=book)
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
    }


