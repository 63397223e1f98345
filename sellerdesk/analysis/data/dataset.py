"""The labelled descriptions the kind classifier is trained and measured on.

`descriptions.jsonl` holds one description a seller might type per line (written by hand, not
generated). A fixed, stratified fifth of it is held out as "test": within every (kind, language)
group, ordered by id, every fifth line starting from the third. `python -m
sellerdesk.analysis.data.dataset` marks lines that were added (appended lines keep the old marks
where they are); a line relabelled later keeps its mark, so the held-out set stays fixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent
DESCRIPTIONS = DATA_DIR / "descriptions.jsonl"
MULTI = DATA_DIR / "multi.jsonl"

LANGUAGES = ("ru", "zh", "en")
PLATFORMS = ("wb", "ozon", "ymarket", "avito", "yandex_eda", "vendor")
KINDS = ("finance", "logistics", "content", "access", "technical", "documents", "promotion", "reviews", "other")


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    lang: str
    platform: str
    kind: str
    topic: str
    split: str


def load(path: str | Path = DESCRIPTIONS) -> list[Example]:
    """Read and check a labelled file; raise ValueError naming the line of any error."""
    examples = []
    seen = set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                example = Example(**{field: row[field] for field in Example.__dataclass_fields__})
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a labelled description ({exc})") from None
            problems = []
            if example.kind not in KINDS:
                problems.append(f"unknown kind {example.kind!r}")
            if example.lang not in LANGUAGES:
                problems.append(f"unknown language {example.lang!r}")
            if example.platform not in PLATFORMS:
                problems.append(f"unknown platform {example.platform!r}")
            if example.split not in ("train", "test"):
                problems.append(f"split must be train or test, not {example.split!r}")
            if example.id in seen:
                problems.append(f"duplicate id {example.id}")
            if not example.text.strip():
                problems.append("empty text")
            if problems:
                raise ValueError(f"{path}:{number}: " + "; ".join(problems))
            seen.add(example.id)
            examples.append(example)
    return examples


def assign_splits(examples: list[Example]) -> list[Example]:
    """The held-out mark: every fifth line of each (kind, language) group, from the third."""
    groups: dict[tuple[str, str], list[Example]] = {}
    for example in sorted(examples, key=lambda e: e.id):
        groups.setdefault((example.kind, example.lang), []).append(example)
    test_ids = {e.id for group in groups.values() for i, e in enumerate(group) if i % 5 == 2}
    return [Example(**{**e.__dict__, "split": "test" if e.id in test_ids else "train"}) for e in examples]


def dump(examples: list[Example], path: str | Path = DESCRIPTIONS) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for e in examples:
            fh.write(json.dumps(e.__dict__, ensure_ascii=False) + "\n")


def mark_new(examples: list[Example], known_ids: set[str]) -> list[Example]:
    """`assign_splits` for the lines not in `known_ids`; the others keep their marks."""
    fresh = {e.id: e for e in assign_splits(examples)}
    return [e if e.id in known_ids else fresh[e.id] for e in examples]


if __name__ == "__main__":  # mark the lines added since the last commit of the file
    import subprocess

    committed = subprocess.run(["git", "show", "HEAD:sellerdesk/analysis/data/descriptions.jsonl"],
                               capture_output=True, text=True, cwd=DATA_DIR).stdout
    known = {json.loads(line)["id"] for line in committed.splitlines() if line.strip()}
    dump(mark_new(load(), known))
