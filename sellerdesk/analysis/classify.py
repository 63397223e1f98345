"""The kind of problem a description is about, and the platform's topic for it.

A linear model over two views of the text: the words (`morph.tokens`: Russian and English lemmas,
Chinese words; unigrams and bigrams) and character n-grams (robust to typos, slang and words the
dictionaries do not know). `train()` fits it with scikit-learn on the labelled descriptions in
`data/descriptions.jsonl` and exports it to a plain JSON file (`model/kind_model.json`: terms,
idf, one weight per kind, intercepts), so classifying needs neither scikit-learn nor pickle.

The topic is chosen from the platform's book: among the topics of the predicted kind (and, with a
penalty, of the runner-up kinds) the one whose keywords the text contains, compared on lemmas, so
«не пришли деньги» finds the keyword «деньги не пришли» and «钱没到账» finds itself.
"""

from __future__ import annotations

import json
import math
import re
import threading
from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter, mul
from pathlib import Path

from sellerdesk.language import morph
from sellerdesk.language.text import prepare

MODEL_PATH = Path(__file__).parent / "model" / "kind_model.json"
KINDS = ("finance", "logistics", "content", "access", "technical", "documents", "promotion", "reviews", "other")
FALLBACK_KIND = "other"
ANALYSED_CHARS = 4_000  # the kind shows in the first paragraphs; a huge paste is read up to here
CHAR_NGRAM_CHARS = 600  # character n-grams (for typos and unknown words) from the beginning only: speed
RUNNER_UP_PENALTY = 0.5  # a runner-up kind's topic must match much better to win
MODEL_FORMAT = 2
GLOSSARY_REPEAT = 2  # each glossary entry counts twice: one line of it stands for many sellers' texts
WEIGHT_SCALE = 1000  # weights are stored as integers in thousandths: small, stable files

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DIGITS = re.compile(r"\d+")
_CHUNK = re.compile(r"[^\W_]+", re.UNICODE)


class ModelMissing(RuntimeError):
    """The exported model file is absent or unreadable."""


# --- features ----------------------------------------------------------------------------------------

DEFAULT_FEATURES = {"word_ngrams": 2, "char_min": 3, "char_max": 5, "cjk_min": 1, "cjk_max": 3, "word_weight": 2}

# Signs that numbers and symbols give and the words drop: an HTTP status, an API path, a version.
_SIGNS = (
    ("http_error", re.compile(r"(?<![\d.,])[45]\d\d(?![\d.,%])")),
    ("api_path", re.compile(r"/(?:api/)?v\d+/\w")),
    ("version", re.compile(r"(?<!\w)v?\d{1,2}\.\d{1,2}\.\d{1,3}(?!\d)")),
    ("money", re.compile(r"\d\s?(?:₽|руб|р\.|rub|тыс|k\b|к\b|卢布|元|usd|\$)", re.IGNORECASE)),
    ("percent", re.compile(r"\d\s?%")),
)


def analyze(text: str, config: dict | None = None, words: list[str] | None = None) -> list[str]:
    """The features of a text, in order (repeats count): the one analyzer of training and inference.

    `words` may pass `morph.tokens(text[:ANALYSED_CHARS])` when the caller already has them.
    """
    cfg = config or DEFAULT_FEATURES
    word_features, other = _features(text, cfg, words)
    return word_features * max(1, int(cfg.get("word_weight", 1))) + other


def feature_counts(text: str, config: dict | None = None, words: list[str] | None = None) -> Counter:
    """`Counter(analyze(...))`, without building the repeated list (inference's faster path)."""
    cfg = config or DEFAULT_FEATURES
    word_features, other = _features(text, cfg, words)
    counts = Counter(other)
    weight = max(1, int(cfg.get("word_weight", 1)))
    for feature, count in Counter(word_features).items():
        counts[feature] += count * weight
    return counts


