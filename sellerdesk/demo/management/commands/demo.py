"""`sellerdesk demo`: load the demo workspaces so a first run has something real to look at."""

from __future__ import annotations

import time
import unicodedata

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Workspace
from sellerdesk.demo import builder, material

MARKER = "demo-loaded"


class Command(BaseCommand):
    help = "Load realistic demo data: two workspaces, shops, a team in every role and about 60 cases."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when any workspace exists (for `make run`).")
        parser.add_argument("--logins", action="store_true",
                            help="Only print the demo people, their workspaces and roles.")

    def handle(self, *args, if_empty: bool, logins: bool, **options):
        if logins and not if_empty:
            self._print_logins()
            return
        if if_empty and Workspace.objects.exists():
            self.stdout.write(_("Workspaces already exist; demo data not loaded."))
            if logins:
                self._print_logins()
            return
        taken = builder.clashes()
        if taken:
            raise CommandError(_("Demo data cannot be loaded: these names are already taken: %(names)s.")
                               % {"names": ", ".join(taken)})
        started = time.monotonic()
        loaded = builder.load_demo()
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        (settings.DATA_DIR / MARKER).write_text(f"{timezone.now().isoformat()}\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(
            _("Demo data loaded in %(seconds).1f s: %(workspaces)d workspaces, %(shops)d shops, "
              "%(cases)d cases, %(people)d people.") % {
                "seconds": time.monotonic() - started, "workspaces": len(loaded.workspaces),
                "shops": loaded.shops, "cases": loaded.cases, "people": loaded.people}))
        self._print_logins()
        self.stdout.write(_("Open %(url)s/") % {"url": settings.SITE_URL})

    def _print_logins(self) -> None:
        rows = builder.login_rows()
        if not rows:
            self.stdout.write(_("The demo data is not loaded in this database."))
            return
        self.stdout.write(_("Log in as any of these people; the password of all of them is %(password)s")
                          % {"password": material.PASSWORD})
        header = (_("user"), _("full name"), _("workspace"), _("role"))
        widths = [max(_width(str(row[i])) for row in [header, *rows]) for i in range(4)]
        previous = None
        for index, row in enumerate([header, *rows]):
            cells = [str(cell) for cell in row]
            if index and row[0] == previous:
                cells[0] = cells[1] = ""  # the same person in a second workspace
            previous = row[0] if index else None
            line = "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True))
            self.stdout.write(("  " + line).rstrip())


def _width(text: str) -> int:
    """Columns a terminal gives the text: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
