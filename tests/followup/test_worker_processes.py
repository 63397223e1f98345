"""Exactly once, with real processes: several `sellerdesk worker --once` at the same moment against the
same database act on every due item once (a UNIQUE constraint on the effect would refuse a second), and
a worker killed with SIGKILL inside its transaction leaves its batch due and no half effects.

PostgreSQL: the test database itself (data committed: transaction=True). SQLite: a database file of
its own, made by `sellerdesk migrate`, since the test database lives in memory.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from sellerdesk.cases.models import Case, CaseEvent
from tests.conftest import requires_postgres
from tests.followup import test_worker_source as source

ROOT = Path(__file__).resolve().parents[2]
DUE_PG = 2000
DUE_SQLITE = 600


def _env(tmp_path: Path, database_url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PYTHONPATH=str(ROOT), SELLERDESK_DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="WARNING",
               SELLERDESK_DEBUG="0", DJANGO_SETTINGS_MODULE="sellerdesk.settings", **extra)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _sellerdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "sellerdesk.cli", *args]


def _workers(count: int, env: dict, *, batch: int = 50) -> list[subprocess.Popen]:
    env = {**env, "SD_TEST_START_AT": str(time.time() + 4)}  # after every process has imported Django
    command = _sellerdesk("worker", "--once", "--source", source.SOURCE, "--limit", "100000", "--batch", str(batch))
    return [_spawn(command, env) for _ in range(count)]


def _spawn(command: list[str], env: dict) -> subprocess.Popen:
    """A worker whose log goes to a file: a full stderr pipe nobody reads yet would stall it mid-transaction."""
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True)
    process.log = log
    return process


def _processed(processes: list[subprocess.Popen], timeout: float = 180, *, of: str = source.SOURCE) -> list[int]:
    counts = []
    for process in processes:
        out, _err = process.communicate(timeout=timeout)
        process.log.seek(0)
        assert process.returncode == 0, process.log.read()[-3000:]
        counts.append(int(re.search(rf"{re.escape(of)}: (\d+)", out).group(1)))  # the same in any language
    return counts


def _stalled(env: dict, marker: Path, *, batch: int = 50) -> subprocess.Popen:
    command = _sellerdesk("worker", "--once", "--source", source.SOURCE, "--batch", str(batch))
    process = subprocess.Popen(command, cwd=ROOT, env={**env, "SD_TEST_STALL": str(marker)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 90
    while not marker.exists():
        assert process.poll() is None, process.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the stalled worker never reached its batch"
        time.sleep(0.05)
    return process


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


# --- PostgreSQL ------------------------------------------------------------------------------------

@pytest.fixture
def pg(tmp_path):
    source.create_effects_table()
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    yield _env(tmp_path, url)
    source.drop_effects_table()


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_workers_act_on_every_due_item_exactly_once(pg):
    due = set(source.make_due_cases(DUE_PG))
    counts = _processed(_workers(4, pg))
    effects = source.effects()
    assert sum(counts) == DUE_PG == len(effects)
    assert {case for case, _, _ in effects} == due  # and UNIQUE(case, due_at) held: none twice
    assert len({pid for _, _, pid in effects}) >= 2, counts  # they really worked side by side
    assert CaseEvent.objects.filter(changes__worker_test=True).count() == DUE_PG
    assert not Case.objects.filter(deadline__isnull=False).exists()


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_its_batch_due_and_the_next_one_finishes_it(pg, tmp_path):
    due = set(source.make_due_cases(1000))
    stalled = _stalled(pg, tmp_path / "in-batch", batch=50)
    # While it sits in its transaction holding 50 rows, others skip those rows and take the rest.
    assert sum(_processed(_workers(2, pg))) == 950
    _kill(stalled)
    assert not [e for e in source.effects() if e[2] == stalled.pid]  # its first effect rolled back
    assert Case.objects.filter(deadline__isnull=False).count() == 50
    assert _processed(_workers(1, pg)) == [50]
    effects = source.effects()
    assert len(effects) == 1000 and {case for case, _, _ in effects} == due
    assert CaseEvent.objects.filter(changes__worker_test=True).count() == 1000


# --- SQLite (a file of its own) ---------------------------------------------------------------------

@pytest.fixture
def sqlite_db(tmp_path):
    env = _env(tmp_path, None)
    for command in (_sellerdesk("migrate", "-v0"),
                    [sys.executable, "-m", "tests.followup.test_worker_source", "setup", str(DUE_SQLITE)]):
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-3000:]
    path = tmp_path / "data" / "sellerdesk.sqlite3"

    def query(sql: str) -> list[tuple]:
        with sqlite3.connect(path, timeout=30) as db:
            return db.execute(sql).fetchall()

    return env, query


def test_sqlite_three_worker_processes_act_on_every_due_item_once(sqlite_db):
    env, query = sqlite_db
    counts = _processed(_workers(3, env, batch=25))
    assert sum(counts) == DUE_SQLITE
    assert query(f"SELECT count(*), count(DISTINCT case_id) FROM {source.EFFECTS}") == [(DUE_SQLITE, DUE_SQLITE)]
    assert query("SELECT count(*) FROM cases_case WHERE deadline IS NOT NULL") == [(0,)]
    assert query("SELECT count(*) FROM cases_caseevent WHERE kind = 'note'") == [(DUE_SQLITE,)]


def test_sqlite_a_killed_worker_leaves_nothing_half_done(sqlite_db, tmp_path):
    env, query = sqlite_db
    stalled = _stalled(env, tmp_path / "in-batch", batch=25)
    _kill(stalled)  # on SQLite it held the write lock: the others wait for it, so kill it first
    assert query(f"SELECT count(*) FROM {source.EFFECTS}") == [(0,)]
    assert query("SELECT count(*) FROM cases_caseevent") == [(0,)]
    assert query("SELECT count(*) FROM cases_case WHERE deadline IS NOT NULL") == [(DUE_SQLITE,)]
    assert sum(_processed(_workers(2, env))) == DUE_SQLITE
    assert query(f"SELECT count(*), count(DISTINCT case_id) FROM {source.EFFECTS}") == [(DUE_SQLITE, DUE_SQLITE)]


def test_sqlite_a_web_write_never_waits_long_for_the_worker(sqlite_db):
    """The worker shares SQLite's write lock with the web: even asked for one big batch, it commits after
    SQLITE_HOLD seconds and pauses, so a request's write gets in quickly."""
    env, query = sqlite_db
    path = Path(env["SELLERDESK_DATA_DIR"]) / "sellerdesk.sqlite3"
    (worker,) = _workers(1, env, batch=100_000)
    waits = []
    with sqlite3.connect(path, timeout=30, isolation_level=None) as db:
        while worker.poll() is None:
            started = time.monotonic()
            db.execute("BEGIN IMMEDIATE")
            waits.append(time.monotonic() - started)
            db.execute("UPDATE accounts_workspace SET name = name")
            db.execute("COMMIT")
            time.sleep(0.02)
    assert _processed([worker]) == [DUE_SQLITE]
    assert len(waits) > 20 and max(waits) < 1.5, sorted(waits)[-5:]


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_remind_every_overdue_case_once_with_the_real_clocks(pg):
    """The product's own source: support's first-answer clocks of 300 cases ran out at the same moment."""
    from django.utils import timezone

    from benchmarks import worker as bench

    data = bench.generate(900, 300, seed=4, now=timezone.now())
    command = _sellerdesk("worker", "--once", "--source", bench.SOURCE, "--batch", "20")
    processes = [_spawn(command, pg) for _ in range(2)]
    assert sum(_processed(processes, of=bench.SOURCE)) == 300
    proof = bench.proof(data)
    assert proof["reminders"] == proof["cases_reminded"] == proof["notifications"] == 300
    assert proof["cases_reminded_twice"] == proof["due_not_reminded"] == proof["still_due"] == 0
