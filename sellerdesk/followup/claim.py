"""Taking due rows so that every due item is acted on exactly once, however many workers run.

A source keeps "when is this next due" in an indexed column. `process_due_rows` takes a batch of
rows whose column is due, inside one transaction:

- on PostgreSQL with `SELECT … FOR UPDATE SKIP LOCKED`, so two workers get disjoint batches and
  never wait for each other;
- on SQLite the transaction is IMMEDIATE (see settings), so it holds the write lock from BEGIN and
  workers take turns. The web shares that lock, so on SQLite a batch is small, gives the lock back
  after `SQLITE_HOLD` seconds at the latest, and the worker pauses before the next batch long enough
  for a waiting request to get in (`sqlite_pause`: a waiting connection retries more rarely the
  longer it waited, at most every 100 ms).

`act(row, now)` does the work and must move the row's due column on (to the next time, or None)
and save it. The work and the move commit together: a worker killed mid-batch leaves the whole
batch due for the next worker, with nothing half done.

A batch runs without savepoints (two statements fewer per row). When a row's `act` raises, the whole
batch rolls back and is taken again with a savepoint per row: the failing row is rolled back alone,
logged, stays due for the next round, and does not hold up the rows behind it. (So `act` only writes
rows; anything that leaves the database — a mail, a message — happens after the commit, as the
notification sends do.) A row that `act` leaves due
(a source's bug, or a next time that is already past) is not taken again in the same call, so no
call acts on a row twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connections, router, transaction
from django.db.models import QuerySet

log = logging.getLogger(__name__)

BATCH = 100          # rows per transaction on PostgreSQL
SQLITE_BATCH = 25    # rows per transaction on SQLite, where the web waits for the same lock
SQLITE_HOLD = 0.2    # seconds a SQLite batch may hold the write lock before it commits what it did
SQLITE_PAUSE = 0.11  # most seconds between SQLite batches: longer than the busy handler's longest sleep
# SQLite's busy handler (sqliteDefaultBusyCallback) sleeps these milliseconds in turn, then 100 ms each time.
BUSY_DELAYS_MS = (1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100)

_local = threading.local()


@contextmanager
def batch_size(rows: int | None = None, *, stop: threading.Event | None = None):
    """Make every `process_due_rows` in this thread take at most `rows` per transaction (the in-process
    worker of `sellerdesk serve` keeps its lock short so), and end after the current batch once `stop`
    is set (a worker asked to stop finishes its batch, not its whole round)."""
    previous = getattr(_local, "batch", None), getattr(_local, "stop", None)
    _local.batch, _local.stop = rows, stop
    try:
        yield
    finally:
        _local.batch, _local.stop = previous


def stopping() -> bool:
    stop = getattr(_local, "stop", None)
    return bool(stop and stop.is_set())


def process_due_rows(queryset: QuerySet, field: str, now, act: Callable, *, limit: int = 1000,
                     batch: int | None = None) -> int:
    """Act on up to `limit` rows of `queryset` whose `field` is at or before `now`; return how many
    were acted on (rows whose `act` failed are not counted)."""
    alias = queryset.db or router.db_for_write(queryset.model)
    sqlite = connections[alias].vendor == "sqlite"
    batch = getattr(_local, "batch", None) or batch or (SQLITE_BATCH if sqlite else BATCH)
    done = 0
    skip: set = set()  # rows that failed or were left due: not taken again in this call
    careful = False  # after a failure, the batch is taken again with a savepoint per row
    first, held = True, 0.0
    while done < limit:
        if not first and stopping():
            break
        if sqlite and not first:
            time.sleep(sqlite_pause(held))
        first = False
        started = time.monotonic()
        acted, left = 0, set()
        try:
            with transaction.atomic(using=alias):
                due = (queryset.select_for_update(skip_locked=True, of=("self",))
                       .filter(**{f"{field}__lte": now}))
                if skip:
                    due = due.exclude(pk__in=skip)
                rows = list(due.order_by(field)[: min(batch, limit - done)])  # the index alone: no sort of ties
                taken = 0
                for row in rows:
                    taken += 1
                    ok, moved_on = _act_alone(row, now, act, alias) if careful else (_act(row, now, act), True)
                    acted += ok
                    if not (moved_on and _moved_on(row, field, now)):
                        left.add(row.pk)
                    if sqlite and time.monotonic() - started > SQLITE_HOLD:
                        break  # commit now; the rest of this batch is still due and comes next
        except _Failed:  # the whole batch rolled back: take it again, one savepoint per row
            careful = True
            held = time.monotonic() - started
            continue
        held = time.monotonic() - started
        careful = False
        done += acted
        skip |= left
        if not rows or taken == len(rows) < batch:
            break  # fewer rows than a batch were due: nothing is left
    return done


def sqlite_pause(held: float) -> float:
    """How long to leave SQLite's write lock free after holding it `held` seconds: long enough for a
    connection that started waiting when we took it to wake up once more (its busy handler sleeps
    longer the longer it waited), so the web gets in between two batches of the worker."""
    waited = 0
    for delay in BUSY_DELAYS_MS:
        waited += delay
        if waited / 1000 > held:
            return min(SQLITE_PAUSE, delay / 1000 + 0.01)
    return SQLITE_PAUSE


class _Failed(Exception):
    pass


def _act(row, now, act: Callable) -> bool:
    try:
        act(row, now)
    except Exception as exc:
        log.warning("%s %s failed (%s); its batch is taken again row by row", row._meta.label, row.pk, exc)
        raise _Failed from exc
    return True


def _act_alone(row, now, act: Callable, alias: str) -> tuple[bool, bool]:
    """Run `act` on one row in a savepoint; (whether it did its work, whether it may move on)."""
    try:
        with transaction.atomic(using=alias):
            act(row, now)
    except Exception:
        log.exception("%s %s failed; it stays due for the next round", row._meta.label, row.pk)
        return False, False
    return True, True


def _moved_on(row, field: str, now) -> bool:
    moved = getattr(row, field)
    if moved is not None and moved <= now:
        log.warning("%s %s is still due after it was acted on (%s = %s); it comes again next round",
                    row._meta.label, row.pk, field, moved)
        return False
    return True
