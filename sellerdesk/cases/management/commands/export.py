"""`sellerdesk export`: the journal of a workspace as CSV or XLSX, with the journal page's filters."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases import io
from sellerdesk.cases.journal import JournalFilter

FILTERS = ("q", "status", "shop", "platform", "kind", "responsible", "priority", "sort")


class Command(BaseCommand):
    help = "Export the case journal of a workspace (all of it, or what the filters select)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workspace", required=True, help="workspace address (slug)")
        parser.add_argument("--format", choices=("csv", "xlsx"), help="default: from --output, else csv")
        parser.add_argument("--output", default="-", help="file to write, or - for standard output")
        parser.add_argument("--delimiter", default=",", choices=(",", ";"), help="CSV field separator")
        parser.add_argument("--q", help="search words, a case or order number")
        parser.add_argument("--status", help="a status code, or 'open'")
        parser.add_argument("--shop", help="shop name or id")
        parser.add_argument("--platform", help="platform code (wb, ozon, ymarket…)")
        parser.add_argument("--kind", help="kind code (finance, logistics…)")
        parser.add_argument("--responsible", help="username, or 'none'")
        parser.add_argument("--priority", help="normal, high or critical")
        parser.add_argument("--overdue", action="store_true", help="only overdue cases")
        parser.add_argument("--sort", help="updated, created, deadline, money or number")

    def handle(self, *args, **options) -> None:
        try:
            workspace = Workspace.objects.get(slug=options["workspace"])
        except Workspace.DoesNotExist:
            raise CommandError(f"No workspace {options['workspace']!r}.") from None
        journal = JournalFilter(self.filter_data(workspace, options), workspace)
        if not journal.is_valid():
            raise CommandError("; ".join(f"--{name}: {' '.join(errs)}" for name, errs in journal.errors.items()))
        cases = journal.cases()
        output = options["output"]
        fmt = options["format"] or ("xlsx" if output.lower().endswith(".xlsx") else "csv")
        if fmt == "csv" and output == "-":
            try:
                for piece in io.iter_csv(cases, options["delimiter"]):
                    self.stdout.write(piece, ending="")
                self.stdout.flush()
            except BrokenPipeError:  # `sellerdesk export … | head`: the reader has what it wanted
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        elif fmt == "csv":
            with open(output, "w", encoding="utf-8", newline="") as stream:
                io.export_csv(cases, stream, options["delimiter"])
        elif output == "-":
            binary = getattr(self.stdout, "buffer", None)  # OutputWrapper passes it through
            if binary is None:
                raise CommandError("XLSX cannot go to this output; give --output FILE.")
            with tempfile.TemporaryFile() as workbook:
                io.export_xlsx(cases, workbook)
                workbook.seek(0)
                shutil.copyfileobj(workbook, binary)
        else:
            io.export_xlsx(cases, output)
        if output != "-":
            self.stderr.write(f"{cases.count()} cases written to {output}")

    def filter_data(self, workspace: Workspace, options: dict) -> dict:
        """The command's options as the journal filter's query, names resolved to ids."""
        data = {name: options[name] for name in FILTERS if options.get(name)}
        if options["overdue"]:
            data["overdue"] = "on"
        shop = data.get("shop")
        if shop and not shop.isdigit():
            ids = list(workspace.shops.filter(name=shop).values_list("pk", flat=True))
            if len(ids) != 1:
                raise CommandError(f"--shop: {'no' if not ids else 'more than one'} shop named {shop!r}.")
            data["shop"] = str(ids[0])
        person = data.get("responsible")
        if person and person != "none":
            member = Membership.objects.filter(workspace=workspace, user__username=person).first()
            if member is None:
                raise CommandError(f"--responsible: no member {person!r} in this workspace.")
            data["responsible"] = str(member.pk)
        return data
