"""Time the whole analysis of one appeal against a journal of 100,000 cases: entities, kind and topic,
the checks, and the duplicate guard's search. Run by `python -m benchmarks` in its own process per database.

Each appeal is analysed the way the wizard and POST /api/analysis/appeal do it: `analysis.appeal.analyze`
with the workspace's playbook, then `cases.duplicates.find_duplicates` over the workspace's open cases.
The appeals come from the labelled sets in the repository (held-out descriptions and composed appeals),
and a third of them reuse references and texts of generated cases, so the guard also finds something.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path

TARGET_P95_MS = 30.0
DATA = Path(__file__).resolve().parent.parent / "sellerdesk" / "analysis" / "data"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def appeals(rng: random.Random) -> list[tuple[str, str, str]]:
    """(platform, subject, body) of labelled appeals and held-out descriptions."""
    rows = []
    for name in ("appeals.jsonl", "descriptions.jsonl"):
        path = DATA / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            if name == "descriptions.jsonl" and item.get("split") != "test":
                continue
            rows.append((item.get("platform", "wb"), item.get("subject", ""), item.get("body") or item.get("text", "")))
    rng.shuffle(rows)
    return rows


def models_memory() -> dict:
    """What loading the dictionaries and the classifier adds to the process."""
    import tracemalloc

    before = rss_mb()
    tracemalloc.start()
    from sellerdesk.analysis import classify
    from sellerdesk.language import morph

    morph.warm_up()
    classify.classify("Пропал товар на складе, 钱没到账")
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"rss_mb": round(rss_mb() - before, 1), "python_heap_mb": round(traced, 1)}


def measure(generated, requests: int, seed: int) -> dict:
    from sellerdesk.analysis import appeal as appeal_analysis
    from sellerdesk.cases.duplicates import find_duplicates
    from sellerdesk.cases.models import Case
    from sellerdesk.language.entities import references
    from sellerdesk.shops.models import Shop
    from sellerdesk.workspace_playbook.actions import book_for

    rng = random.Random(seed)
    workspace = generated.workspace
    all_shops = list(Shop.objects.filter(workspace=workspace))
    shops = {s.platform: s for s in all_shops}
    pool = appeals(rng)
    existing = list(Case.objects.filter(workspace=workspace, status__in=["waiting", "submitted", "draft"])
                    .select_related("shop").order_by("?")[: max(1, requests // 3)])
    jobs = []
    for i in range(requests):
        if i % 3 == 2 and existing:
            case = existing[i // 3 % len(existing)]
            jobs.append((case.shop, case.subject, case.body))
        else:
            platform, subject, body = pool[i % len(pool)]
            jobs.append((shops.get(platform) or all_shops[0], subject, body))
    timings, analysis_ms, guard_ms, found = [], [], [], 0
    for shop, subject, body in jobs[:5]:  # warm up, as a running server is
        appeal_analysis.analyze(subject, body, platform=shop.platform, book=book_for(workspace, shop.platform))
    for shop, subject, body in jobs:
        started = time.perf_counter()
        result = appeal_analysis.analyze(subject, body, platform=shop.platform, book=book_for(workspace, shop.platform))
        middle = time.perf_counter()
        duplicates = find_duplicates(workspace.pk, references=references(result.entities), shop_id=shop.pk,
                                     kind=result.classification.kind, text=f"{subject}\n{body}")
        ended = time.perf_counter()
        found += bool(duplicates)
        timings.append((ended - started) * 1000)
        analysis_ms.append((middle - started) * 1000)
        guard_ms.append((ended - middle) * 1000)
    return {
        "requests": len(timings), "with_duplicates": found,
        "median_ms": round(statistics.median(timings), 2), "p95_ms": round(p95(timings), 2),
        "max_ms": round(max(timings), 2),
        "analysis_median_ms": round(statistics.median(analysis_ms), 2), "analysis_p95_ms": round(p95(analysis_ms), 2),
        "guard_median_ms": round(statistics.median(guard_ms), 2), "guard_p95_ms": round(p95(guard_ms), 2),
    }


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def main(argv: list[str] | None = None) -> None:
    from benchmarks.journal import database_arguments, finish, load_journal, open_database, version

    args = database_arguments(__doc__, requests=300).parse_args(argv)
    open_database(args, "appeal")
    from django.db import connection

    memory = models_memory()
    generated = load_journal(args)
    finish(args, {"db": connection.vendor, "version": version(connection), "cases": generated.cases,
                  "memory": memory, **measure(generated, args.requests, args.seed)})

if __name__ == "__main__":
    main()
