"""`sellerdesk seedknowledge`: give workspaces the shipped articles they do not have yet.

New workspaces get them when they are created; run this after an upgrade that ships new
articles. Articles already there, edited or not, are left alone.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sellerdesk.accounts.models import Workspace
from sellerdesk.knowledge.actions import seed_starter_articles
from sellerdesk.knowledge.starter import StarterDataError, starter_articles


class Command(BaseCommand):
    help = "Add the shipped knowledge-base articles a workspace lacks (all workspaces, or those named)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", metavar="WORKSPACE", help="workspace addresses; all when omitted")

    def handle(self, *args, slugs: list[str], **options) -> None:
        try:
            starter_articles()
        except StarterDataError as error:
            raise CommandError(str(error)) from None
        workspaces = Workspace.objects.order_by("slug")
        if slugs:
            workspaces = workspaces.filter(slug__in=slugs)
            missing = set(slugs) - set(workspaces.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"no such workspace: {', '.join(sorted(missing))}")
        for workspace in workspaces:
            added = seed_starter_articles(workspace)
            self.stdout.write(f"{workspace.slug}: {added} article(s) added")
