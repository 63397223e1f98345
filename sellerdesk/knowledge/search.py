"""Self-diagnosis: find knowledge-base articles and solved cases that match a description.

Articles are ranked with BM25 over their lemmas, computed in Python over an in-memory index per
workspace (a workspace has hundreds of articles at most); the index is rebuilt when the
workspace's articles change (their count, ids or latest `updated_at`).

Solved cases (resolved or closed, won or partly won) can number a hundred thousand, so they are
never all read. The cases' full-text index (the FTS5 table on SQLite, the stored tsvector on
PostgreSQL, see `cases.search`) is asked for the description's rarest words, each with its
synonyms and spelled in all its forms, together and then in fewer combinations, a bounded number
of rows each time; when that finds little, the latest solved cases of the kind and shop are added.
At most a couple of hundred candidates are then reranked in Python by the lemmas they share with
the description, weighted by how rare each word is in the journal.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, Count, Max, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.safestring import SafeString

from sellerdesk.cases.choices import Kind, Outcome, Status
from sellerdesk.cases.models import Case
from sellerdesk.knowledge.models import Article, platform_label
from sellerdesk.knowledge.text import (
    PAIR,
    SYNONYM,
    Query,
    document_terms,
    highlight,
    make_query,
    snippet,
    synonym_groups_of,
    term_counts,
)
from sellerdesk.language import morph
from sellerdesk.language.text import detect_language

# BM25 parameters: the usual ones; articles are short and of similar length.
K1, B = 1.2, 0.75
MIN_SHARE_OF_BEST = 0.4  # hits far below the best one are noise
SAME_LANGUAGE_BOOST = 1.15
PREFERRED_KIND_BOOST = 1.3


# --- articles ------------------------------------------------------------------------------------

@dataclass
class _Doc:
    id: int
    slug: str
    title: str
    platforms: tuple[str, ...]
    kind: str
    language: str
    body: str
    counts: Counter
    length: int


@dataclass
class _Index:
    stamp: tuple
    docs: list[_Doc]
    df: Counter
    avg_length: float


_indexes: OrderedDict[int, _Index] = OrderedDict()  # the most recently searched workspaces
MAX_INDEXES = 100  # a hosting with thousands of workspaces keeps the busy ones
_lock = threading.Lock()


def _stamp(workspace_id: int) -> tuple:
    row = Article.objects.filter(workspace_id=workspace_id).aggregate(n=Count("id"), ids=Sum("id"),
                                                                       last=Max("updated_at"))
    return row["n"], row["ids"], row["last"]


def _build(workspace_id: int, stamp: tuple) -> _Index:
    docs, df = [], Counter()
    rows = Article.objects.filter(workspace_id=workspace_id).values(
        "id", "slug", "title", "platform", "kind", "language", "keywords", "body", "search_lemmas")
    for row in rows:
        head = f"{row['title']}\n{row['keywords']}"
        counts = term_counts(head, row["search_lemmas"], f"{head}\n{row['body']}")
        docs.append(_Doc(row["id"], row["slug"], row["title"], tuple(row["platform"].split()), row["kind"],
                         row["language"], row["body"], counts, sum(counts.values())))
        df.update(counts.keys())
    average = sum(d.length for d in docs) / len(docs) if docs else 1.0
    return _Index(stamp, docs, df, average or 1.0)


def article_index(workspace_id: int) -> _Index:
    """The workspace's article index, rebuilt when its articles changed since the last build."""
    stamp = _stamp(workspace_id)
    with _lock:
        index = _indexes.get(workspace_id)
        if index is not None and index.stamp == stamp:
            _indexes.move_to_end(workspace_id)
            return index
    index = _build(workspace_id, stamp)  # outside the lock: other workspaces need not wait
    with _lock:
        _indexes[workspace_id] = index
        _indexes.move_to_end(workspace_id)
        while len(_indexes) > MAX_INDEXES:
            _indexes.popitem(last=False)
    return index


@dataclass
class ArticleHit:
    id: int
    slug: str
    title: str
    platforms: tuple[str, ...]
    kind: str
    language: str
    score: float
    matched: list[str]  # the terms of the query found in the article, most telling first
    snippet: SafeString = field(repr=False, default=SafeString(""))
    title_html: SafeString = field(repr=False, default=SafeString(""))  # the title with the matches marked

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label if self.kind in Kind.values else self.kind

    @property
    def platform_labels(self) -> list[tuple[str, str]]:
        return [(code, platform_label(code)) for code in self.platforms]


