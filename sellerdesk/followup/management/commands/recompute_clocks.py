"""`sellerdesk recompute_clocks`: give clocks to live cases filed before clocks existed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Workspace
from sellerdesk.followup.clocks import backfill


class Command(BaseCommand):
    help = "Set the clocks of live cases that have none (after upgrading to a version with clocks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workspace", help="only this workspace (its slug)")

    def handle(self, *args, **options) -> None:
        workspace = None
        if options["workspace"]:
            workspace = Workspace.objects.filter(slug=options["workspace"]).first()
            if workspace is None:
                raise CommandError(_("No workspace with this address: %(slug)s") % {"slug": options["workspace"]})
        count = backfill(workspace=workspace)
        self.stdout.write(_("Clocks set on %(count)d cases.") % {"count": count})
