"""`sellerdesk restore`: bring back a backup archive, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sellerdesk.ops.restore import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and evidence folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar="FILE", help="a file written by `sellerdesk backup`")
        parser.add_argument("--force", action="store_true", help=(
            "replace the data that is there: it is backed up first and kept if the restore fails"))

    def handle(self, *args, archive: str, force: bool, **options) -> None:
        try:
            restored = restore_backup(Path(archive), force=force)
        except RestoreError as exc:
            raise CommandError(exc.message) from None
        if restored.safety_backup:
            self.stdout.write(_("The data that was here is saved in %(path)s.") % {"path": restored.safety_backup})
        manifest = restored.manifest
        counts = manifest["counts"]
        self.stdout.write(_(
            "Restored the backup of %(created)s: %(workspaces)d workspaces, %(cases)d cases, %(events)d events, "
            "%(files)d files. Everyone needs to log in again."
        ) % {
            "created": manifest.get("created_at"), "workspaces": counts.get("accounts.workspace", 0),
            "cases": counts.get("cases.case", 0), "events": counts.get("cases.caseevent", 0),
            "files": len(manifest["files"]),
        })
        for warning in manifest.get("warnings", []):
            self.stderr.write(_("Warning recorded when the backup was made: %(warning)s") % {"warning": warning})