def _bm25(index: _Index, doc: _Doc, query: Query) -> tuple[float, list[tuple[float, str]]]:
    """BM25 of the article for the query. Synonyms of one group count once, by the best of them:
    an article that says «утеря», «недостача» and «потеря» is not three times more about loss."""
    total, matched = 0.0, []
    best_of_group: dict[int, float] = {}
    n = len(index.docs)
    norm = K1 * (1 - B + B * doc.length / index.avg_length)
    for term, weight in query.terms.items():
        tf = doc.counts.get(term)
        if not tf:
            continue
        df = index.df[term]
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        part = weight * idf * tf * (K1 + 1) / (tf + norm)
        matched.append((part, term))
        group = None if term in query.own else _group_of(query, term)
        if group is None:
            total += part
        else:
            best_of_group[group] = max(best_of_group.get(group, 0.0), part)
    total += sum(best_of_group.values())
    matched.sort(reverse=True)
    return total, matched


def _group_of(query: Query, term: str) -> int | None:
    for position, group in enumerate(query.groups):
        if term in group:
            return position
    return None


def find_articles(workspace, text: str, platform: str | None = None, kind: str | None = None, limit: int = 5,
                  *, prefer_kind: str | None = None, language: str | None = None) -> list[ArticleHit]:
    """Articles of the workspace that answer the description, best first.

    `platform` keeps articles for that platform and those for any platform; `kind` keeps only
    that kind. `prefer_kind` (a classifier's guess) only lifts articles of that kind, and
    `language` (by default the description's own) lifts articles in that language.
    """
    query = make_query(text)
    if not query or limit <= 0:
        return []
    language = language or detect_language(query.text)
    index = article_index(workspace.pk)
    scored = []
    for doc in index.docs:
        if platform and doc.platforms and platform not in doc.platforms:
            continue
        if kind and doc.kind != kind:
            continue
        score, matched = _bm25(index, doc, query)
        if not any(term in query.own or query.terms[term] >= SYNONYM for _part, term in matched):
            continue  # only character pairs or phrase fragments in common: not a real match
        if prefer_kind and doc.kind == prefer_kind:
            score *= PREFERRED_KIND_BOOST
        if language and doc.language == language:
            score *= SAME_LANGUAGE_BOOST
        scored.append((score, doc, matched))
    if not scored:
        return []
    scored.sort(key=lambda item: (-item[0], item[1].title))
    best = scored[0][0]
    hits = []
    for score, doc, matched in scored[:limit]:
        if score < best * MIN_SHARE_OF_BEST:
            break
        terms = [term for _part, term in matched]
        hits.append(ArticleHit(doc.id, doc.slug, doc.title, doc.platforms, doc.kind, doc.language,
                               round(score, 3), terms, snippet(doc.body, set(terms)), highlight(doc.title, set(terms))))
    return hits


# --- solved cases --------------------------------------------------------------------------------

SOLVED_STATUSES = (Status.RESOLVED, Status.CLOSED)
GOOD_OUTCOMES = (Outcome.WON, Outcome.PARTIAL)
MAX_CONCEPTS = 4  # the description's words looked up in the full-text index, rarest first
MAX_LOOKUPS = 8
COUNT_CAP = 500  # "common" is common enough: counting stops here
TARGET_CANDIDATES = 60
MAX_CANDIDATES = 120
RECENT = 20
FTS_ROWS = 500  # newest matching rows of the (all-workspace) SQLite index looked at per lookup
MAX_FORMS = 24
MAX_WORDS_PER_CONCEPT = 60  # forms of a word and its synonyms in one lookup: each is a list the index merges
_SAFE_TERM = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=20_000)
def word_forms(term: str) -> tuple[str, ...]:
    """The forms a word takes in a text («отмена» → отмена, отмены, отмену…), to look it up in the
    full-text index exactly: exact words are read lazily by the index, prefixes are merged whole
    first, which costs ten times more on a big journal. Full participles and gerunds are left
    out (a verb would bring a hundred forms); the reranking sees them anyway."""
    if _CJK.search(term):
        return (term,)
    if not _CYRILLIC.search(term):
        return tuple(dict.fromkeys([term, f"{term}s", f"{term}es", f"{term}ed", f"{term}ing"]))
    forms = {term}
    for parse in morph._morph().parse(term):
        if parse.normal_form.replace("ё", "е") != term:
            continue
        for form in parse.lexeme:
            if not {"PRTF", "GRND", "COMP", "Supr"} & form.tag.grammemes:
                forms.add(form.word)
    # People write «приёмка» and «приемка»; neither index folds ё, so both spellings are asked for.
    short = sorted(forms, key=len)[:MAX_FORMS]
    return tuple(dict.fromkeys(v for form in short for v in (form.replace("ё", "е"), form)))


