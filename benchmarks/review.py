"""Time the weekly review on a journal of 100,000 cases: `review.build()`, the page, the PDF and XLSX exports and
one digest round. Run by `python -m benchmarks --only review` in its own process per database.

The journal is `benchmarks.generate`'s: two years of cases in one workspace, about 7 % of them open, most
of those from the last three months, with deadlines around now. The review reads it with a fixed number of
aggregate queries; the figures show what that costs at this size.
"""

from __future__ import annotations

import statistics
import time

TARGET_P95_MS = 500.0  # review.build() on 100,000 cases


def _timed(function, runs: int) -> tuple[list[float], object]:
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, result


def _figures(timings: list[float]) -> dict:
    return {"runs": len(timings), "median_ms": round(statistics.median(timings), 1),
            "p95_ms": round(_p95(timings), 1), "max_ms": round(max(timings), 1)}


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def measure(generated, runs: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from sellerdesk.reports import digest, exports, review
    from sellerdesk.reports.models import DigestSchedule

    workspace = generated.workspace
    review.build(workspace)  # warm up, as a running server is
    with CaptureQueriesContext(connection) as captured:
        data = review.build(workspace)
    queries = len(captured.captured_queries)
    build, data = _timed(lambda: review.build(workspace), runs)
    earlier = review.Week.of(timezone.now()).shifted(-5)
    review.build(workspace, week=earlier)  # warm up
    build_past, _data = _timed(lambda: review.build(workspace, week=earlier), max(3, runs // 4))

    client = Client()
    client.force_login(generated.member.user)
    slug = workspace.slug
    client.get(f"/w/{slug}/review/")  # warm up (templates, translations)
    page, response = _timed(lambda: client.get(f"/w/{slug}/review/"), max(3, runs // 4))
    assert response.status_code == 200, response.status_code
    xlsx, content = _timed(lambda: exports.review_xlsx(data), 3)
    pdf, document = _timed(lambda: exports.review_pdf(data), 3)

    schedule = digest.save_schedule(DigestSchedule(workspace=workspace), timezone.now())
    when = schedule.next_run_at
    started = time.perf_counter()
    sent = digest.process_due(when, limit=10)
    digest_ms = (time.perf_counter() - started) * 1000
    again = digest.process_due(when, limit=10)
    return {
        "open_cases": data["at_risk"]["total"]["count"], "overdue": data["overdue"]["count"],
        "to_escalate": len(data["escalate"]["items"]), "closed_this_week": data["closed"]["count"],
        "queries": queries,
        "build": _figures(build), "build_past_week": _figures(build_past), "page": _figures(page),
        "xlsx": {**_figures(xlsx), "kb": round(len(content) / 1024, 1)},
        "pdf": {**_figures(pdf), "kb": round(len(document) / 1024, 1)},
        "digest": {"ms": round(digest_ms, 1), "schedules": sent, "second_round": again},
    }


def report(result: dict) -> bool:
    print(f"{result['version']}: {result['cases']:,} cases, {result['open_cases']:,} open, "
          f"{result['overdue']:,} overdue, {result['to_escalate']} to escalate, "
          f"{result['closed_this_week']} closed this week; {result['queries']} queries per review")
    for key, label in [("build", "review.build(), this week"), ("build_past_week", "review.build(), 5 weeks ago"),
                       ("page", "review page (GET)"), ("xlsx", "XLSX export"), ("pdf", "PDF export")]:
        row = result[key]
        size = f", {row['kb']} KB" if "kb" in row else ""
        print(f"  {label:28} median {row['median_ms']:>8} ms, p95 {row['p95_ms']:>8} ms "
              f"({row['runs']} runs{size})")
    print(f"  digest round: {result['digest']['ms']} ms for {result['digest']['schedules']} schedule(s); "
          f"a second round at the same time took {result['digest']['second_round']}")
    return result["build"]["p95_ms"] <= TARGET_P95_MS and result["digest"]["second_round"] == 0


def main(argv: list[str] | None = None) -> None:
    from benchmarks.journal import database_arguments, finish, load_journal, open_database, version

    args = database_arguments(__doc__, requests=20, requests_help="runs of review.build()").parse_args(argv)
    open_database(args, "review")
    from django.db import connection

    generated = load_journal(args)
    finish(args, {"db": connection.vendor, "version": version(connection), "cases": generated.cases,
                  "generate_seconds": round(generated.seconds, 1), **measure(generated, min(args.requests, 30))})

if __name__ == "__main__":
    main()
