"""`python -m benchmarks`: generate a large journal and time the journal and case pages, and one appeal's
whole analysis, on SQLite and, when it is reachable, PostgreSQL; then the classifier's held-out accuracy
and the checks' score separation. See benchmarks/README.md."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

TARGET_P95_MS = 150.0
APPEAL_P95_MS = 30.0
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/sellerdesk_bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", 100_000)),
                        help="cases to generate (default 100000; 2000 for a quick try)")
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", 200)),
                        help="requests per scenario (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", action="append", choices=["sqlite", "postgresql"],
                        help="database to run on; repeat for both (default: both)")
    parser.add_argument("--data-dir", default=os.environ.get("BENCH_DATA_DIR", "benchdata"),
                        help="folder for the benchmark's SQLite database (default ./benchdata)")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--queries", action="store_true", help="show the slowest queries with their plans")
    parser.add_argument("--budget", type=float, default=180,
                        help="seconds one scenario may take before it stops early (default 180)")
    parser.add_argument("--only", action="append",
                        choices=["journal", "appeal", "quality", "replies", "worker", "review"],
                        help="run only this part; repeat for several (default: all)")
    args = parser.parse_args(argv)
    parts = set(args.only or ["journal", "appeal", "quality", "replies", "worker", "review"])
    failed = False
    if "quality" in parts:
        failed |= not _quality()
    if "replies" in parts:
        failed |= not _replies()
    if "journal" in parts:
        failed |= not _journal(args)
    if "appeal" in parts:
        failed |= not _appeal(args)
    if "worker" in parts:
        failed |= not _worker(args)
    if "review" in parts:
        failed |= not _review(args)
    return 1 if failed else 0


def _review(args) -> bool:
    """The weekly review on the generated journal (benchmarks/review.py): build, page, exports, digest."""
    from benchmarks.review import TARGET_P95_MS as REVIEW_P95_MS
    from benchmarks.review import report

    print(f"\n== weekly review on {args.cases:,} cases, target p95 of review.build() ≤ {REVIEW_P95_MS:.0f} ms ==")
    ok = True
    for result in _each_database(args, "benchmarks.review"):
        ok &= result is not None and report(result)
    return ok


def _worker(args) -> bool:
    """The worker under a burst of due cases (benchmarks/worker.py): time, and the exactly-once proof."""
    from benchmarks.worker import report

    print(f"\n== worker: {args.cases:,} open cases, a tenth due at once ==")
    ok = True
    for result in _each_database(args, "benchmarks.worker"):
        ok &= result is not None and report(result)
    return ok


def _journal(args) -> bool:
    print(f"SellerDesk journal benchmark: {args.cases:,} cases, {args.requests} requests per scenario, "
          f"target p95 ≤ {TARGET_P95_MS:.0f} ms")
    failed = False
    for result in _each_database(args, "benchmarks.journal"):
        failed |= result is None or not _report(result, args.queries, args.requests)
    return not failed


def _each_database(args, module: str):
    """Run `module` once per chosen database that is reachable; yield its result (None when the run failed)."""
    extra = None if module == "benchmarks.journal" else []
    for db in args.db or ["sqlite", "postgresql"]:
        if db == "postgresql" and not _postgres_reachable(args.postgres_url):
            print(f"\nPostgreSQL at {_safe(args.postgres_url)} is not reachable: skipped.")
            continue
        yield _run(db, args, module=module, extra=extra)


def _quality() -> bool:
    """The classifier on its held-out descriptions and the checks on the labelled appeals (no database)."""
    from benchmarks import classify, lint

    print("\n== appeal assistant: quality ==")
    print(classify.report(classify.run()))
    separation = lint.run()
    print(f"checks on {separation['appeals']} labelled appeals ({separation['good']} good, {separation['bad']} bad): "
          f"mean score {separation['good_mean_score']} vs {separation['bad_mean_score']}, AUC {separation['auc']}, "
          f"best threshold {separation['best_threshold']} (accuracy {separation['best_threshold_accuracy']}); "
          f"good ready {separation['good_ready_share']:.1%}, bad blocked {separation['bad_blocked_share']:.1%}; "
          f"analyze() median {separation['median_ms']} ms, p95 {separation['p95_ms']} ms")
    return True


def _replies() -> bool:
    """The brush-off detector, asks and promises on the labelled support replies (no database)."""
    from benchmarks import replies

    print("\n== support replies: brush-off detector, asks, promises ==")
    results = replies.run()
    print(replies.report(results))
    return replies.ok(results)


def _appeal(args) -> bool:
    print(f"\n== appeal assistant: one appeal's whole analysis against {args.cases:,} cases, "
          f"target p95 ≤ {APPEAL_P95_MS:.0f} ms ==")
    ok = True
    for result in _each_database(args, "benchmarks.appeal"):
        if result is None:
            ok = False
            continue
        print(f"{result['version']}: {result['requests']} appeals "
              f"({result['with_duplicates']} with a duplicate found): "
              f"median {result['median_ms']} ms, p95 {result['p95_ms']} ms, max {result['max_ms']} ms")
        print(f"  analysis median {result['analysis_median_ms']} / p95 {result['analysis_p95_ms']} ms; "
              f"duplicate search median {result['guard_median_ms']} / p95 {result['guard_p95_ms']} ms")
        print(f"  loaded dictionaries and model: +{result['memory']['rss_mb']} MB RSS "
              f"({result['memory']['python_heap_mb']} MB Python heap at peak)")
        ok &= result["p95_ms"] <= APPEAL_P95_MS
    return ok


def _run(db: str, args, module: str = "benchmarks.journal", extra: list[str] | None = None) -> dict | None:
    if extra is None:
        extra = ["--budget", str(args.budget), *(["--queries"] if args.queries else [])]
    command = [sys.executable, "-m", module, "--db", db, "--cases", str(args.cases),
               "--requests", str(args.requests), "--seed", str(args.seed), "--data-dir", args.data_dir,
               "--postgres-url", args.postgres_url, *extra]
    env = {**os.environ, "SELLERDESK_DEBUG": "0", "LOG_LEVEL": "ERROR"}
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not lines:
        print(f"\n{db}: the run failed (exit code {done.returncode}).\n{done.stdout[-2000:]}")
        return None
    return json.loads(lines[-1][len("RESULT "):])


def _report(result: dict, show_queries: bool, requested: int) -> bool:
    print(f"\n== {result['version']} ==")
    print(f"generated {result['cases']:,} cases, {result['events']:,} events, {result['references']:,} "
          f"references in {result['generate_seconds']} s")
    print(f"  {'scenario':34} {'requests':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    slow = []
    for row in result["scenarios"].values():
        print(f"  {row['label']:34} {row['requests']:>8} {row['median_ms']:>10} {row['p95_ms']:>8} "
              f"{row['max_ms']:>8} {row['queries_per_request']:>8}")
        if row["requests"] < requested:
            print(f"    stopped after {row['requests']} requests: the time budget ran out")
        if row["errors"]:
            print(f"    {row['errors']} requests failed, e.g. {row.get('first_error')}")
        if row["p95_ms"] > TARGET_P95_MS or row["errors"]:
            slow.append(row["label"])
    print("  target met" if not slow else f"  target NOT met: {', '.join(slow)}")
    if show_queries:
        for row in result["scenarios"].values():
            print(f"\n  slowest queries, {row['label']}:")
            for query in row.get("slowest", []):
                print(f"    {query['ms_per_request']} ms/request in {query['calls_per_request']} call(s): "
                      f"{query['sql'][:600]}")
                for line in query["plan"].splitlines():
                    print(f"        {line}")
    return not slow


def _postgres_reachable(url: str) -> bool:
    try:
        import psycopg

        admin = urlsplit(url)._replace(path="/postgres").geturl()
        with psycopg.connect(admin, connect_timeout=3):
            return True
    except Exception:
        return False


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl()


if __name__ == "__main__":
    sys.exit(main())
