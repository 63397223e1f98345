"""`sellerdesk classify`: the kind of problem and the platform's topic for a description."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sellerdesk.analysis import classify
from sellerdesk.language.text import MAX_CHARS, prepare


class Command(BaseCommand):
    help = "Classify a description: kind, confidence, the top three kinds and the platform's topic."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", default="-", help="the description, or - to read standard input")
        parser.add_argument("--platform", help="platform code (wb, ozon, ymarket, avito, yandex_eda, vendor)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options) -> None:
        raw = options["text"]
        if raw == "-":
            raw = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        prepared = prepare(raw)
        try:
            result = classify.classify(prepared.text, platform=options["platform"])
        except classify.ModelMissing as exc:
            raise CommandError(str(exc)) from None
        if options["json"]:
            data = result.as_dict()
            data["truncated"] = prepared.truncated
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if prepared.truncated:
            self.stderr.write(f"The text is longer than {MAX_CHARS} characters: only the beginning was read.")
        self.stdout.write(f"kind: {result.kind} ({result.confidence:.0%})")
        self.stdout.write("alternatives: " + ", ".join(f"{k} {p:.0%}" for k, p in result.alternatives))
        if result.topic is not None:
            topic = result.topic
            self.stdout.write(f"topic: {topic.code} — {topic.category} → {topic.label} ({result.topic_confidence:.0%})")
            others = [f"{t.code} {p:.0%}" for t, p in result.topic_alternatives[1:]]
            if others:
                self.stdout.write("other topics: " + ", ".join(others))
        elif options["platform"]:
            self.stdout.write("topic: none (the platform has no topics for this kind)")
