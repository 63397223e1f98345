"""`sellerdesk worker`: take due clocks, reminders, digests and sends, round after round.

Run as many as you like, on any machines that reach the database: each due item is taken by
exactly one of them (see sellerdesk/followup/claim.py). SIGTERM or Ctrl-C lets the current batch
finish, then the worker exits.
"""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sellerdesk.followup.worker import LIMIT, Worker, sources


class Command(BaseCommand):
    help = "Process due clocks, reminders, agreements, digests and notification sends until stopped."
    requires_system_checks = []  # no URL configuration to import: a worker starts in a fraction of a second

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run one round and exit")
        parser.add_argument("--interval", type=float,
                            help="seconds to sleep when nothing was due (default: WORKER_INTERVAL)")
        parser.add_argument("--limit", type=int, default=LIMIT,
                            help=f"items one source takes per round (default {LIMIT})")
        parser.add_argument("--batch", type=int,
                            help="items per transaction (default 100 on PostgreSQL, 25 on SQLite)")
        parser.add_argument("--source", action="append", metavar="DOTTED.PATH",
                            help="run only this source; repeat for several (default: WORKER_SOURCES)")

    def handle(self, *args, once: bool, interval: float | None, limit: int, batch: int | None,
               source: list[str] | None, **options) -> None:
        if limit < 1 or (batch is not None and batch < 1) or (interval is not None and interval <= 0):
            raise CommandError(_("--limit, --batch and --interval must be positive."))
        try:
            sources(source)
        except ImportError as exc:
            raise CommandError(_("Unknown worker source: %(error)s") % {"error": exc}) from None
        worker = Worker(interval=interval, limit=limit, batch=batch, paths=source)
        if once:
            counts = worker.round()
            self._report(counts)
            return

        def stop(signum, frame):
            if worker.stopping:  # a second Ctrl-C: stop at once
                raise KeyboardInterrupt
            self.stderr.write(_("Stopping after the current batch…"))
            worker.stop()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            worker.run()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write(_("Worker stopped after %(rounds)d round(s), %(items)d item(s).")
                          % {"rounds": worker.rounds, "items": worker.total})

    def _report(self, counts: dict[str, int]) -> None:
        for path, count in counts.items():
            self.stdout.write(f"{path}: {count}")
        self.stdout.write(_("Processed %(items)d item(s).") % {"items": sum(counts.values())})