def _concepts(query: Query) -> list[list[str]]:
    """What the description is about, as lists of alternatives for the full-text index: each of
    its own words with its synonyms, and each synonym group it touched through a phrase
    («не видно» → скрыть, деактуализация…)."""
    concepts, covered = [], set()
    # Chinese words as the segmenter cut them, and every character pair: «没到账» in a query and
    # «未到账» in a case share 到账 whatever the cut; pairs found nowhere are dropped by their count.
    own = {t for t in query.own if not _CJK.match(t) or len(t) > 1 or synonym_groups_of(t)}
    own |= {t for t, w in query.terms.items() if w == PAIR and t not in query.own}
    for term in sorted(own, key=lambda t: -len(t)):
        if not _SAFE_TERM.fullmatch(term) or (len(term) < 2 and not _CJK.match(term)):
            continue
        alternatives = {term}
        for group in synonym_groups_of(term):
            alternatives |= {t for t, w in group.terms.items() if w >= SYNONYM and _SAFE_TERM.fullmatch(t)}
        concepts.append([term, *sorted(alternatives - {term})])  # the person's own word first
        covered |= alternatives
    for group in query.groups:
        if not group & covered:
            alternatives = sorted(t for t in group if _SAFE_TERM.fullmatch(t))
            if alternatives:
                concepts.append(alternatives)
                covered |= group
    return concepts


def _fts_alternative(term: str, sqlite: bool) -> list[str]:
    """The term as the index's query language spells it: a phrase of single characters for
    Chinese (the index spaces them out), each word form quoted."""
    if _CJK.search(term):
        return ['"' + " ".join(term) + '"' if sqlite else "(" + " <-> ".join(_pg_quote(c) for c in term) + ")"]
    return [f'"{form}"' if sqlite else _pg_quote(form) for form in word_forms(term)]


def _pg_quote(word: str) -> str:
    return "'" + word.replace("'", "''") + "'"  # a tsquery lexeme: «don't» stays one word


def _fts_expression(concepts: list[list[str]], sqlite: bool) -> str:
    joiner, either = (" AND ", " OR ") if sqlite else (" & ", " | ")
    parts = []
    for alternatives in concepts:
        words = list(dict.fromkeys(w for term in alternatives for w in _fts_alternative(term, sqlite)))
        parts.append("(" + either.join(words[:MAX_WORDS_PER_CONCEPT]) + ")")
    return joiner.join(parts)


def _solved(workspace):
    return Case.objects.filter(workspace=workspace, status__in=SOLVED_STATUSES, outcome__in=GOOD_OUTCOMES)


class _SqliteText:
    """SQLite: the FTS5 table covers every workspace, so it is asked alone (fast, newest rows first)
    and its row ids are then checked against the workspace, the status and the outcome by key."""

    def __init__(self, workspace):
        self.workspace = workspace

    def count(self, concepts) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM (SELECT 1 FROM cases_case_fts WHERE cases_case_fts MATCH %s LIMIT %s)",
                           [_fts_expression(concepts, True), COUNT_CAP])
            return cursor.fetchone()[0]

    def ids(self, concepts) -> list[int]:
        # The newest FTS_ROWS matches of all workspaces, then this workspace's solved ones among
        # them, each looked up by key: bounded work however big the other workspaces are.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.id FROM (SELECT rowid FROM cases_case_fts WHERE cases_case_fts MATCH %s"
                " ORDER BY rowid DESC LIMIT %s) AS f JOIN cases_case AS c ON c.id = f.rowid"
                " WHERE c.workspace_id = %s AND c.status IN (%s, %s) AND c.outcome IN (%s, %s) LIMIT %s",
                [_fts_expression(concepts, True), FTS_ROWS, self.workspace.pk, *SOLVED_STATUSES, *GOOD_OUTCOMES,
                 MAX_CANDIDATES])
            return [row[0] for row in cursor.fetchall()]


