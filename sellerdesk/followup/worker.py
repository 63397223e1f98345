"""The worker: rounds over every source in settings.WORKER_SOURCES, and the loop that repeats them.

A source is a function `process_due(now, *, limit) -> int` that takes its due rows with
`followup.claim.process_due_rows` and returns how many it took. `run_once` runs one round;
`Worker` repeats rounds until it is stopped: at once when a source hit its limit (more is due),
after `settings.WORKER_INTERVAL` seconds when nothing was left. `sellerdesk worker` runs a `Worker`
in its own process, `sellerdesk serve` in a thread next to the web server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import lru_cache

from django.conf import settings
from django.db import close_old_connections, connections
from django.urls import get_resolver
from django.utils import timezone
from django.utils.module_loading import import_string

from sellerdesk.followup import claim

log = logging.getLogger(__name__)

LIMIT = 1000  # rows one source takes in one round


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> list:
    return [(path, import_string(path)) for path in paths]


def sources(paths: Sequence[str] | None = None) -> list:
    """(dotted path, function) of the given sources, by default those of settings.WORKER_SOURCES."""
    return _load(tuple(settings.WORKER_SOURCES if paths is None else paths))


def run_once(now=None, *, limit: int = LIMIT, paths: Sequence[str] | None = None) -> dict[str, int]:
    """Process what is due at `now` (default: the current time); returns how many rows each source took.

    A source that fails is logged and left for the next round; the others still run.
    """
    now = now or timezone.now()
    counts = {}
    for path, process_due in sources(paths):
        if claim.stopping():  # a worker asked to stop: the sources after the current one wait for the next
            break
        try:
            counts[path] = process_due(now, limit=limit)
        except Exception:
            log.exception("worker source %s failed; its rows stay due for the next round", path)
            counts[path] = 0
    return counts


def warm_up(paths: Sequence[str] | None = None) -> None:
    """Import what the sources import on their first row (the URL configuration for links, which pulls
    in every app), before any transaction: on SQLite the first batch would hold the write lock meanwhile."""
    sources(paths)
    try:
        get_resolver().reverse_dict  # noqa: B018 - populates the resolver
    except Exception:  # a broken URL configuration is the web's problem; the sources will say it too
        log.exception("the URL configuration does not load")


def _fresh_connections() -> None:
    """Close connections that broke or outlived CONN_MAX_AGE (the next query opens a new one), as Django
    does around each request; a connection inside a transaction (a test's) is left alone."""
    if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        close_old_connections()


class Worker:
    """Rounds until `stop()`: the current batch always finishes (it commits), then the round ends."""

    def __init__(self, *, interval: float | None = None, limit: int = LIMIT, batch: int | None = None,
                 paths: Sequence[str] | None = None, name: str = "worker", start_delay: float = 0):
        self.interval = settings.WORKER_INTERVAL if interval is None else interval
        self.start_delay = start_delay
        self.limit, self.batch, self.paths, self.name = limit, batch, paths, name
        self._stop = threading.Event()
        self.rounds = 0
        self.total = 0

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def round(self) -> dict[str, int]:
        """One round with fresh database connections; logs what it did."""
        if not self.rounds:
            warm_up(self.paths)
        _fresh_connections()
        try:
            with claim.batch_size(self.batch, stop=self._stop):
                counts = run_once(limit=self.limit, paths=self.paths)
        finally:
            _fresh_connections()
        self.rounds += 1
        taken = sum(counts.values())
        self.total += taken
        if taken:
            log.info("%s round %d: %s", self.name, self.rounds,
                     ", ".join(f"{path.rsplit('.', 2)[-2]} {n}" for path, n in counts.items() if n))
        else:
            log.debug("%s round %d: nothing due", self.name, self.rounds)
        return counts

    def run(self) -> None:
        """Rounds until stopped: the next one at once when a source hit its limit, else after the interval."""
        log.info("%s started: sources %s, every %ss when idle", self.name,
                 ", ".join(path for path, _ in sources(self.paths)), self.interval)
        try:
            if self.start_delay:
                self._stop.wait(self.start_delay)
            while not self.stopping:
                try:
                    counts = self.round()
                except Exception:  # a database that went away: wait and try again
                    log.exception("%s round failed", self.name)
                    counts = {}
                busy = any(n >= self.limit for n in counts.values())
                if not busy:
                    self._stop.wait(self.interval)
        finally:
            if not any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
                connections.close_all()
            log.info("%s stopped after %d rounds, %d items", self.name, self.rounds, self.total)


def start_in_thread(*, batch: int | None = None, start_delay: float = 1.0) -> tuple[Worker, threading.Thread]:
    """A worker in a daemon thread of this process (`sellerdesk serve`); stop it with `stop_thread`."""
    worker = Worker(batch=batch, name="in-process worker", start_delay=start_delay)
    thread = threading.Thread(target=worker.run, name="sellerdesk-worker", daemon=True)
    thread.start()
    return worker, thread


def stop_thread(worker: Worker, thread: threading.Thread, timeout: float = 30) -> None:
    """Let the current round finish (a batch is never cut), then return."""
    worker.stop()
    thread.join(timeout)
    if thread.is_alive():
        log.warning("the in-process worker did not stop within %ss; its open batch rolls back", timeout)
