"""How well `analysis.reply.assess_reply` reads support's replies, on the labelled replies in the repository.

`sellerdesk/analysis/data/replies/` holds replies from WB, Ozon, Yandex Market, Avito, Yandex Eda and vendors
(1688-style suppliers, seller-tool vendors), in Russian, Chinese and English, each with the case it answers
and its labels. The training part is what the rules and the weights were tuned on; the held-out part never
was (`heldout_hard.toml` was written after the rules were done: templates that quote the case's number back,
long copies of the rules, terse substantive replies). Reported per part: precision, recall and F1 of the
brush-off detector, how often "asks us for something" and "promises something" are right (and the labelled ask
items found, the promise dates right), "resolved" accuracy, and the time to assess one reply (median, p95; each
reply assessed `--repeat` times, warm).

Run: `python -m benchmarks --only replies`, or `python -m benchmarks.replies [--json] [--errors]`.
"""

from __future__ import annotations

import argparse
import json

FLOOR = {"precision": 0.85, "recall": 0.85}  # the held-out figures this benchmark calls "met"


def run(repeat: int = 5) -> dict:
    from sellerdesk.analysis.data.replies import dataset
    from sellerdesk.analysis.reply import CaseFacts, assess_reply
    from sellerdesk.language import morph

    morph.warm_up()
    assess_reply("Здравствуйте! Прогрев перед замером, 您好。", CaseFacts(identifiers=("1",), request="Прогрев"))
    results = {}
    for split in ("heldout", "train"):
        rows = dataset.load(split)
        results[split] = dataset.evaluate(rows, repeat=repeat)
        results[split]["languages"] = {
            lang: {k: v for k, v in dataset.evaluate([r for r in rows if r.lang == lang]).items()
                   if k in ("replies", "brush_offs", "precision", "recall", "f1")}
            for lang in dataset.LANGUAGES if any(r.lang == lang for r in rows)
        }
        results[split]["parts"] = {
            part: {k: v for k, v in dataset.evaluate([r for r in rows if r.part == part]).items()
                   if k in ("replies", "brush_offs", "precision", "recall", "f1")}
            for part in sorted({r.part for r in rows})
        }
    return results


def _cell(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


ROWS = (
    ("replies (brush-offs)", lambda r: f"{r['replies']} ({r['brush_offs']})"),
    ("brush-off precision", lambda r: _cell(r["precision"])),
    ("brush-off recall", lambda r: _cell(r["recall"])),
    ("brush-off F1", lambda r: _cell(r["f1"])),
    ("  confusion tp/fp/fn/tn", lambda r: f"{r['tp']}/{r['fp']}/{r['fn']}/{r['tn']}"),
    ("asks: has/none accuracy", lambda r: _cell(r["asks_accuracy"])),
    ("asks: labelled items found", lambda r: f"{_cell(r['ask_items_found'])} of {r['ask_items']}"),
    ("promises: has/none accuracy", lambda r: _cell(r["promise_accuracy"])),
    ("promises: due date right", lambda r: f"{_cell(r['due_accuracy'])} of {r['dated_promises']}"),
    ("resolved accuracy", lambda r: _cell(r["resolved_accuracy"])),
    ("time per reply median ms", lambda r: _cell(r["median_ms"])),
    ("time per reply p95 ms", lambda r: _cell(r["p95_ms"])),
)


def report(results: dict) -> str:
    held, train = results["heldout"], results["train"]
    lines = [f"  {'':32} {'held-out':>14} {'train':>14}"]
    for label, cell in ROWS:
        lines.append(f"  {label:32} {cell(held):>14} {cell(train):>14}")
    for part, figures in held["parts"].items():
        lines.append(f"  {part}.toml: {figures['replies']} replies ({figures['brush_offs']} brush-offs), "
                     f"precision {_cell(figures['precision'])}, recall {_cell(figures['recall'])}")
    for lang, figures in held["languages"].items():
        lines.append(f"  held-out {lang}: {figures['replies']} replies ({figures['brush_offs']} brush-offs), "
                     f"precision {_cell(figures['precision'])}, recall {_cell(figures['recall'])}")
    met = held["precision"] >= FLOOR["precision"] and held["recall"] >= FLOOR["recall"]
    lines.append(f"  floor on held-out (precision ≥ {FLOOR['precision']}, recall ≥ {FLOOR['recall']}): "
                 + ("met" if met else "NOT met"))
    return "\n".join(lines)


def ok(results: dict) -> bool:
    held = results["heldout"]
    return held["precision"] >= FLOOR["precision"] and held["recall"] >= FLOOR["recall"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the raw figures")
    parser.add_argument("--errors", action="store_true", help="list the replies the detector gets wrong")
    parser.add_argument("--repeat", type=int, default=5, help="assessments per reply for the timing (default 5)")
    args = parser.parse_args(argv)
    results = run(args.repeat)
    wrong = {split: results[split].pop("wrong") for split in results}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print("== support replies: brush-off detector, asks, promises ==")
        print(report(results))
    if args.errors:
        for split, items in wrong.items():
            for rid, what, score in items:
                print(f"  {split} {rid}: {what} (score {score:.2f})")
    return 0 if ok(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
