"""Journal search: exact references first, then full text over subject, body and numbers.

A query that is exactly a case number, an external number or a reference (order, posting,
supply…) finds those cases through their indexes and nothing else. Any other query is full
text: SQLite answers from an FTS5 table kept by triggers, PostgreSQL from a GIN index over
`to_tsvector('simple', search_text)`. Words of three or more characters match as prefixes, so
«штраф» finds «штрафа»; shorter words must match whole, which keeps «1» from meaning every
number that starts with a one.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from sellerdesk.cases.models import Case, EntityRef
from sellerdesk.language.identifiers import normalize_reference, spaced_cjk

MAX_QUERY_WORDS = 12
MIN_PREFIX = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    return _WORD.findall(spaced_cjk(query.lower()))[:MAX_QUERY_WORDS]


def exact_matches(workspace_id: int, query: str) -> set[int]:
    """Ids of cases whose number, external number or a reference is exactly the query."""
    reference = normalize_reference(query)
    if not reference or len(reference) > 120:
        return set()
    found = set(EntityRef.objects.filter(workspace_id=workspace_id, value=reference).values_list("case_id", flat=True))
    found |= set(Case.objects.filter(workspace_id=workspace_id, number=reference).values_list("id", flat=True))
    found |= set(Case.objects.filter(workspace_id=workspace_id, external_number=query).values_list("id", flat=True))
    return found


def _fulltext_ids(workspace_id: int, words: list[str]) -> RawSQL:
    if connection.vendor == "sqlite":
        match = " ".join(f'"{w}"*' if len(w) >= MIN_PREFIX else f'"{w}"' for w in words)
        return RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s", [match])
    tsquery = " & ".join(f"{w}:*" if len(w) >= MIN_PREFIX else w for w in words)
    return RawSQL(
        "SELECT id FROM cases_case WHERE workspace_id = %s"
        " AND to_tsvector('simple'::regconfig, search_text) @@ to_tsquery('simple'::regconfig, %s)",
        [workspace_id, tsquery],
    )


def search_cases(cases: QuerySet, workspace_id: int, query: str) -> QuerySet:
    query = query.strip()[:300]
    words = query_words(query)
    if not words:
        return cases
    exact = exact_matches(workspace_id, query)
    if exact:
        return cases.filter(pk__in=exact)
    if connection.vendor not in ("sqlite", "postgresql"):
        condition = Q()
        for word in words:
            condition &= Q(search_text__icontains=word)
        return cases.filter(condition)
    return cases.filter(pk__in=_fulltext_ids(workspace_id, words))