class _PostgresText:
    """PostgreSQL: the stored search vector with its GIN index, combined with the workspace filter."""

    def __init__(self, workspace):
        self.workspace = workspace

    def _filter(self, concepts) -> Q:
        return Q(RawSQL("cases_case.search_vector @@ to_tsquery('simple'::regconfig, %s)",
                        [_fts_expression(concepts, False)], output_field=BooleanField()))

    def count(self, concepts) -> int:
        return _solved(self.workspace).filter(self._filter(concepts)).values("id")[:COUNT_CAP].count()

    def ids(self, concepts) -> list[int]:
        rows = _solved(self.workspace).filter(self._filter(concepts)).order_by("-id")
        return list(rows.values_list("id", flat=True)[:MAX_CANDIDATES])


def _candidates_by_text(workspace, query: Query) -> tuple[dict[int, set[int]], list[tuple[int, list[str]]]]:
    """Ids of solved cases that share the most telling words with the description.

    Each word (with its synonyms) is counted in the full-text index up to COUNT_CAP; the rarest
    words that occur at all are then required together, then all but one in every way, and so
    on, until enough candidates are found or the lookups run out. Returns the candidates with the
    positions (in the counted list) of the words the index found in each, and the counted words.
    """
    engine = _SqliteText(workspace) if connection.vendor == "sqlite" else _PostgresText(workspace)
    counted = []
    for alternatives in _concepts(query)[: MAX_CONCEPTS * 2]:
        counted.append((engine.count([alternatives]), alternatives))
    counted.sort(key=lambda item: item[0])
    chosen = [i for i, (n, _alternatives) in enumerate(counted) if n][:MAX_CONCEPTS]
    found: dict[int, set[int]] = {}
    lookups = 0
    for size in range(len(chosen), 0, -1):  # all words together, then any but one, and so on
        for combination in itertools.combinations(chosen, size):
            if len(found) >= TARGET_CANDIDATES or lookups >= MAX_LOOKUPS:
                break
            for pk in engine.ids([counted[i][1] for i in combination]):
                found.setdefault(pk, set()).update(combination)
            lookups += 1
    return dict(list(found.items())[:MAX_CANDIDATES]), counted


def _recent(workspace, kind: str | None, shop) -> list[int]:
    """The latest solved cases of the kind (and shop), or of the workspace when no kind is known:
    candidates the words may have missed, and all there is in a young workspace."""
    ids: list[int] = []
    for status in SOLVED_STATUSES:  # one status at a time: each walks an index in date order
        rows = Case.objects.filter(workspace=workspace, status=status, outcome__in=GOOD_OUTCOMES)
        if kind:
            rows = rows.filter(kind=kind)
        if shop is not None:
            rows = rows.filter(shop=shop)
        ids.extend(rows.order_by("-updated_at").values_list("id", flat=True)[:RECENT])
    return ids


@dataclass
class CaseHit:
    id: int
    number: str
    subject: str
    platform: str
    kind: str
    shop_name: str
    outcome: str
    money_recovered: Decimal
    currency: str
    external_number: str
    score: float
    matched: list[str]
    snippet: SafeString = field(repr=False, default=SafeString(""))

    @property
    def platform_label(self) -> str:
        return platform_label(self.platform)

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label if self.outcome in Outcome.values else self.outcome

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label if self.kind in Kind.values else self.kind


_case_terms: dict[tuple[int, object], tuple[frozenset[str], frozenset[str]]] = {}
CASE_TERMS_CACHE = 50_000


