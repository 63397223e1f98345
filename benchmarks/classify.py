"""The kind classifier on its held-out descriptions: accuracy, speed and memory.

`python -m benchmarks.classify` prints the figures; `run()` returns them for `make bench`.
It measures the shipped model file (`sellerdesk train` rebuilds it); it never trains.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
import tracemalloc
from collections import Counter

from sellerdesk.analysis import classify, split
from sellerdesk.analysis.data import dataset
from sellerdesk.language import morph
from sellerdesk.playbook import book

TARGET_ACCURACY = 0.85
TARGET_MS_2000 = 2.0


def run() -> dict:
    examples = dataset.load()
    held_out = [e for e in examples if e.split == "test"]
    memory_kib, load_ms = _model_memory()
    morph.warm_up()
    books = {code: book(code) for code in dataset.PLATFORMS}

    right, per_lang, per_kind, confusion = 0, {}, {}, Counter()
    topic_right = topic_total = 0
    timings, confidences = [], []
    for e in held_out:
        started = time.perf_counter()
        result = classify.classify(e.text, platform=e.platform, book=books[e.platform])
        timings.append((time.perf_counter() - started) * 1000)
        ok = result.kind == e.kind
        right += ok
        confidences.append((result.confidence, ok))
        per_lang.setdefault(e.lang, []).append(ok)
        per_kind.setdefault(e.kind, []).append(ok)
        if not ok:
            confusion[(e.kind, result.kind)] += 1
        if e.topic and ok:
            topic_total += 1
            topic_right += bool(result.topic and result.topic.code == e.topic)

    long_timings = _long_text_timings(examples, books["wb"])
    multi = _split_figures(examples)
    return {
        "held_out": len(held_out),
        "trained_on": len(examples) - len(held_out),
        "accuracy": round(right / len(held_out), 4),
        "accuracy_per_language": {k: round(sum(v) / len(v), 4) for k, v in sorted(per_lang.items())},
        "held_out_per_language": {k: len(v) for k, v in sorted(per_lang.items())},
        "recall_per_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(per_kind.items())},
        "confusions": [{"kind": a, "taken_for": b, "count": n} for (a, b), n in confusion.most_common(10)],
        "mean_confidence": round(statistics.mean(c for c, _ in confidences), 4),
        "calibration_error": round(_calibration_error(confidences), 4),
        "topic_accuracy_when_kind_right": round(topic_right / topic_total, 4) if topic_total else None,
        "ms_per_call_median": round(statistics.median(timings), 3),
        "ms_per_call_p95": round(_p95(timings), 3),
        "ms_per_2000_char_text_median": round(statistics.median(long_timings), 3),
        "ms_per_2000_char_text_p95": round(_p95(long_timings), 3),
        "model_terms": len(classify.model().index),
        "model_file_kib": round(classify.MODEL_PATH.stat().st_size / 1024, 1),
        "model_memory_kib": memory_kib,
        "model_load_ms": load_ms,
        **multi,
        "target_accuracy": TARGET_ACCURACY,
        "target_met": right / len(held_out) >= TARGET_ACCURACY,
    }


def _calibration_error(pairs: list[tuple[float, bool]], bins: int = 5) -> float:
    """Expected calibration error: how far the stated confidence is from the share right, weighted by bin size."""
    total = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        chosen = [(c, ok) for c, ok in pairs if low <= c < high or (b == bins - 1 and c == 1.0)]
        if chosen:
            share_right = sum(ok for _, ok in chosen) / len(chosen)
            total += len(chosen) * abs(statistics.mean(c for c, _ in chosen) - share_right)
    return total / len(pairs)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _model_memory() -> tuple[float, float]:
    """KiB the loaded model holds (tracemalloc over a fresh load) and the time the load takes."""
    classify.forget_models()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    classify.model()
    elapsed = (time.perf_counter() - started) * 1000
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return round((after - before) / 1024, 1), round(elapsed, 1)


def _long_text_timings(examples, wb_book) -> list[float]:
    """Descriptions glued into ~2,000-character texts, each classified twice (the second is timed:
    the words' dictionary forms are cached after the first, as in a running server)."""
    texts, current = [], ""
    for e in examples:
        current += e.text + " "
        if len(current) >= 2000:
            texts.append(current[:2000])
            current = ""
    timings = []
    for text in texts[:60]:
        classify.classify(text, platform="wb", book=wb_book)
        started = time.perf_counter()
        classify.classify(text, platform="wb", book=wb_book)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _split_figures(examples) -> dict:
    rows = [json.loads(line) for line in dataset.MULTI.read_text(encoding="utf-8").splitlines() if line.strip()]
    exact = sum([p.kind for p in split.find_problems(r["text"], r["platform"])] == r["parts"] for r in rows)
    several = [r for r in rows if len(r["parts"]) > 1]
    found = sum(len(split.find_problems(r["text"], r["platform"])) > 1 for r in several)
    single = [e for e in examples if e.split == "test"]
    wrongly = sum(len(split.find_problems(e.text, e.platform)) > 1 for e in single)
    return {
        "split_examples": len(rows),
        "split_exact": exact,
        "split_recall_on_mixed": round(found / len(several), 4) if several else None,
        "split_false_on_single_held_out": wrongly,
        "single_held_out": len(single),
    }


def report(result: dict) -> str:
    lines = [
        f"Kind classifier: held-out accuracy {result['accuracy']:.3f} on {result['held_out']} descriptions "
        f"(target {result['target_accuracy']:.2f}: {'met' if result['target_met'] else 'NOT met'})",
        "  per language: " + ", ".join(f"{k} {v:.3f} (n={result['held_out_per_language'][k]})"
                                       for k, v in result["accuracy_per_language"].items()),
        "  recall per kind: " + ", ".join(f"{k} {v:.2f}" for k, v in result["recall_per_kind"].items()),
        "  most confused: " + (", ".join(f"{c['kind']}→{c['taken_for']} ×{c['count']}" for c in result["confusions"])
                               or "none"),
        f"  mean confidence {result['mean_confidence']}, calibration error {result['calibration_error']}; "
        f"topic right when the kind is right: {result['topic_accuracy_when_kind_right']}",
        f"  classify(): median {result['ms_per_call_median']} ms, p95 {result['ms_per_call_p95']} ms per description; "
        f"2,000-character text: median {result['ms_per_2000_char_text_median']} ms, "
        f"p95 {result['ms_per_2000_char_text_p95']} ms",
        f"  model: {result['model_terms']} terms, file {result['model_file_kib']} KiB, "
        f"{result['model_memory_kib']} KiB in memory, loads in {result['model_load_ms']} ms",
        f"  split: {result['split_exact']}/{result['split_examples']} examples exactly right, recall on mixed "
        f"{result['split_recall_on_mixed']}, {result['split_false_on_single_held_out']} of "
        f"{result['single_held_out']} single-problem held-out descriptions split wrongly",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    figures = run()
    print(report(figures))
    if "--json" in sys.argv:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
