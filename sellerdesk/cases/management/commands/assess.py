"""`sellerdesk assess FILE|-`: read a reply from support the way the case page does, from the command line.

Without `--case` the reply is judged on its own text (set phrases, help-centre links, asks, promises);
with `--case NUMBER --workspace SLUG` against that case's numbers, amounts, request and attached files.
Prints the verdict, the signs, what the reply left unaddressed, what support asks for and what it
promises by when; `--json` prints `ReplyAssessment.as_dict()`. Exit code 0, or 2 on bad usage.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext

from sellerdesk.analysis.reply import CaseFacts, assess_reply
from sellerdesk.cases.management.text_input import read_input
from sellerdesk.language.text import prepare

LANGUAGES = ("ru", "en", "zh-hans")


class Command(BaseCommand):
    requires_system_checks: list = []
    help = "Assess a reply from support: brush-off or not, what it ignored, what it asks and promises."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a text file with the reply, or - for standard input")
        parser.add_argument("--case", metavar="NUMBER", help="judge the reply against this case's facts")
        parser.add_argument("--workspace", metavar="SLUG", help="the case's workspace (needed with --case)")
        parser.add_argument("--today", help="the day the reply came, YYYY-MM-DD (default: today in Moscow)")
        parser.add_argument("--json", action="store_true", help="print the assessment as JSON")
        parser.add_argument("--lang", choices=LANGUAGES, help="language of the messages (default: en)")

    def handle(self, *args, **options) -> None:
        facts = self.facts(options["case"], options["workspace"])
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today must be YYYY-MM-DD, not {options['today']!r}.", returncode=2) from None
        raw = read_input(options["file"])
        text = prepare(raw, limit=len(raw) + 1).text.removeprefix("\ufeff")
        result = assess_reply(text, facts, today=today)
        with translation.override(options["lang"] or "en"):
            if options["json"]:
                data = result.as_dict()
                for key in ("signs", "unaddressed"):
                    for item, message in zip(data[key], getattr(result, key), strict=True):
                        item["text"] = message.render(gettext)
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                self.print_assessment(result)

    def facts(self, number: str | None, slug: str | None) -> CaseFacts | None:
        if not number and not slug:
            return None
        if not (number and slug):
            raise CommandError("--case and --workspace go together.", returncode=2)
        from sellerdesk.accounts.models import Workspace
        from sellerdesk.cases.models import Case
        from sellerdesk.followup.facts import case_facts

        try:
            case = Case.objects.get(workspace=Workspace.objects.get(slug=slug), number=number)
        except Workspace.DoesNotExist:
            raise CommandError(f"No workspace {slug!r}.", returncode=2) from None
        except Case.DoesNotExist:
            raise CommandError(f"No case {number!r} in workspace {slug!r}.", returncode=2) from None
        return case_facts(case)

    def print_assessment(self, result) -> None:
        verdict = gettext("brush-off") if result.brush_off else gettext("engages with the case")
        self.stdout.write(gettext("Verdict: %(verdict)s (score %(score)s).") % {
            "verdict": verdict, "score": f"{result.score:.2f}"})
        if result.resolved:
            self.stdout.write(gettext("Support says the problem is solved."))
        sections = (
            (gettext("Signs"), [m.render(gettext) for m in result.signs]),
            (gettext("Not addressed"), [m.render(gettext) for m in result.unaddressed]),
            (gettext("Support asks us for"), list(result.asks)),
            (gettext("Support promises"), [
                f"{p.text} — " + (gettext("by %(date)s") % {"date": p.due.isoformat()} if p.due else gettext("no date"))
                + (" " + gettext("(default horizon)") if p.horizon else "")
                for p in result.promises]),
        )
        for title, items in sections:
            if not items:
                continue
            self.stdout.write(f"{title}:")
            for item in items:
                self.stdout.write(f"  - {item}")
