"""`sellerdesk backup`: the database and the evidence folder in one archive, taken at one moment."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sellerdesk.ops.backup import create_backup


class Command(BaseCommand):
    help = "Write a backup archive: a consistent copy of the database and the evidence files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", metavar="FILE",
                            help="where to write it (default: DATA_DIR/backups/"
                                 "sellerdesk-YYYYmmdd-HHMMSS.tar.gz, time in UTC)")

    def handle(self, *args, output: str | None, **options) -> None:
        backup = create_backup(Path(output) if output else None)
        for warning in backup.warnings:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        counts = backup.manifest["counts"]
        self.stdout.write(_("Backup written to %(path)s: %(cases)d cases, %(events)d events, %(files)d files.") % {
            "path": backup.path, "cases": counts.get("cases.case", 0), "events": counts.get("cases.caseevent", 0),
            "files": len(backup.manifest["files"]),
        })
