"""`sellerdesk playbook check`: validate the shipped playbook data, one `path:line: message` per problem."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from sellerdesk.playbook import DATA_DIR
from sellerdesk.playbook.check import check_all, files_checked


class Command(BaseCommand):
    requires_system_checks: list = []  # a data check: runs even when the rest of the site is misconfigured
    help = "Check the playbook data files (TOML syntax, kinds, topics, clocks, checklists). Exits 1 on any problem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("check",), help="what to do: check")
        parser.add_argument("--json", action="store_true", help="print the problems as a JSON list")
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="folder of the playbook data (default: shipped)")

    def handle(self, *args, **options) -> None:
        data_dir = Path(options["data_dir"])
        problems = check_all(data_dir)
        if options["json"]:
            rows = [{"path": p.path, "line": p.line, "message": p.message} for p in problems]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for problem in problems:
                self.stdout.write(str(problem))
            if not problems:
                self.stdout.write(f"playbook: {files_checked(data_dir)} files checked, no problems.")
        if problems:
            if not options["json"]:
                self.stderr.write(f"playbook: {len(problems)} problem(s).")
            raise SystemExit(1)