def _features(text: str, cfg: dict, words: list[str] | None) -> tuple[list[str], list[str]]:
    """Word features (lemmas, bigrams; they count `word_weight` times) and the rest (signs, n-grams)."""
    text = text[:ANALYSED_CHARS]
    if words is None:
        words = morph.tokens(text)
    words = [w for w in words if w not in morph.STOP_WORDS]
    word_features = [f"w:{w}" for w in words]
    if cfg["word_ngrams"] >= 2:
        word_features.extend(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    other = [f"s:{name}" for name, pattern in _SIGNS if pattern.search(text)]
    lowered = _DIGITS.sub("0", text[:CHAR_NGRAM_CHARS].lower().replace("ё", "е"))
    for chunk in _CHUNK.findall(lowered):
        for run in _CJK_RUN.findall(chunk):
            other.extend(_ngrams(run, cfg["cjk_min"], cfg["cjk_max"], "z:"))
        rest = _CJK_RUN.sub(" ", chunk)
        for word in rest.split():
            if len(word) > morph.MAX_WORD:
                continue
            other.extend(_ngrams(f" {word} ", cfg["char_min"], cfg["char_max"], "c:"))
    return word_features, other


def _ngrams(s: str, low: int, high: int, prefix: str) -> list[str]:
    out = []
    for n in range(low, high + 1):
        if n > len(s):
            break
        out.extend(prefix + s[i:i + n] for i in range(len(s) - n + 1))
    return out


# --- the exported model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindModel:
    classes: tuple[str, ...]
    features: dict
    index: dict[str, int]
    idf: array                      # per term
    weights: tuple[array, ...]      # per class: one weight per term
    intercepts: tuple[float, ...]
    temperature: float = 1.0

    def scores(self, text: str, words: list[str] | None = None) -> list[float]:
        counts = feature_counts(text, self.features, words)
        ids = list(map(self.index.get, counts))
        known = [i is not None for i in ids]
        positions = list(compress(ids, known))
        if not positions:
            return list(self.intercepts)
        idf, log = self.idf, math.log
        values = [(1.0 + log(count)) * idf[i] if count > 1 else idf[i]
                  for i, count in zip(positions, compress(counts.values(), known), strict=True)]
        norm = math.sqrt(sum(map(mul, values, values))) or 1.0
        pick = itemgetter(*positions) if len(positions) > 1 else (lambda row: (row[positions[0]],))
        return [b + sum(map(mul, values, pick(row))) / norm
                for b, row in zip(self.intercepts, self.weights, strict=True)]

    def probabilities(self, text: str, words: list[str] | None = None) -> dict[str, float]:
        scores = self.scores(text, words)
        top = max(scores)
        t = self.temperature
        exps = [math.exp((s - top) / t) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


def read_model(path: str | Path) -> KindModel:
    try:
        with open(path, encoding="utf-8") as fh:
            header = json.loads(fh.readline())
            rows = json.loads("[" + ",".join(line for line in fh if line.strip()) + "]")
        if header.get("format") != MODEL_FORMAT:
            raise ModelMissing(f"The kind model {path} has an old format: run `sellerdesk train` to rebuild it.")
        classes = tuple(header["classes"])
        scale = float(header["scale"])
        index = {row[0]: number for number, row in enumerate(rows)}
        idf = array("d", (row[1] for row in rows))
        weights = tuple(array("d", (row[2][k] / scale for row in rows)) for k in range(len(classes)))
    except FileNotFoundError:
        raise ModelMissing(f"The kind model {path} is missing: run `sellerdesk train` to build it.") from None
    except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
        raise ModelMissing(f"The kind model {path} is unreadable ({exc}): run `sellerdesk train` to rebuild it.") \
            from None
    return KindModel(classes=classes, features=header["features"], index=index, idf=idf, weights=weights,
                     intercepts=tuple(header["intercepts"]), temperature=float(header.get("temperature", 1.0)))


_lock = threading.Lock()
_models: dict[str, KindModel] = {}


def model(path: str | Path | None = None) -> KindModel:
    """The exported model, read once per process (thread-safe)."""
    key = str(path or MODEL_PATH)
    loaded = _models.get(key)
    if loaded is None:
        with _lock:
            loaded = _models.get(key)
            if loaded is None:
                loaded = _models[key] = read_model(key)
    return loaded


def forget_models() -> None:
    """Drop cached models (after `train` wrote a new file in this process)."""
    with _lock:
        _models.clear()


# --- classifying ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Classification:
    kind: str
    confidence: float
    alternatives: list[tuple[str, float]]          # the three likeliest kinds, the best first
    topic: object | None = None                     # playbook.Topic
    topic_confidence: float = 0.0
    topic_alternatives: list[tuple[object, float]] = field(default_factory=list)

    def as_dict(self) -> dict:
        def topic_dict(t):
            return {"code": t.code, "category": t.category, "label": t.label, "kind": t.kind}

        return {
            "kind": self.kind, "confidence": round(self.confidence, 4),
            "alternatives": [[k, round(p, 4)] for k, p in self.alternatives],
            "topic": topic_dict(self.topic) if self.topic else None,
            "topic_confidence": round(self.topic_confidence, 4),
            "topic_alternatives": [[topic_dict(t), round(p, 4)] for t, p in self.topic_alternatives],
        }


def classify(text: str, platform: str | None = None, book=None, *, model_path: str | Path | None = None
             ) -> Classification:
    """The kind of problem in `text` and, with the platform's book, its topic.

    `book` is a `playbook.PlatformBook`; without it the shipped book of `platform` is used, and
    without either no topic is chosen. Never raises on any text; raises `ModelMissing` when the
    model file has not been built.
    """
    loaded = model(model_path)
    text = prepare(text).text
    if not _has_words(text):
        probabilities = {k: (0.2 if k == FALLBACK_KIND else 0.1) for k in loaded.classes}
        total = sum(probabilities.values())
        probabilities = {k: p / total for k, p in probabilities.items()}
        words = []
    else:
        words = morph.tokens(text[:ANALYSED_CHARS])
        probabilities = apply_overrides(text, words, loaded.probabilities(text, words))
    ranked = sorted(probabilities.items(), key=lambda kp: (-kp[1], kp[0]))
    kind, confidence = ranked[0]
    if book is None and platform:
        book = _shipped_book(platform)
    topic, topic_confidence, topic_alternatives = None, 0.0, []
    if book is not None and book.topics:
        topic, topic_confidence, topic_alternatives = choose_topic(text, ranked, book, words)
    return Classification(kind=kind, confidence=confidence, alternatives=ranked[:3], topic=topic,
                          topic_confidence=topic_confidence, topic_alternatives=topic_alternatives)


@dataclass(frozen=True)
class Override:
    kind: str
    over: frozenset[str]
    floor: float
    lemmas: frozenset[str]
    chinese: tuple[str, ...]


_overrides_lock = threading.Lock()
_overrides: list[Override] | None = None


def overrides() -> list[Override]:
    """The rules layer from `data/lexicon.toml` ([[overrides]]), read once."""
    global _overrides
    if _overrides is None:
        with _overrides_lock:
            if _overrides is None:
                import tomllib

                with open(Path(__file__).parent / "data" / "lexicon.toml", "rb") as fh:
                    rows = tomllib.load(fh).get("overrides", [])
                _overrides = [Override(kind=row["kind"], over=frozenset(row["over"]), floor=float(row["floor"]),
                                       lemmas=frozenset(lemma for word in row["words"] for lemma in morph.tokens(word)),
                                       chinese=tuple(row.get("chinese", ())))
                              for row in rows]
    return _overrides


def apply_overrides(text: str, words: list[str], probabilities: dict[str, float]) -> dict[str, float]:
    """The model's probabilities, or — when a strong word says so — the same numbers with the
    override's kind swapped into first place."""
    best = max(sorted(probabilities), key=probabilities.get)
    present = None
    for rule in overrides():
        if best not in rule.over or probabilities.get(rule.kind, 0.0) < rule.floor:
            continue
        if present is None:
            present = set(words)
        clipped = text[:ANALYSED_CHARS]
        if present & rule.lemmas or any(word in clipped for word in rule.chinese):
            swapped = dict(probabilities)
            swapped[best], swapped[rule.kind] = probabilities[rule.kind], probabilities[best]
            return swapped
    return probabilities


def _has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text[:ANALYSED_CHARS])


def _shipped_book(platform: str):
    try:
        from sellerdesk.playbook import book as shipped

        return shipped(platform)
    except Exception:  # an unknown platform or a playbook file being edited: classify without topics
        return None


# --- topics -------------------------------------------------------------------------------------------------


def choose_topic(text: str, ranked: list[tuple[str, float]], book, words: list[str] | None = None
                 ) -> tuple[object | None, float, list]:
    """The best topic among the top three kinds' topics: kind probability × keyword evidence."""
    lemmas = words if words is not None else morph.tokens(text[:ANALYSED_CHARS])
    lemma_set = set(lemmas)
    joined = " " + " ".join(lemmas) + " "
    lowered = text[:ANALYSED_CHARS].lower().replace("ё", "е")
    scored = []
    for position, (kind, probability) in enumerate(ranked[:3]):
        topics = book.topics_of(kind)
        if not topics:
            continue
        evidence = [_keyword_score(t.keywords, joined, lemma_set, lowered) for t in topics]
        weights = [1.0 + 2.0 * e for e in evidence]
        total = sum(weights)
        factor = 1.0 if position == 0 else RUNNER_UP_PENALTY
        for t, e, w in zip(topics, evidence, weights, strict=True):
            # a runner-up kind's topic counts only where its keywords are in the text
            if position and not e:
                continue
            scored.append((t, probability * factor * w / total, e))
    if not scored:
        return None, 0.0, []
    total = sum(s for _, s, _ in scored) or 1.0
    ranked_topics = sorted(((t, s / total) for t, s, _ in scored), key=lambda ts: (-ts[1], ts[0].code))
    best, best_share = ranked_topics[0]
    return best, best_share, ranked_topics[:3]


_keyword_cache: dict[tuple[str, ...], list] = {}


def _prepared_keywords(keywords: tuple[str, ...]) -> list[tuple[str, str, tuple[str, ...], object, bool]]:
    """Per keyword: its lower-case form, its lemma phrase padded for `in`, its lemmas, a word-boundary
    pattern for Latin words (or None), whether it is Chinese — computed once per topic."""
    prepared = _keyword_cache.get(keywords)
    if prepared is None:
        prepared = []
        for keyword in keywords:
            word = keyword.lower().replace("ё", "е").strip()
            if word:
                lemmas = tuple(morph.tokens(word))
                latin = re.compile(r"\b" + re.escape(word) + r"\b") if len(word) >= 4 and word.isascii() else None
                prepared.append((word, " " + " ".join(lemmas) + " ", lemmas, latin, bool(_CJK.search(word))))
        if len(_keyword_cache) < 10_000:
            _keyword_cache[keywords] = prepared
    return prepared


def _keyword_score(keywords: tuple[str, ...], joined: str, lemma_set: set[str], lowered: str) -> float:
    """How strongly the text carries a topic's keywords: phrases in order count most, then all words."""
    score = 0.0
    for raw, phrase, lemmas, latin, chinese in _prepared_keywords(keywords):
        if not lemmas:
            continue
        if chinese:
            if raw in lowered:
                score += 1.0 + 0.25 * min(len(raw), 6)
            continue
        if phrase in joined:
            score += len(lemmas)
        elif len(lemmas) > 1 and all(lemma in lemma_set for lemma in lemmas):
            score += 0.6 * len(lemmas)
        elif latin is not None and raw in lowered and latin.search(lowered):
            score += 1.0
    return score


# --- training (scikit-learn is needed here only) ----------------------------------------------------------


@dataclass
class TrainReport:
    path: Path
    examples: int
    train_size: int
    test_size: int
    accuracy: float
    per_language: dict[str, float]
    per_kind_recall: dict[str, float]
    confusion: dict[str, dict[str, int]]
    terms: int
    temperature: float = 1.0


def train(data: str | Path | None = None, out: str | Path | None = None, *, examples=None,
          features: dict | None = None, c: float = 20.0, glossary: bool = True, calibrate: bool = False
          ) -> TrainReport:
    """Fit the model on the train part of the labelled set, export it to `out`, measure it on the test part.

    Besides the labelled descriptions the model learns from the glossary (`data/lexicon.toml`) and
    the shipped playbook's topic keywords, one short example per entry, so a plain or official word
    that no description used is still known. The same data gives the same file byte for byte
    (deterministic solver, fixed folds, sorted terms, rounded numbers).

    With `calibrate`, the scores are given a temperature so that the confidence means what it says:
    it is fitted on five-fold cross-validated predictions of the train part (never the test part).
    Off by default for now: the lint's and the splitter's thresholds were set on uncalibrated
    scores (which understate confidence: mean 0.73 for 0.86 accuracy); the fitted temperature is 0.6.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from sellerdesk.analysis.data import dataset

    if examples is None:
        examples = dataset.load(data or dataset.DESCRIPTIONS)
    out = Path(out or MODEL_PATH)
    config = dict(features or DEFAULT_FEATURES)
    training = sorted((e for e in examples if e.split == "train"), key=lambda e: e.id)
    held_out = sorted((e for e in examples if e.split == "test"), key=lambda e: e.id)
    if len({e.kind for e in training}) < 2:
        raise ValueError("training needs examples of at least two kinds")

    texts = [prepare(e.text).text for e in training]
    labels = [e.kind for e in training]
    extra = glossary_examples() if glossary else []
    analysed: dict[str, list[str]] = {}

    def analyzer(s: str) -> list[str]:
        features = analysed.get(s)
        if features is None:
            features = analysed[s] = analyze(s, config)
        return features

    def fit(fit_texts: list[str], fit_labels: list[str]):
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, lowercase=False,
                                     vocabulary=_vocabulary([analyzer(t) for t in fit_texts]))
        matrix = vectorizer.fit_transform(fit_texts)
        classifier = LogisticRegression(C=c, max_iter=5000, random_state=0, tol=1e-6)
        classifier.fit(matrix, fit_labels)
        return vectorizer, classifier

    vectorizer, classifier = fit(texts + [t for t, _ in extra], labels + [k for _, k in extra])
    temperature = _temperature(texts, labels, extra, fit) if calibrate else 1.0
    _export(out, vectorizer, classifier, config, temperature)
    forget_models()
    exported = read_model(out)
    return _evaluate(exported, out, examples, training, held_out)


def _temperature(texts: list[str], labels: list[str], extra: list[tuple[str, str]], fit) -> float:
    """The temperature that makes cross-validated probabilities of the train part best (least log loss)."""
    from sklearn.model_selection import StratifiedKFold

    smallest = min(Counter(labels).values())
    folds = min(5, smallest)
    if folds < 2:
        return 1.0
    scores, truth = [], []
    for fit_idx, probe_idx in StratifiedKFold(folds, shuffle=True, random_state=0).split(texts, labels):
        vectorizer, classifier = fit([texts[i] for i in fit_idx] + [t for t, _ in extra],
                                     [labels[i] for i in fit_idx] + [k for _, k in extra])
        decision = classifier.decision_function(vectorizer.transform([texts[i] for i in probe_idx]))
        classes = list(classifier.classes_)
        for row, i in zip(decision.tolist(), probe_idx, strict=True):
            if labels[i] in classes:
                scores.append(row if isinstance(row, list) else [-row / 2, row / 2])
                truth.append(classes.index(labels[i]))

    def log_loss(t: float) -> float:
        total = 0.0
        for row, right in zip(scores, truth, strict=True):
            top = max(row)
            total += math.log(sum(math.exp((x - top) / t) for x in row)) - (row[right] - top) / t
        return total

    candidates = [round(0.2 + 0.05 * i, 2) for i in range(57)]  # 0.2 … 3.0
    return min(candidates, key=lambda t: (log_loss(t), t))


def glossary_examples() -> list[tuple[str, str]]:
    """(text, kind) pairs from the glossary and from every shipped platform's topic keywords, in a fixed order."""
    import tomllib

    from sellerdesk.analysis.data import dataset

    pairs: list[tuple[str, str]] = []
    with open(dataset.DATA_DIR / "lexicon.toml", "rb") as fh:
        lexicon = tomllib.load(fh)
    for kind in sorted(k for k in lexicon if k in KINDS):
        for language in sorted(lexicon[kind]):
            pairs.extend((word, kind) for word in lexicon[kind][language])
    try:
        from sellerdesk.playbook import book, platforms

        for code in sorted(platforms()):
            for topic in book(code).topics:
                pairs.extend((word, topic.kind) for word in topic.keywords if topic.kind in KINDS)
    except Exception:  # the playbook's files are not the model's to check: learn without them
        pass
    return [(text, kind) for text, kind in pairs if text.strip()] * GLOSSARY_REPEAT


def _vocabulary(analysed: list[list[str]]) -> list[str]:
    """Every word feature; character n-grams only when two texts share them (typos are not features)."""
    frequency: Counter = Counter()
    for features in analysed:
        frequency.update(set(features))
    return sorted(f for f, n in frequency.items() if n >= 2 or f[:2] in ("w:", "b:"))


def _round(x: float) -> float:
    value = round(float(x), 4)
    return 0.0 if value == 0 else value


def _export(out: Path, vectorizer, classifier, config: dict, temperature: float = 1.0) -> None:
    classes = [str(c) for c in classifier.classes_]
    vocabulary = vectorizer.vocabulary_
    idf = vectorizer.idf_
    coef = classifier.coef_
    if coef.shape[0] == 1:  # two classes: sklearn keeps one row; make it symmetric
        coef = [[-x / 2 for x in coef[0]], [x / 2 for x in coef[0]]]
        intercepts = [-classifier.intercept_[0] / 2, classifier.intercept_[0] / 2]
    else:
        coef = coef.tolist()
        intercepts = classifier.intercept_.tolist()
    out.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": MODEL_FORMAT, "classes": classes, "features": config, "scale": WEIGHT_SCALE,
              "temperature": temperature,
              "intercepts": [_round(x) for x in intercepts],
              "about": "SellerDesk kind model: one line per term [term, idf, weights per class]; "
                       "rebuild with `sellerdesk train`"}
    lines = [json.dumps(header, ensure_ascii=False, sort_keys=True)]
    for term in sorted(vocabulary):
        j = vocabulary[term]
        weights = [round(float(row[j]) * WEIGHT_SCALE) for row in coef]
        if not any(weights):
            continue  # a term that moves no class is not worth a line
        lines.append(json.dumps([term, _round(idf[j]), weights], ensure_ascii=False))
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(out)


def _evaluate(exported: KindModel, out: Path, examples, training, held_out) -> TrainReport:
    per_lang: dict[str, list[int]] = {}
    per_kind: dict[str, list[int]] = {}
    confusion: dict[str, dict[str, int]] = {}
    right = 0
    for e in held_out:
        text = prepare(e.text).text
        words = morph.tokens(text[:ANALYSED_CHARS])
        probabilities = apply_overrides(text, words, exported.probabilities(text, words))
        predicted = max(sorted(probabilities), key=probabilities.get)
        ok = int(predicted == e.kind)
        right += ok
        per_lang.setdefault(e.lang, []).append(ok)
        per_kind.setdefault(e.kind, []).append(ok)
        if not ok:
            row = confusion.setdefault(e.kind, {})
            row[predicted] = row.get(predicted, 0) + 1
    return TrainReport(
        path=out, examples=len(examples), train_size=len(training), test_size=len(held_out),
        accuracy=right / len(held_out) if held_out else float("nan"),
        per_language={k: sum(v) / len(v) for k, v in sorted(per_lang.items())},
        per_kind_recall={k: sum(v) / len(v) for k, v in sorted(per_kind.items())},
        confusion=confusion, terms=len(exported.index), temperature=exported.temperature,
    )
