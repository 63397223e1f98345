"""One description, several problems: find them and propose one case for each.

"One problem, one appeal" (domain.md): a seller often writes everything at once — a penalty, a
supply that was not accepted and a card that vanished. `find_problems()` cuts the text at sentence
boundaries into runs of sentences about one kind of problem, or about one entity (two supplies with
two different shortages are two appeals). It prefers not to split: a long description of one problem
whose sentences drift over a few topics stays whole. Every part must stand on its own — the kind
model must be sure of it when it reads the part alone — before a split is proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sellerdesk.analysis import classify as classifier
from sellerdesk.language import morph
from sellerdesk.language.entities import extract as extract_entities
from sellerdesk.language.text import prepare, sentence_spans

# Identifiers that name one event; a split by entity needs different ones of these.
EVENT_KINDS = ("order", "supply", "shipment", "posting", "nmid", "sku", "article", "srid", "claim", "report")

SENTENCE_SURE = 0.75       # a sentence starts a new part only when the model is this sure of its kind…
PART_SURE = 0.75           # …and the part, read alone, is at least this sure
MARKED_SENTENCE_SURE = 0.4  # after "также", "ещё", "另外", "also" or a list number a new problem is announced:
MARKED_PART_SURE = 0.45     # less certainty is needed
MIN_WORDS = 3             # content words a sentence needs before it may open a part
MAX_PARTS = 8
SPLIT_CHARS = 8_000       # sentences past this are read as part of the last problem (a paste of a log, a letter)

_MARKER = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:также|еще|ещё|кроме того|помимо этого|помимо того|и еще|и ещё|"
    r"вторая проблема|второй вопрос|"
    r"следующ\w+ (?:проблема|вопрос)|отдельно|another (?:issue|problem|thing)|also|additionally|separately|"
    r"second(?:ly)?|plus|and also|另外|还有|此外|再就是|第二|其次|\d+[.)](?=\s))",
    re.IGNORECASE,
)
# a closing request belongs to the problem before it, whatever words it uses
# and so does a consequence ("из-за этого продажи стоят")
_REQUEST = re.compile(r"^\W*(?:прошу|просим|просьба|пожалуйста|помогите|please|kindly|we ask|请|麻烦|希望|要求|"
                      r"из-за этого|поэтому|в результате|в итоге|из-за чего|как следствие|because of (?:this|that)|"
                      r"as a result|so now|therefore|因此|所以|导致|结果)", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    kind: str
    confidence: float
    spans: tuple[tuple[int, int], ...]   # the sentences of this part, as spans in the text given
    text: str                            # those sentences joined
    entities: tuple = ()                 # language.entities.Entity found in those sentences
    topic: object | None = None          # playbook.Topic, when a book was given or found
    reason: str = ""                     # "" for a whole text; "kind" or "entity" for a proposed part

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else 0

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else 0

    @property
    def references(self) -> list[tuple[str, str]]:
        seen: dict[tuple[str, str], None] = {}
        for entity in self.entities:
            if entity.kind in EVENT_KINDS:
                seen[(entity.kind, entity.value)] = None
        return list(seen)


@dataclass
class _Sentence:
    span: tuple[int, int]
    text: str
    kind: str
    sure: float
    words: int
    marked: bool
    events: frozenset = field(default_factory=frozenset)   # (kind, value) of its event identifiers
    entities: tuple = ()


def find_problems(text: str, platform: str | None = None, book=None, *, model_path=None, whole=None,
                  entities=None) -> list[Problem]:
    """The problems in a description: one Problem for a single-problem text, several for a mixed one.

    A caller that already classified the same text, or found its entities, passes them (`whole`,
    `entities`) so that they are not worked out twice.
    """
    text = prepare(text).text
    if book is None and platform:
        book = classifier._shipped_book(platform)
    if whole is None:
        whole = classifier.classify(text, platform=platform, book=book, model_path=model_path)
    if entities is None:
        entities = extract_entities(text)
    spans = sentence_spans(text)
    if len(spans) < 2:
        return [_problem(text, spans or ([(0, len(text))] if text else []), whole, entities, "")]

    model = classifier.model(model_path)
    sentences = [_sentence(text, span, model, entities) for span in spans]
    groups = _by_kind(sentences)
    reason = "kind"
    if len(groups) < 2:
        groups = _by_entity(sentences)
        reason = "entity"
    parts = []
    if len(groups) >= 2:
        for group in groups:
            part_text = _join(text, group)
            result = classifier.classify(part_text, platform=platform, book=book, model_path=model_path)
            parts.append((group, result))
        if reason == "kind":
            parts = _merge_same_kind(parts, text, platform, book, model_path)
        announced = [_marked(group) for group, _ in parts]
        if len(parts) > 1 and announced[1]:
            announced[0] = True  # "…. Также …": the first part is the one the second is announced after
        sure = all(result.confidence >= (MARKED_PART_SURE if announced[i] else PART_SURE)
                   for i, (_, result) in enumerate(parts))
        if len(parts) >= 2 and sure and len({r.kind for _, r in parts}) >= (2 if reason == "kind" else 1):
            return [_problem(text, [s.span for s in group], result, [e for s in group for e in s.entities], reason)
                    for group, result in parts[:MAX_PARTS]]
    return [_problem(text, spans, whole, entities, "")]


def _sentence(text: str, span: tuple[int, int], model, entities) -> _Sentence:
    part = text[span[0]:span[1]]
    kind, sure, words = classifier.FALLBACK_KIND, 0.0, 0
    if span[0] < SPLIT_CHARS and any(ch.isalpha() for ch in part):
        tokens = morph.tokens(part[:classifier.ANALYSED_CHARS])
        words = len([w for w in tokens if w not in morph.STOP_WORDS])
        if words >= MIN_WORDS:  # a shorter sentence never opens a part: no need to read its kind
            probabilities = model.probabilities(part, tokens)
            kind = max(sorted(probabilities), key=probabilities.get)
            sure = probabilities[kind]
    inside = tuple(e for e in entities if span[0] <= e.start < span[1])
    events = frozenset((e.kind, e.value) for e in inside if e.kind in EVENT_KINDS)
    return _Sentence(span=span, text=part, kind=kind, sure=sure, words=words,
                     marked=bool(_MARKER.match(part)), events=events, entities=inside)


def _opens_part(s: _Sentence) -> bool:
    need = MARKED_SENTENCE_SURE if s.marked else SENTENCE_SURE
    return (s.kind != classifier.FALLBACK_KIND and s.sure >= need and s.words >= MIN_WORDS
            and not (not s.marked and _REQUEST.match(s.text)))


def _by_kind(sentences: list[_Sentence]) -> list[list[_Sentence]]:
    """Runs of sentences: a sure sentence of another kind opens a run; the rest follow the run before."""
    groups: list[list[_Sentence]] = []
    kinds: list[str | None] = []
    pending: list[_Sentence] = []  # unsure sentences before the first sure one
    for s in sentences:
        if _opens_part(s) and (not kinds or kinds[-1] != s.kind):
            if pending and s.marked:
                # "…. Ещё вопрос: …" — what came before is a problem of its own, whatever the model thinks
                groups.append(pending)
                kinds.append(None)
                groups.append([s])
            else:
                groups.append(pending + [s])
            kinds.append(s.kind)
            pending = []
        elif groups:
            groups[-1].append(s)
        else:
            pending.append(s)
    if pending:
        groups.append(pending)
        kinds.append(None)
    # A, B, A: an unannounced B between two runs of one kind is a detail of that one problem
    i = 1
    while i + 1 < len(groups):
        if kinds[i - 1] == kinds[i + 1] and not _marked(groups[i]) and not _marked(groups[i + 1]):
            groups[i - 1:i + 2] = [groups[i - 1] + groups[i] + groups[i + 1]]
            kinds[i - 1:i + 2] = [kinds[i - 1]]
        else:
            i += 1
    return groups


def _by_entity(sentences: list[_Sentence]) -> list[list[_Sentence]]:
    """Runs of sentences about different event identifiers of the same kind (two supplies, two orders)."""
    # a sentence that lists several identifiers of one kind describes one problem about all of them
    for s in sentences:
        kinds = [k for k, _ in s.events]
        if len(kinds) != len(set(kinds)):
            return []
    groups: list[list[_Sentence]] = []
    current: frozenset = frozenset()
    for s in sentences:
        if s.events and current and not (s.events & current) and {k for k, _ in s.events} & {k for k, _ in current} \
                and s.words >= MIN_WORDS:
            groups.append([s])
            current = s.events
        elif groups:
            groups[-1].append(s)
            current = current | s.events
        else:
            groups.append([s])
            current = s.events
    if len(groups) < 2:
        return []
    # every part must say something about its own identifier, not only name it
    if any(sum(s.words for s in group) < 2 * MIN_WORDS for group in groups):
        return []
    return groups


def _merge_same_kind(parts, text, platform, book, model_path):
    """Parts read alone may agree on a kind after all: put neighbours of one kind back together."""
    merged: list = []
    for group, result in parts:
        if merged and merged[-1][1].kind == result.kind:
            joined = merged[-1][0] + group
            merged[-1] = (joined, classifier.classify(_join(text, joined), platform=platform, book=book,
                                                      model_path=model_path))
        else:
            merged.append((group, result))
    return merged


def _marked(group: list[_Sentence]) -> bool:
    return bool(group) and group[0].marked


def _join(text: str, group: list[_Sentence]) -> str:
    return " ".join(text[s.span[0]:s.span[1]].strip() for s in group)


def _problem(text: str, spans, result, entities, reason: str) -> Problem:
    spans = tuple(spans)
    return Problem(kind=result.kind, confidence=result.confidence, spans=spans,
                   text=" ".join(text[a:b].strip() for a, b in spans), entities=tuple(entities),
                   topic=result.topic, reason=reason)
