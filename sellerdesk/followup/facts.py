"""What a case holds, in the shape the pure analysers take (analysis.reply.CaseFacts)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sellerdesk import playbook
from sellerdesk.analysis.reply import CaseFacts
from sellerdesk.cases.choices import EntityKind
from sellerdesk.playbook.templates import phrasebook


def _money(value) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount if amount > 0 else None


def _request(appeal: dict, language: str) -> str:
    """The request as the appeal put it, in the support's language ("Просим отменить штраф…")."""
    choice = phrasebook(language).get("requests", {}).get(appeal.get("request") or "", {})
    base = choice.get("text", "") if isinstance(choice, dict) else ""
    detail = (appeal.get("request_detail") or "").strip()
    return " ".join(filter(None, [base, detail]))


def case_facts(case) -> CaseFacts:
    appeal = case.appeal or {}
    amounts = {m for m in (_money(case.money_at_risk), _money(appeal.get("report_amount")),
                           _money(appeal.get("our_amount"))) if m is not None}
    platform = playbook.platforms().get(case.platform)
    language = platform.language if platform else "ru"
    request = _request(appeal, language)
    return CaseFacts(
        platform=case.platform,
        language=language,
        external_number=case.external_number,
        # Numbers a reply should name; a period ("01.10.2026-31.10.2026") is a span of dates, not a number.
        identifiers=tuple(case.entities.exclude(kind=EntityKind.PERIOD).values_list("value", flat=True)),
        amounts=tuple(sorted(amounts)),
        request=request or (appeal.get("expected") or ""),
        requests=tuple(filter(None, [request, (appeal.get("expected") or "").strip()])),
        evidence=tuple(case.evidence.values_list("original_name", flat=True)),
        kind=case.kind,
        submitted_at=case.submitted_at,
    )
