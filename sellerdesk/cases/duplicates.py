"""The duplicate guard: is a new appeal about a problem that already has a live case?

Two ways to be the same problem: the same identifiers (an order, a posting, a supply… that a
live case of the workspace is already about), or the same shop and kind with a near-identical
description (SimHash signatures a few bits apart). Both run on indexes: references through
`entity_ws_value`, descriptions through `case_shop_kind_status` and a loop over integers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from sellerdesk import playbook
from sellerdesk.analysis import similar
from sellerdesk.cases.models import Case, EntityRef
from sellerdesk.language.identifiers import normalize_reference

# Identifiers that name one event: another open case about it is about the same problem.
EVENTS = ("order", "supply", "shipment", "posting", "srid", "claim")
# Identifiers of a product: the same problem only when the kind is the same too (a card blocked and a
# penalty for the same product are two appeals). A period or a report is shared by unrelated problems.
PRODUCTS = ("nmid", "sku", "article")
MAX_TEXT_CANDIDATES = 5000
MAX_REFERENCE_MATCHES = 500


@dataclass
class Duplicate:
    case: Case
    shared: list[str] = field(default_factory=list)   # "order 1234567890"
    similarity: float | None = None                   # 0–1 for a near-identical description

    @property
    def by_references(self) -> bool:
        return bool(self.shared)


def find_duplicates(workspace_id: int, *, references: Iterable[tuple[str, str]] = (), shop_id: int | None = None,
                    kind: str = "", text: str = "", exclude: int | None = None, limit: int = 5) -> list[Duplicate]:
    """Open cases of the workspace that look like the same problem, the closest first."""
    open_statuses = playbook.lifecycle().open
    found: dict[int, Duplicate] = {}
    wanted = {(k, normalize_reference(v)) for k, v in references if k in EVENTS + PRODUCTS and normalize_reference(v)}
    if wanted:
        same_problem = Q(kind__in=EVENTS) | Q(kind__in=PRODUCTS, case__kind=kind) if kind else Q(kind__in=EVENTS)
        rows = (EntityRef.objects.filter(same_problem, workspace_id=workspace_id,
                                         value__in=sorted({v for _k, v in wanted}), case__status__in=open_statuses)
                .values_list("case_id", "kind", "value")[:MAX_REFERENCE_MATCHES])
        for case_id, kind_, value in rows:
            if case_id != exclude and (kind_, value) in wanted:
                found.setdefault(case_id, Duplicate(case=None)).shared.append(f"{kind_} {value}")
    target = similar.signature(text) if text and shop_id and kind else None
    if target is not None:
        # No ORDER BY: the planner then reads index case_shop_kind_status instead of every case of the shop.
        rows = (Case.objects.filter(workspace_id=workspace_id, shop_id=shop_id, kind=kind, status__in=open_statuses,
                                    signature__isnull=False)
                .order_by().values_list("id", "signature")[:MAX_TEXT_CANDIDATES])
        for case_id, distance in similar.nearest(target, rows, limit=limit):
            if case_id != exclude:
                found.setdefault(case_id, Duplicate(case=None)).similarity = 1 - distance / similar.BITS
    if not found:
        return []
    cases = Case.objects.select_related("shop", "responsible__user").in_bulk(list(found))
    result = []
    for case_id, duplicate in found.items():
        if case_id in cases:
            duplicate.case = cases[case_id]
            result.append(duplicate)
    result.sort(key=lambda d: (-len(d.shared), -(d.similarity or 0), -d.case.updated_at.timestamp()))
    return result[:limit]
