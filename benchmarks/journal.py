"""One run of the journal benchmark against one database, in a process of its own.

Settings are read once per process from the environment, so each database gets a fresh
interpreter: `python -m benchmarks` starts this module once for SQLite and once for PostgreSQL.
It migrates an empty database in the benchmark's own folder (or a PostgreSQL database it creates
and drops itself), generates the journal, then times the pages with Django's test client: the
figures are server time (URL routing, middleware, access checks, queries, template rendering),
without a network or a browser.

The last line of output is `RESULT <json>` for the parent process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

MARKER = ".sellerdesk-benchmark"  # a folder without it is never emptied
# Words sellers search the journal for; the full-text search matches them as prefixes.
WORDS = ["штраф", "поставке", "компенсацию", "отчёте", "логистику", "возврат", "карточка", "комиссия",
         "маркировки", "отправление", "выплата", "акции", "отзыв", "модерацией", "недостача", "склад",
         "штраф поставке", "компенсация отправление", "订单", "退款"]
SCENARIOS = {
    "journal": "journal, default filter",
    "journal_text": "journal, text search",
    "journal_entity": "journal, order/posting number",
    "case": "case page",
}


def main(argv: list[str] | None = None) -> None:
    parser = database_arguments(__doc__, requests=200)
    parser.add_argument("--queries", action="store_true", help="Also report the slowest queries and their plans.")
    parser.add_argument("--budget", type=float, default=180,
                        help="seconds one scenario may take; a slower one stops early and says so")
    args = parser.parse_args(argv)
    open_database(args)
    from django.db import connection

    generated = load_journal(args)
    finish(args, {
        "db": connection.vendor, "version": version(connection), "cases": generated.cases,
        "events": generated.events, "references": generated.references,
        "generate_seconds": round(generated.seconds, 1), "scenarios": measure(generated, args),
    })


# --- databases ---------------------------------------------------------------------------------------------

def database_arguments(doc: str, *, requests: int, requests_help: str | None = None) -> argparse.ArgumentParser:
    """The options every benchmark run against one database takes (`python -m benchmarks` passes them)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=requests, help=requests_help)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default="benchdata")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/sellerdesk_bench")
    return parser


def open_database(args, folder: str = "") -> None:
    """A fresh database of the benchmark's own (in `<data-dir>/<folder>`), and Django set up on it."""
    if folder:
        args.data_dir = str(Path(args.data_dir) / folder)
    prepare_database(args)
    import django

    django.setup()


def load_journal(args):
    """Migrate and fill the database with the generated journal, analysed as autovacuum soon would."""
    from django.core.management import call_command
    from django.db import connection

    from benchmarks.generate import generate

    call_command("migrate", verbosity=0)
    generated = generate(args.cases, seed=args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return generated


def finish(args, result: dict) -> None:
    """Drop the benchmark's PostgreSQL database and hand the result to the parent process."""
    from django.db import connection

    if args.db == "postgresql":
        connection.close()
        _drop_postgres(args.postgres_url)
    print("RESULT " + json.dumps(result, ensure_ascii=False))


def prepare_database(args) -> None:
    """Point the settings at a fresh database that belongs to the benchmark and nothing else."""
    folder = Path(args.data_dir).resolve() / args.db
    if folder.exists() and any(folder.iterdir()) and not (folder / MARKER).exists():
        sys.exit(f"{folder} exists and was not made by the benchmark; refusing to touch it.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).touch()
    os.environ["SELLERDESK_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sellerdesk.settings")
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        for old in folder.glob("sellerdesk.sqlite3*"):
            old.unlink()
    else:
        os.environ["DATABASE_URL"] = args.postgres_url
        _drop_postgres(args.postgres_url)
        with _admin(args.postgres_url) as conn:
            conn.execute(f'CREATE DATABASE "{_db_name(args.postgres_url)}"')


def _db_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name or not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"The benchmark only creates and drops databases named like *bench*, not {name!r}.")
    return name


def _admin(url: str):
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    return psycopg.connect(admin, autocommit=True, connect_timeout=5)


def _drop_postgres(url: str) -> None:
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{_db_name(url)}" WITH (FORCE)')


def version(connection) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return "SQLite " + cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        return "PostgreSQL " + cursor.fetchone()[0].split()[0]


# --- requests ----------------------------------------------------------------------------------------------

def urls(generated, count: int, rng: random.Random) -> dict[str, list[str]]:
    """The requests of each scenario: searches and case pages vary, so caches do not flatter."""
    from benchmarks.generate import sample
    from sellerdesk.cases.models import Case, EntityRef

    slug = generated.workspace.slug
    numbers = list(Case.objects.filter(workspace=generated.workspace).values_list("number", flat=True))
    references = list(EntityRef.objects.filter(workspace=generated.workspace, kind__in=["order", "posting", "supply"])
                      .values_list("value", flat=True))
    return {
        "journal": [f"/w/{slug}/"] * count,
        "journal_text": [f"/w/{slug}/?q={quote(w)}" for w in sample(WORDS, count, rng)],
        "journal_entity": [f"/w/{slug}/?q={quote(v)}" for v in sample(references, count, rng)],
        "case": [f"/w/{slug}/cases/{n}/" for n in sample(numbers, count, rng)],
    }


def measure(generated, args) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(generated.member.user)
    rng = random.Random(args.seed)
    results = {}
    for name, paths in urls(generated, args.requests, rng).items():
        for path in paths[:5]:  # warm the caches, as a running server would have them
            client.get(path)
        timings, errors = [], 0
        deadline = time.perf_counter() + args.budget
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200
            if started > deadline:
                break
        results[name] = {
            "label": SCENARIOS[name], "requests": len(timings), "errors": errors,
            "median_ms": round(statistics.median(timings), 1), "p95_ms": round(_p95(timings), 1),
            "max_ms": round(max(timings), 1), **queries(client, paths[:min(10, len(timings))], args.queries),
        }
        if errors:
            results[name]["first_error"] = f"{client.get(paths[0]).status_code} on {paths[0]}"
    return results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def queries(client, paths: list[str], explain: bool) -> dict:
    """Queries per request, and with `explain` the slowest query shapes with their plans."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    shapes: dict[str, list[float]] = defaultdict(list)
    examples: dict[str, str] = {}
    with CaptureQueriesContext(connection) as captured:
        for path in paths:
            client.get(path)
    for query in captured.captured_queries:
        shape = _LITERALS.sub("?", query["sql"])
        shapes[shape].append(float(query["time"]) * 1000)
        examples.setdefault(shape, query["sql"])
    found = {"queries_per_request": round(len(captured.captured_queries) / len(paths), 1)}
    if explain:
        slowest = sorted(shapes.items(), key=lambda item: -sum(item[1]))[:3]
        found["slowest"] = [
            {"ms_per_request": round(sum(times) / len(paths), 2),
             "calls_per_request": round(len(times) / len(paths), 1),
             "sql": examples[shape], "plan": _plan(examples[shape])}
            for shape, times in slowest
        ]
    return found


def _plan(sql: str) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
    except Exception as exc:  # a plan is a nicety; the figures stand without it
        return f"(no plan: {exc})"
    if connection.vendor == "sqlite":
        return "\n".join(str(row[-1]) for row in rows)
    return "\n".join(row[0] for row in rows)


if __name__ == "__main__":
    main()
