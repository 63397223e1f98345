"""A worker source for the worker's own tests (no tests in this file).

`process_due` takes cases whose `deadline` is due and, for each, writes one row into a table with a
UNIQUE constraint on (case, deadline) — the effect — plus a note on the case, then clears the
deadline. A second action on the same due item would break the constraint, so the table proves
"exactly once" at the database level, whatever the worker prints.

With SD_TEST_START_AT=<epoch seconds> it waits until then, so processes start on the same beat.
With SD_TEST_STALL=<path> the worker writes its first effect, touches <path> and sleeps inside the
open transaction, to be killed there. `python -m tests.followup.test_worker_source setup N` fills a
fresh (migrated) database with N due cases, for the tests that run workers as processes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from django.db import connection
from django.utils import timezone

EFFECTS = "worker_test_effect"
SOURCE = "tests.followup.test_worker_source.process_due"


def create_effects_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {EFFECTS}")
        cursor.execute(f"CREATE TABLE {EFFECTS} (case_id bigint NOT NULL, due_at varchar(40) NOT NULL, "
                       f"pid integer NOT NULL, UNIQUE (case_id, due_at))")


def drop_effects_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {EFFECTS}")


def effects() -> list[tuple[int, str, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT case_id, due_at, pid FROM {EFFECTS}")
        return cursor.fetchall()


def process_due(now, *, limit: int = 1000) -> int:
    from sellerdesk.cases.models import Case
    from sellerdesk.followup.claim import process_due_rows

    start_at = os.environ.get("SD_TEST_START_AT")  # workers started as processes begin together
    if start_at:
        time.sleep(max(0.0, float(start_at) - time.time()))
    return process_due_rows(Case.objects.all(), "deadline", now, _act, limit=limit)


def _act(case, now) -> None:
    from sellerdesk.cases.actions import log_event

    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {EFFECTS} (case_id, due_at, pid) VALUES (%s, %s, %s)",
                       [case.pk, case.deadline.isoformat(), os.getpid()])
    log_event(case, "note", None, text="Напоминание: срок ответа поддержки истёк", changes={"worker_test": True})
    stall = os.environ.get("SD_TEST_STALL")
    if stall:
        Path(stall).touch()
        time.sleep(600)  # killed here, inside the transaction
    case.deadline = None
    case.save(update_fields=["deadline"])


def make_due_cases(count: int, *, now=None) -> list[int]:
    """A workspace with `count` open cases, all due (deadlines spread over the last day)."""
    from sellerdesk.accounts.models import Workspace
    from sellerdesk.cases.models import Case
    from sellerdesk.shops.models import Shop

    now = now or timezone.now()
    ws = Workspace.objects.create(name="ИП Соколова", slug=f"worker-{os.getpid()}-{time.monotonic_ns()}")
    shop = Shop.objects.create(workspace=ws, platform="wb", name="Sokolova Home")
    cases = Case.objects.bulk_create(
        Case(workspace=ws, shop=shop, platform="wb", number=f"SK-2026-{i:05d}", status="waiting",
             subject=f"Штраф за маркировку по поставке №{24815162 + i}",
             deadline=now - dt.timedelta(seconds=1 + i * 86400 / max(count, 1)))
        for i in range(count)
    )
    return [case.pk for case in cases]


if __name__ == "__main__":  # python -m tests.followup.test_worker_source setup N
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sellerdesk.settings")
    django.setup()
    if sys.argv[1:2] == ["setup"]:
        create_effects_table()
        make_due_cases(int(sys.argv[2]))
