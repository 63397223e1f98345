"""How well the appeal checks tell good appeals from bad ones, on the labelled set in the repository.

`sellerdesk/analysis/data/appeals.jsonl` holds complete appeals written for this purpose (Russian
mostly, a fifth Chinese for a Chinese-speaking vendor), each labelled good or bad. Every appeal goes
through `analysis.appeal.analyze` with its platform's shipped book, its kind and its attached files'
names, as the case page does. Reported: the scores of good and bad appeals, the separation (the share
of good/bad pairs the score ranks right, i.e. ROC AUC, and the threshold that best splits them), how
often "ready" agrees with the label, and the time per analysis.

Run: `python -m benchmarks.lint` (add `--json` for the raw figures, `--worst` for the misranked ones).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "sellerdesk" / "analysis" / "data" / "appeals.jsonl"


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def auc(good: list[int], bad: list[int]) -> float:
    """The share of (good, bad) pairs where the good appeal scores higher; ties count half."""
    if not good or not bad:
        return 0.0
    wins = sum(1.0 if g > b else 0.5 if g == b else 0.0 for g in good for b in bad)
    return wins / (len(good) * len(bad))


def best_threshold(good: list[int], bad: list[int]) -> tuple[int, float]:
    """The score t for which "score ≥ t means good" is right most often, with that accuracy."""
    best = (0, 0.0)
    for t in range(0, 101):
        right = sum(1 for g in good if g >= t) + sum(1 for b in bad if b < t)
        accuracy = right / (len(good) + len(bad))
        if accuracy > best[1]:
            best = (t, accuracy)
    return best


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(path: Path = DATA, repeat: int = 3) -> dict:
    from sellerdesk.analysis.appeal import analyze
    from sellerdesk.language import morph

    morph.warm_up()
    rows = load(path)
    analyze("Прогрев", "Прогрев моделей перед замером.", platform="wb")
    scored, times = [], []
    for _ in range(repeat):
        scored = []
        for row in rows:
            started = time.perf_counter()
            result = analyze(row["subject"], row["body"], platform=row["platform"], kind=row.get("kind"),
                             evidence=row.get("evidence", []))
            times.append((time.perf_counter() - started) * 1000)
            scored.append((row, result.lint.score, result.lint.ready,
                           [f.code for f in result.lint.findings if f.severity != "info"]))
    good = [s for r, s, _, _ in scored if r["label"] == "good"]
    bad = [s for r, s, _, _ in scored if r["label"] == "bad"]
    threshold, accuracy = best_threshold(good, bad)
    languages: dict[str, dict] = {}
    for r, s, _, _ in scored:
        lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in r["body"]) else "ru"
        languages.setdefault(lang, {"good": [], "bad": []})[r["label"]].append(s)
    return {
        "appeals": len(rows),
        "good": len(good),
        "bad": len(bad),
        "good_mean_score": round(statistics.mean(good), 1) if good else None,
        "good_median_score": statistics.median(good) if good else None,
        "bad_mean_score": round(statistics.mean(bad), 1) if bad else None,
        "bad_median_score": statistics.median(bad) if bad else None,
        "auc": round(auc(good, bad), 4),
        "best_threshold": threshold,
        "best_threshold_accuracy": round(accuracy, 4),
        "good_ready_share": round(sum(1 for r, _, ready, _ in scored if r["label"] == "good" and ready)
                                  / max(1, len(good)), 3),
        "bad_blocked_share": round(sum(1 for r, _, ready, _ in scored if r["label"] == "bad" and not ready)
                                   / max(1, len(bad)), 3),
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(_percentile(times, 0.95), 2),
        "by_language": {lang: {"good_mean": round(statistics.mean(v["good"]), 1) if v["good"] else None,
                               "bad_mean": round(statistics.mean(v["bad"]), 1) if v["bad"] else None,
                               "auc": round(auc(v["good"], v["bad"]), 4)}
                        for lang, v in sorted(languages.items())},
        "misranked": [{"id": r["id"], "label": r["label"], "score": s, "findings": codes}
                      for r, s, _, codes in scored
                      if (r["label"] == "good") != (s >= threshold)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--worst", action="store_true", help="list the appeals the threshold puts on the wrong side")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the set for the timing (default 3)")
    args = parser.parse_args(argv)
    result = run(repeat=args.repeat)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"appeal checks on {result['appeals']} labelled appeals ({result['good']} good, {result['bad']} bad)")
    print(f"  good: mean {result['good_mean_score']}, median {result['good_median_score']}; "
          f"bad: mean {result['bad_mean_score']}, median {result['bad_median_score']}")
    print(f"  separation: AUC {result['auc']}, best threshold {result['best_threshold']} "
          f"(accuracy {result['best_threshold_accuracy']})")
    print(f"  ready: {result['good_ready_share']:.0%} of good; blocked: {result['bad_blocked_share']:.0%} of bad")
    for lang, figures in result["by_language"].items():
        print(f"  {lang}: good mean {figures['good_mean']}, bad mean {figures['bad_mean']}, AUC {figures['auc']}")
    print(f"  analyze(): median {result['median_ms']} ms, p95 {result['p95_ms']} ms per appeal")
    if args.worst:
        for row in result["misranked"]:
            print(f"    {row['id']} {row['label']} {row['score']}: {', '.join(row['findings'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
