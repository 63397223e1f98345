"""Journal search: full text over subject, body and numbers, plus exact entity references.

SQLite answers from an FTS5 table kept by triggers, PostgreSQL from a GIN index over
`to_tsvector('simple', search_text)`; both match every word of the query as a prefix, so
«штраф» finds «штрафа» and «SD-2026» finds the numbers that start so.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from sellerdesk.cases.models import EntityRef
from sellerdesk.language.identifiers import normalize_reference, spaced_cjk

MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def query_words(query: str) -> list[str]:
    return _WORD.findall(spaced_cjk(query.lower()))[:MAX_QUERY_WORDS]


def _fulltext(words: list[str]) -> Q:
    if connection.vendor == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        ids = RawSQL("SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s", [match])
        return Q(pk__in=ids)
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        return Q(RawSQL(
            "to_tsvector('simple'::regconfig, cases_case.search_text) @@ to_tsquery('simple'::regconfig, %s)",
            [tsquery], output_field=BooleanField(),
        ))
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return condition


def search_cases(cases: QuerySet, workspace_id: int, query: str) -> QuerySet:
    query = query.strip()[:300]
    words = query_words(query)
    if not words:
        return cases
    reference = normalize_reference(query)
    exact = EntityRef.objects.filter(workspace_id=workspace_id, value=reference).values("case_id")
    return cases.filter(
        _fulltext(words)
        | Q(pk__in=exact)
        | Q(number__iexact=query)
        | Q(external_number=query)
    )
