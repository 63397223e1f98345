"""`sellerdesk import`: bring cases in from a CSV or XLSX file, all rows or none."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sellerdesk.accounts.models import Membership
from sellerdesk.cases import io


class Command(BaseCommand):
    help = "Import cases from a CSV or XLSX file with the export's columns; on any error nothing changes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workspace", required=True, help="workspace address (slug)")
        parser.add_argument("--as", dest="username", required=True,
                            help="username of the member the cases are imported as")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")

    def handle(self, *args, **options) -> None:
        member = (
            Membership.objects.select_related("workspace", "user")
            .filter(workspace__slug=options["workspace"], user__username=options["username"])
            .first()
        )
        if member is None:
            raise CommandError(f"{options['username']!r} is not a member of workspace {options['workspace']!r}.")
        if not member.can("import_cases"):
            raise CommandError(f"{options['username']!r} may not import cases (role: {member.role}).")
        path: Path = options["file"]
        try:
            with path.open("rb") as file:
                result = io.import_cases(member.workspace, member, file, path.name)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} problem(s) in {path.name}; nothing was imported.")
        self.stdout.write(f"{result.created} cases imported, {result.updated} updated, "
                          f"{result.unchanged} unchanged.")
