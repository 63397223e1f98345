"""`sellerdesk serve`: the whole product in one process, for a laptop or a small office server."""

from __future__ import annotations

import signal

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.translation import gettext as _

from sellerdesk.followup.worker import start_in_thread, stop_thread
from sellerdesk.ops.serving import banner, pending_migrations

PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"}
IN_PROCESS_SQLITE_BATCH = 10  # rows per transaction of the in-process worker on SQLite


def _exit_on_sigterm(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Serve SellerDesk with waitress; static files are served by the same process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument("--threads", type=int, default=8, help="requests served at once")
        parser.add_argument("--migrate", action="store_true",
                            help="apply pending database migrations before serving")
        parser.add_argument("--trusted-proxy", metavar="ADDRESS",
                            help="address of a reverse proxy whose X-Forwarded-* headers to trust")
        parser.add_argument("--check", action="store_true",
                            help="check the set-up and print the banner, then exit")

    def handle(self, *args, host: str, port: int, threads: int, migrate: bool, trusted_proxy: str | None,
               check: bool, **options) -> None:
        if not 0 < port < 65536:
            raise CommandError(_("The port must be between 1 and 65535."))
        if threads < 1:
            raise CommandError(_("At least one thread is needed."))
        self.prepare(migrate=migrate)
        self.stdout.write("\n".join(banner(host, port)))
        if check:
            return
        from waitress import serve

        from sellerdesk.analysis import warm_up

        warm_up()  # the dictionaries and the classifier load now, not on the first person's request

        from sellerdesk.wsgi import application

        proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_headers": PROXY_HEADERS} if trusted_proxy else {}
        worker = self.start_worker()
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)  # waitress stops cleanly on SystemExit
        try:
            serve(application, host=host, port=port, threads=threads, ident="SellerDesk", **proxy)
        finally:
            signal.signal(signal.SIGTERM, previous)
            if worker:
                stop_thread(*worker)

    def start_worker(self):
        """The background worker (clocks, reminders, digests, sends) in a thread of this process, unless
        WORKER_IN_PROCESS is off (separate `sellerdesk worker` processes do it). On SQLite it shares the
        write lock with the web, so it takes small batches: a request never waits long for it."""
        if not settings.WORKER_IN_PROCESS:
            self.stdout.write(_("Background worker: off here (run `sellerdesk worker`)."))
            return None
        sqlite = connection.vendor == "sqlite"
        self.stdout.write(_("Background worker: in this process, every %(seconds)s s when idle.")
                          % {"seconds": settings.WORKER_INTERVAL})
        return start_in_thread(batch=IN_PROCESS_SQLITE_BATCH if sqlite else None)

    def prepare(self, *, migrate: bool) -> None:
        """Refuse to serve an unmigrated database, or migrate it when asked to."""
        pending = pending_migrations()
        if not pending:
            return
        if not migrate:
            raise CommandError(_(
                "The database needs %(count)d migration(s): run `sellerdesk migrate` first, "
                "or start with `sellerdesk serve --migrate`."
            ) % {"count": len(pending)})
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(_("Applied %(count)d migration(s).") % {"count": len(pending)})