def _terms_of_case(row: dict) -> tuple[frozenset[str], frozenset[str]]:
    key = (row["id"], row["updated_at"])
    cached = _case_terms.get(key)
    if cached is None:
        subject = frozenset(document_terms(row["subject"]))
        rest = frozenset(document_terms(f"{row['note']}\n{row['head']}"))
        cached = (subject, rest)
        if len(_case_terms) >= CASE_TERMS_CACHE:
            _case_terms.clear()
        _case_terms[key] = cached
    return cached


def _case_score(query: Query, concepts: list[tuple[int, list[str]]], subject: frozenset[str],
                rest: frozenset[str], indexed: set[int]) -> tuple[float, list[str]]:
    """How well a case matches: each of the description's words (or one of its synonyms) found
    counts by its rarity in the journal, more in the subject; a case must share at least one.
    `indexed` are the words the full-text index found in the case's whole text (the reranking
    reads only its beginning)."""
    score, matched, covered = 0.0, [], set()
    for position, (count, alternatives) in enumerate(concepts):
        idf = math.log(1 + 10 * COUNT_CAP / (count + 1))
        best = SYNONYM if position in indexed else 0.0
        for term in alternatives:
            if term in subject or term in rest:
                weight = query.terms.get(term, SYNONYM) * (1.5 if term in subject else 1.0)
                if weight > best:
                    best = weight
                if term not in matched:
                    matched.append(term)
        covered.update(alternatives)
        score += best * idf
    if not matched:  # nothing to show the person: the index matched deep in a long text only
        return 0.0, []
    for term, weight in query.terms.items():  # phrase parts and character pairs: a small extra
        if term not in covered and (term in subject or term in rest):
            score += weight
            matched.append(term)
    return score, matched


def find_solved_cases(workspace, text: str, shop=None, kind: str | None = None, limit: int = 5) -> list[CaseHit]:
    """Resolved or closed cases of the workspace, won or partly won, that look like the description.

    `shop` and `kind` lift cases of the same shop and kind (and, when the words find little,
    bring in the latest of them as candidates); they do not exclude others.
    """
    query = make_query(text)
    if not query or limit <= 0:
        return []
    ids, concepts = _candidates_by_text(workspace, query)
    if len(ids) < TARGET_CANDIDATES:  # the words found little: look at the latest solved cases too
        for pk in _recent(workspace, kind, shop):
            ids.setdefault(pk, set())
    if not ids:
        return []
    rows = list(Case.objects.filter(workspace=workspace, pk__in=list(ids)).values(
        "id", "number", "subject", "platform", "kind", "shop_id", "shop__name", "outcome", "money_recovered",
        "currency", "external_number", "updated_at", note=Substr("outcome_note", 1, 400), head=Substr("body", 1, 500)))
    shop_id = getattr(shop, "pk", shop)
    scored = []
    for row in rows:
        score, matched = _case_score(query, concepts, *_terms_of_case(row), ids[row["id"]])
        if not score:
            continue
        if kind and row["kind"] == kind:
            score *= 1.2
        if shop_id is not None and row["shop_id"] == shop_id:
            score *= 1.1
        if row["outcome"] == Outcome.WON:
            score *= 1.05
        scored.append((score, row, matched))
    scored.sort(key=lambda item: (-item[0], -item[1]["id"]))
    if not scored:
        return []
    best = scored[0][0]
    hits = []
    for score, row, terms in scored[:limit]:
        if score < best * MIN_SHARE_OF_BEST:
            break
        shown = row["note"] or row["head"] or row["subject"]
        hits.append(CaseHit(
            row["id"], row["number"], row["subject"], row["platform"], row["kind"], row["shop__name"],
            row["outcome"], row["money_recovered"], row["currency"], row["external_number"], round(score, 3),
            terms, snippet(shown, set(terms), 200),
        ))
    return hits


def suggestions_for(workspace, text: str, platform: str | None = None, kind: str | None = None, *,
                    shop=None, language: str | None = None, limit: int = 5) -> dict:
    """What the appeal wizard shows before a person writes: matching articles and solved cases."""
    return {
        "articles": find_articles(workspace, text, platform=platform or None, limit=limit,
                                  prefer_kind=kind or None, language=language),
        "cases": find_solved_cases(workspace, text, shop=shop, kind=kind or None, limit=limit),
    }


__all__ = ["ArticleHit", "CaseHit", "article_index", "find_articles",
           "find_solved_cases", "suggestions_for", "word_forms"]
