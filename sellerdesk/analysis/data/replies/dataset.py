"""The labelled support replies (see README.md here): loading, measuring, and fitting the brush-off weights.

    python -m sellerdesk.analysis.data.replies.dataset            # figures on train and held-out
    python -m sellerdesk.analysis.data.replies.dataset --train    # refit weights.json on the training part only
    python -m sellerdesk.analysis.data.replies.dataset --errors   # the training replies it gets wrong

Fitting: plain logistic regression (gradient descent, L2) on the features `assess_reply` computes, with numpy,
at development time only; at run time the weights are read from weights.json. The held-out part never enters
the fit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sellerdesk.analysis import reply as reply_analysis
from sellerdesk.analysis.reply import CaseFacts, ReplyAssessment, assess_reply

DATA_DIR = Path(__file__).resolve().parent
SPLITS = {"train": "train*.toml", "heldout": "heldout*.toml"}
LANGUAGES = ("ru", "zh", "en")
PLATFORMS = ("wb", "ozon", "ymarket", "avito", "yandex_eda", "vendor")


@dataclass(frozen=True)
class LabelledReply:
    id: str
    split: str
    part: str          # the file it comes from ("heldout", "heldout_hard", …)
    platform: str
    lang: str
    today: dt.date
    facts: CaseFacts
    text: str
    brush_off: bool
    asks: tuple[str, ...]
    promise: bool
    due: dt.date | None
    resolved: bool


def load(split: str) -> list[LabelledReply]:
    """All replies of a split ("train" or "heldout"); raise ValueError naming the file and id of a bad one."""
    rows: list[LabelledReply] = []
    seen: set[str] = set()
    for path in sorted(DATA_DIR.glob(SPLITS[split])):
        with open(path, "rb") as fh:
            for item in tomllib.load(fh).get("reply", []):
                try:
                    row = _row(item, split, path.stem)
                except (KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f"{path.name}: reply {item.get('id')!r}: {exc}") from None
                if row.id in seen:
                    raise ValueError(f"{path.name}: duplicate id {row.id}")
                seen.add(row.id)
                rows.append(row)
    return rows


def _row(item: dict, split: str, part: str) -> LabelledReply:
    if item["lang"] not in LANGUAGES:
        raise ValueError(f"unknown language {item['lang']!r}")
    if item["platform"] not in PLATFORMS:
        raise ValueError(f"unknown platform {item['platform']!r}")
    facts = CaseFacts(
        platform=item["platform"],
        language=item["lang"],
        external_number=item.get("ticket", ""),
        identifiers=tuple(item.get("ids", ())),
        amounts=tuple(Decimal(a) for a in item.get("amounts", ())),
        request=item.get("request", ""),
        evidence=tuple(item.get("evidence", ())),
    )
    due = item.get("due")
    if due is not None and not item["promise"]:
        raise ValueError("a due date without a promise")
    return LabelledReply(
        id=item["id"], split=split, part=part, platform=item["platform"], lang=item["lang"], today=item["today"],
        facts=facts,
        text=item["text"], brush_off=bool(item["brush_off"]), asks=tuple(item["asks"]), promise=bool(item["promise"]),
        due=due, resolved=bool(item["resolved"]),
    )


def ask_found(key: str, asks: list[str]) -> bool:
    """A labelled ask ("фото упаковки") is found when one detected item holds all its words (as lemmas)."""
    from sellerdesk.language import morph

    wanted = set(morph.tokens(key, keep_numbers=True))
    return any(wanted <= set(morph.tokens(item, keep_numbers=True)) or key.lower() in item.lower() for item in asks)


def _ratio(good: int, total: int) -> float | None:
    return round(good / total, 3) if total else None


def evaluate(rows: list[LabelledReply], *, repeat: int = 1) -> dict:
    """Precision/recall/F1 of the brush-off detector, accuracy of asks/promises/resolved, time per reply."""
    tp = fp = fn = tn = 0
    asks_right = promise_right = resolved_right = due_right = due_total = keys_found = keys_total = 0
    times: list[float] = []
    wrong: list[tuple[str, str, float]] = []
    for row in rows:
        result: ReplyAssessment | None = None
        for _ in range(repeat):
            started = time.perf_counter()
            result = assess_reply(row.text, row.facts, today=row.today)
            times.append((time.perf_counter() - started) * 1000)
        assert result is not None
        if result.brush_off and row.brush_off:
            tp += 1
        elif result.brush_off:
            fp += 1
            wrong.append((row.id, "false brush-off", result.score))
        elif row.brush_off:
            fn += 1
            wrong.append((row.id, "missed brush-off", result.score))
        else:
            tn += 1
        asks_right += bool(result.asks) == bool(row.asks)
        for key in row.asks:
            keys_total += 1
            keys_found += ask_found(key, result.asks)
        promise_right += bool(result.promises) == row.promise
        resolved_right += result.resolved == row.resolved
        if row.due is not None:
            due_total += 1
            due_right += result.promise_due == row.due
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ordered = sorted(times) or [0.0]
    return {
        "replies": len(rows), "brush_offs": tp + fn,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "accuracy": _ratio(tp + tn, len(rows)),
        "asks_accuracy": _ratio(asks_right, len(rows)), "ask_items_found": _ratio(keys_found, keys_total),
        "ask_items": keys_total,
        "promise_accuracy": _ratio(promise_right, len(rows)), "due_accuracy": _ratio(due_right, due_total),
        "dated_promises": due_total,
        "resolved_accuracy": _ratio(resolved_right, len(rows)),
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 3),
        "wrong": wrong,
    }


def train(rows: list[LabelledReply], *, l2: float = 0.001, steps: int = 8000, rate: float = 0.5) -> dict[str, float]:
    """Logistic regression of the brush-off label on the assessment's features (numpy, development time only)."""
    import numpy as np

    names = list(reply_analysis.FEATURES)
    x = np.array([[assess_reply(r.text, r.facts, today=r.today).features[n] for n in names] for r in rows], dtype=float)
    y = np.array([1.0 if r.brush_off else 0.0 for r in rows])
    w = np.array([reply_analysis.DEFAULT_WEIGHTS[n] for n in names], dtype=float) * 0.1
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        grad_w = x.T @ (p - y) / len(y) + l2 * w
        grad_b = float(np.mean(p - y))
        w -= rate * grad_w
        b -= rate * grad_b
    return {"bias": round(b, 3), **{n: round(float(v), 3) for n, v in zip(names, w, strict=True)}}


def save_weights(fitted: dict[str, float], rows: int) -> None:
    data = {"about": "Brush-off weights fitted on the training part of the labelled replies; positive means "
                     "'looks like a template'. Refit: python -m sellerdesk.analysis.data.replies.dataset --train",
            "trained_on": rows, "weights": fitted}
    reply_analysis.WEIGHTS_FILE.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    reply_analysis.weights.cache_clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="refit weights.json on the training part")
    parser.add_argument("--errors", action="store_true", help="list the training replies the detector gets wrong")
    args = parser.parse_args(argv)
    train_rows = load("train")
    if args.train:
        fitted = train(train_rows)
        save_weights(fitted, len(train_rows))
        print(json.dumps(fitted, indent=2))
    figures = evaluate(train_rows)
    wrong = figures.pop("wrong")
    print("train", json.dumps(figures))
    if args.errors:
        for item in wrong:
            print("  ", item)


if __name__ == "__main__":
    main()
