"""`sellerdesk lint FILE|-`: check an appeal's text the way the case page does, from the command line.

The subject is a first line starting with "Тема:", "Subject:" or "主题:", else simply the first line;
the rest is the body. Findings are printed as line:column with the score; the exit code is 0 when
the appeal is ready, 1 when a blocking finding is left and 2 on bad usage.
"""

from __future__ import annotations

import json
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from sellerdesk.analysis.appeal import analyze
from sellerdesk.cases.management.text_input import read_input
from sellerdesk.language.text import prepare
from sellerdesk.playbook import kinds, platforms

SUBJECT_PREFIX = re.compile(r"^\s*(?:тема|subject|主题|主題)\s*[:：]\s*", re.IGNORECASE)
LANGUAGES = ("ru", "en", "zh-hans")


def split_appeal(text: str) -> tuple[str, str, int]:
    """(subject, body, offset of the body in `text`)."""
    first, newline, rest = text.partition("\n")
    match = SUBJECT_PREFIX.match(first)
    subject = first[match.end():] if match else first
    return subject.strip(), rest, len(first) + len(newline)


def line_column(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class Command(BaseCommand):
    requires_system_checks: list = []  # a pure text check: no database, no URL loading
    help = "Check an appeal (subject on the first line, then the body): findings, score, exit 1 if not ready."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a text file, or - for standard input")
        parser.add_argument("--platform", default="wb", help="platform code (wb, ozon, ymarket, avito, yandex_eda, "
                                                             "vendor); default wb")
        parser.add_argument("--kind", help="problem kind (finance, logistics, content…); default: detected")
        parser.add_argument("--attached", action="append", default=None, metavar="NAME",
                            help="name of an attached file; repeat for each (default: attachments unknown)")
        parser.add_argument("--json", action="store_true", help="print the analysis as JSON")
        parser.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: en)")

    def handle(self, *args, **options) -> None:
        platform, kind = options["platform"], options["kind"]
        if platform not in platforms():
            raise CommandError(f"Unknown platform {platform!r}; known: {', '.join(platforms())}.", returncode=2)
        if kind and kind not in kinds():
            raise CommandError(f"Unknown kind {kind!r}; known: {', '.join(kinds())}.", returncode=2)
        raw = read_input(options["file"])
        text = prepare(raw, limit=len(raw) + 1).text.removeprefix("\ufeff")  # a BOM from Windows editors
        subject, body, offset = split_appeal(text)
        result = analyze(subject, body, platform=platform, kind=kind, evidence=options["attached"])
        with translation.override(options["lang"] or "en"):
            if options["json"]:
                data = result.as_dict(gettext)
                for finding in data["findings"]:
                    finding["line"], finding["column"] = self.position(text, offset, finding)
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self.print_findings(text, offset, result)
        if not result.lint.ready:
            sys.exit(1)

    def position(self, text: str, offset: int, finding: dict) -> tuple[int, int]:
        if finding["field"] == "subject":
            first = text.partition("\n")[0]
            match = SUBJECT_PREFIX.match(first)
            lead = (match.end() if match else 0) + len(first[match.end() if match else 0:]) - len(
                first[match.end() if match else 0:].lstrip())
            return 1, lead + finding["start"] + 1
        return line_column(text, offset + finding["start"])

    def print_findings(self, text: str, offset: int, result) -> None:
        for f in result.lint.findings:
            line, column = self.position(text, offset, {"field": f.field, "start": f.start})
            self.stdout.write(f"{line}:{column}: {f.severity}: {f.message.render(gettext)} [{f.code}]")
            if f.fix:
                self.stdout.write(f"    {f.fix.render(gettext)}")
        state = gettext("ready") if result.lint.ready else gettext("not ready")
        self.stdout.write(gettext("Score: %(score)s/100, %(state)s.") % {"score": result.lint.score, "state": state})
