"""Taking due rows so that every due item is acted on exactly once, however many workers run.

A source keeps "when is this next due" in an indexed column. `process_due_rows` takes a batch of
rows whose column is due, inside one transaction:

- on PostgreSQL with `SELECT … FOR UPDATE SKIP LOCKED`, so two workers get disjoint batches;
- on SQLite the transaction is IMMEDIATE (see settings), so it holds the write lock from BEGIN and
  workers take turns.

`act(row, now)` does the work and must move the row's due column on (to the next time, or None)
and save it. The work and the move commit together: a worker killed mid-batch leaves the whole
batch due for the next worker, with nothing half done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet

log = logging.getLogger(__name__)

BATCH = 100


def process_due_rows(queryset: QuerySet, field: str, now, act: Callable, *, limit: int = 1000,
                     batch: int = BATCH) -> int:
    """Act on up to `limit` rows of `queryset` whose `field` is at or before `now`; return how many."""
    done = 0
    while done < limit:
        with transaction.atomic():
            rows = list(
                queryset.select_for_update(skip_locked=True, of=("self",))
                .filter(**{f"{field}__lte": now})
                .order_by(field, "pk")[: min(batch, limit - done)]
            )
            if not rows:
                break
            for row in rows:
                act(row, now)
        done += len(rows)
    return done
