"""Journal search: exact references first, then full text over subject, body and numbers.

A query that is exactly a case number, an external number or a reference (order, posting,
supply…) finds those cases through their indexes and nothing else. Any other query is full
text: SQLite answers from an FTS5 table kept by triggers, PostgreSQL from a GIN index over the
stored column `search_vector = to_tsvector('simple', search_text)`. Words of three or more
characters match as prefixes, so «штраф» finds «штрафа»; shorter words must match whole, which
keeps «1» from meaning every number that starts with a one.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
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


def _fulltext(words: list[str]) -> Q:
    if connection.vendor == "sqlite":
        match = " ".join(f'"{w}"*' if len(w) >= MIN_PREFIX else f'"{w}"' for w in words)
        return Q(pk__in=RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s", [match]))
    # cases_case.search_vector is a stored generated column with a GIN index (migration 0003).
    tsquery = " & ".join(f"{w}:*" if len(w) >= MIN_PREFIX else w for w in words)
    return Q(RawSQL("cases_case.search_vector @@ to_tsquery('simple'::regconfig, %s)", [tsquery],
                    output_field=BooleanField()))


def search_cases(cases: QuerySet, workspace_id: int, query: str) -> QuerySet:
    query = query.strip()[:300]
    words = query_words(query)
    if not words:
        return cases
    exact = exact_matches(workspace_id, query)
    if exact:
        return cases.filter(pk__in=exact)
    return cases.filter(_fulltext(words))
