"""Text helpers of the knowledge base: search terms with synonyms, highlighted snippets, safe rendering.

A search term is a dictionary form (`language.morph`): a Russian lemma, an English stem, a Chinese
word. Chinese runs also give their character pairs, because the segmenter cuts the same phrase
differently in a query and in an article («没到账» → 没到 + 账, «到账» alone → 到账); pairs meet
either way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sellerdesk.knowledge.starter import synonym_groups
from sellerdesk.language.morph import STOP_WORDS, content_tokens, lemma, tokens
from sellerdesk.language.text import prepare

MAX_QUERY_CHARS = 4000  # a description longer than this says nothing more about which article fits
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)

ORIGINAL, PAIR, SYNONYM, SYNONYM_PART = 1.0, 0.5, 0.7, 0.35
# Words of a complaint that say nothing about which problem it is (lemmas).
FILLER_WORDS = frozenset(
    "большой хотеть мочь очень почему сделать делать просить прошу добрый день здравствуйте спасибо помочь "
    "пожалуйста проблема что-то какой-то вообще снова опять уже ещё еще сегодня вчера неделя прошлый "
    "хороший плохой срочно срочный уважаемый нужно надо help please problem hello 请问 你好 谢谢 帮忙 一直 怎么办 "
    "为什么 怎么 已经 问题".split()
)


def cjk_pairs(text: str) -> list[str]:
    """Overlapping pairs of Chinese characters in the text's Chinese runs."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return [p for p in out if p not in STOP_WORDS]


def document_terms(text: str) -> list[str]:
    """The terms of an article's text: content lemmas and Chinese character pairs."""
    return content_tokens(text) + cjk_pairs(text)


@dataclass(frozen=True)
class _Entry:
    sequence: tuple[str, ...]  # tokens() of the entry, stop words kept ("не", "видно")
    chinese: str  # the entry itself when it is Chinese: matched as a substring


@dataclass(frozen=True)
class _Group:
    entries: tuple[_Entry, ...]
    terms: dict[str, float]  # what the group adds to a query, with weights


@cache
def _groups() -> tuple[_Group, ...]:
    groups = []
    for words in synonym_groups():
        entries, terms = [], {}
        for word in words:
            chinese = word if _CJK_RUN.fullmatch(word) else ""
            entries.append(_Entry(tuple(tokens(word)), chinese))
            parts = {word} if chinese else set(content_tokens(word))
            # "не доехал" is a phrase: its one content word alone does not mean the same
            weight = SYNONYM if chinese or len(tokens(word)) == 1 else SYNONYM_PART
            for part in parts:
                terms[part] = max(terms.get(part, 0.0), weight)
        groups.append(_Group(tuple(entries), terms))
    return tuple(groups)


def synonym_groups_of(term: str) -> list[_Group]:
    """The groups that have `term` as a one-word entry."""
    return [group for group in _groups() if any(entry.sequence == (term,) for entry in group.entries)]


def _contains(sequence: list[str], positions: dict[str, list[int]], phrase: tuple[str, ...]) -> bool:
    """All words of the phrase within a window a little wider than the phrase, in any order."""
    if not phrase or any(word not in positions for word in phrase):
        return False
    if len(phrase) == 1:
        return True
    window = len(phrase) + 2
    for start in positions[phrase[0]]:
        if all(any(abs(p - start) < window for p in positions[word]) for word in phrase[1:]):
            return True
    return False


def matched_groups(text: str, sequence: list[str]) -> list[_Group]:
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(sequence):
        positions.setdefault(word, []).append(i)
    found = []
    for group in _groups():
        for entry in group.entries:
            if (entry.chinese and entry.chinese in text) or (not entry.chinese and
                                                               _contains(sequence, positions, entry.sequence)):
                found.append(group)
                break
    return found


@dataclass(frozen=True)
class Query:
    text: str
    terms: dict[str, float]  # term → weight: the person's own words 1.0, synonyms and pairs less
    own: frozenset[str]  # the terms that come from the text itself
    groups: tuple[frozenset[str], ...] = ()  # one-word terms of each synonym group the text touched

    def __bool__(self) -> bool:
        return bool(self.terms)


