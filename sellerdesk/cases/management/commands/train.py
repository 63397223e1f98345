"""`sellerdesk train`: rebuild the kind model from the labelled descriptions and report held-out accuracy."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sellerdesk.analysis import classify
from sellerdesk.analysis.data import dataset


class Command(BaseCommand):
    help = "Train the kind classifier on the labelled descriptions and export it (same data, same file)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", default=str(dataset.DESCRIPTIONS),
                            help="labelled descriptions, one JSON object a line (default: the shipped set)")
        parser.add_argument("--out", default=str(classify.MODEL_PATH),
                            help="where to write the model (default: the shipped model file)")
        parser.add_argument("--calibrate", action="store_true",
                            help="fit a confidence temperature on training folds (five times slower)")

    def handle(self, *args, **options) -> None:
        try:
            report = classify.train(options["data"], options["out"], calibrate=options["calibrate"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        write = self.stdout.write
        write(f"Trained on {report.train_size} descriptions (+ glossary), {report.terms} terms; "
              f"model written to {report.path}")
        write(f"Held-out accuracy: {report.accuracy:.3f} on {report.test_size} descriptions "
              f"(confidence temperature {report.temperature})")
        for language, accuracy in report.per_language.items():
            write(f"  {language}: {accuracy:.3f}")
        write("Recall per kind: " + ", ".join(f"{k} {v:.2f}" for k, v in report.per_kind_recall.items()))