def make_query(raw: str | None) -> Query:
    """The weighted terms to search for a person's description, synonyms included."""
    text = prepare(raw or "", MAX_QUERY_CHARS).text
    sequence = tokens(text)
    terms: dict[str, float] = {}
    groups = matched_groups(text, sequence)
    for group in groups:
        for term, weight in group.terms.items():
            terms[term] = max(terms.get(term, 0.0), weight)
    for pair in cjk_pairs(text):
        terms[pair] = max(terms.get(pair, 0.0), PAIR)
    own = {t for t in content_tokens(text) if t not in FILLER_WORDS}
    for term in own:
        terms[term] = ORIGINAL
    words = tuple(frozenset(t for t, w in g.terms.items() if w >= SYNONYM) for g in groups)
    return Query(text, terms, frozenset(own), words)


# --- showing matches -----------------------------------------------------------------------------

def _match_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    spans = []
    for match in _WORD.finditer(text):
        if lemma(match.group()) in terms:
            spans.append(match.span())
    chinese = [t for t in terms if _CJK_RUN.fullmatch(t)]
    if chinese:
        for run in _CJK_RUN.finditer(text):
            for term in chinese:
                start = run.group().find(term)
                while start >= 0:
                    spans.append((run.start() + start, run.start() + start + len(term)))
                    start = run.group().find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: set[str] | frozenset[str]) -> SafeString:
    """The text escaped, with the words whose lemma is among `terms` wrapped in <mark>."""
    out, position = [], 0
    for start, end in _match_spans(text, set(terms)):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the text went through escape()


_MARKUP = re.compile(r"^\s{0,6}(?:#{1,6}\s+|[-*•]\s+|\d{1,3}[.)]\s+)|\*\*", re.MULTILINE)


def plain(body: str) -> str:
    """An article's text without its light markup, for snippets."""
    return _MARKUP.sub("", body)


def snippet(body: str, terms: set[str] | frozenset[str], length: int = 240) -> SafeString:
    """The part of a text that holds most matches, clipped to about `length` characters, highlighted."""
    text = plain(body)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()] or [""]
    best = max(paragraphs, key=lambda p: len(_match_spans(p, set(terms))))
    spans = _match_spans(best, set(terms))
    start = 0
    if spans and spans[0][0] > length // 3:
        start = best.rfind(" ", 0, spans[0][0] - length // 4) + 1
    piece = " ".join(best[start:start + length].split())
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(best) else ""
    return mark_safe(escape(prefix) + highlight(piece, terms) + escape(suffix))  # noqa: S308


# --- rendering an article ------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*([^*\n]{1,300}?)\*\*")
_HEADING = re.compile(r"#{1,6}\s+(.*)")
_BULLET = re.compile(r"[-*•]\s+(.*)")
_NUMBERED = re.compile(r"\d{1,3}[.)]\s+(.*)")


def _inline(line: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", str(escape(line)))


def render_body(body: str) -> SafeString:
    """An article's text as HTML: paragraphs, headings (#), lists (- or 1.) and **bold**.

    Nothing of the text is passed through as markup: every line is escaped first, and only the
    tags written here are added.
    """
    html: list[str] = []
    list_tag = ""
    paragraph: list[str] = []

    def flush_paragraph():
        if paragraph:
            html.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def close_list():
        nonlocal list_tag
        if list_tag:
            html.append(f"</{list_tag}>")
            list_tag = ""

    for raw_line in body.replace("\r\n", "\n").split("\n"):
        line = raw_line.strip()
        heading, bullet, numbered = _HEADING.fullmatch(line), _BULLET.fullmatch(line), _NUMBERED.fullmatch(line)
        if not line:
            flush_paragraph()
            close_list()
        elif heading:
            flush_paragraph()
            close_list()
            html.append(f"<h3>{_inline(heading.group(1))}</h3>")
        elif bullet or numbered:
            flush_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag != tag:
                close_list()
                html.append(f"<{tag}>")
                list_tag = tag
            html.append(f"<li>{_inline((bullet or numbered).group(1))}</li>")
        else:
            if list_tag and raw_line[:1].isspace():  # a wrapped list item continues
                html[-1] = html[-1][:-5] + " " + _inline(line) + "</li>"
                continue
            close_list()
            paragraph.append(_inline(line))
    flush_paragraph()
    close_list()
    return mark_safe("\n".join(html))  # noqa: S308 - built from escaped lines and our own tags


def term_counts(title_and_keywords: str, lemmas: str, full_text: str) -> Counter:
    """An article's term frequencies for ranking: title and keywords count four times."""
    counts = Counter(lemmas.split())
    for term in content_tokens(title_and_keywords):
        counts[term] += 3
    counts.update(cjk_pairs(full_text))
    for pair in cjk_pairs(title_and_keywords):
        counts[pair] += 3
    return counts
