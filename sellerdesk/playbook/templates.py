"""Appeal templates and the phrasebook: the words `analysis.compose` puts an appeal together from.

Both are data, one file per language the platform's support reads:
`data/templates/<language>.toml` holds, per problem kind, the subject patterns and the kind's own
sentences (a `[default]` table that every kind falls back to); `data/phrasebook/<language>.toml`
holds the choices for the request and the urgency, section headings, names of references, month
names, greetings and closings.

Subject and sentence patterns use `{name}` placeholders. A subject is a list of patterns tried in
order: the first one whose placeholders are all known is used, so the list runs from the most
specific ("… по поставке № … от …") to the plainest.
"""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("ru", "zh", "en")

# Placeholders a subject pattern may use.
SUBJECT_FIELDS = frozenset({"lead", "ref", "ref_name", "ref_value", "date", "period", "shop", "topic", "count"})
# Placeholders the amounts sentence (finance) may use.
AMOUNT_FIELDS = frozenset({"report", "period", "reported", "calculated", "difference", "at_risk"})
# Every key a template table may hold, with the placeholders its patterns may use
# (None: plain text, no placeholders).
TEMPLATE_KEYS: dict[str, frozenset[str] | None] = {
    "lead": None,                      # the subject's first words when the request gives none
    "subject": SUBJECT_FIELDS,         # list of patterns, most specific first
    "intro": None,                     # a sentence that opens the essence for this kind (optional)
    "steps_label": None,               # heading of "what we did"
    "result_label": None,              # heading of "what we got"
    "expected_label": None,            # heading of "what we expected"
    "amounts": AMOUNT_FIELDS,          # finance: per report …, per our calculation …, difference …
    "at_risk": frozenset({"amount"}),  # money at risk sentence
    "data_hint": None,                 # a sentence after the list of references (optional)
    "evidence_note": None,             # a sentence after the list of attachments (optional)
}
LIST_KEYS = frozenset({"subject"})


def _placeholders(pattern: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]


def validate_template(table: dict) -> list[str]:
    """Problems with one template table (the `[default]` or a kind's table); [] when it is fine.

    Each problem is a plain English sentence naming the key, for `sellerdesk playbook check`.
    """
    if not isinstance(table, dict):
        return ["a template must be a table"]
    problems: list[str] = []
    for key, value in table.items():
        if key not in TEMPLATE_KEYS:
            problems.append(f"{key}: unknown key (known: {', '.join(sorted(TEMPLATE_KEYS))})")
            continue
        allowed = TEMPLATE_KEYS[key]
        if key in LIST_KEYS:
            if not isinstance(value, list) or not value:
                problems.append(f"{key}: must be a non-empty list of patterns")
                continue
            patterns = value
        else:
            if not isinstance(value, str):
                problems.append(f"{key}: must be a string")
                continue
            patterns = [value]
        for index, pattern in enumerate(patterns):
            where = f"{key}[{index}]" if key in LIST_KEYS else key
            if not isinstance(pattern, str) or not pattern.strip():
                problems.append(f"{where}: must be a non-empty string")
                continue
            try:
                names = _placeholders(pattern)
            except ValueError as exc:
                problems.append(f"{where}: broken pattern ({exc})")
                continue
            for name in names:
                if allowed is None or name == "" or name not in allowed:
                    known = ", ".join(sorted(allowed)) if allowed else "none"
                    problems.append(f"{where}: unknown placeholder {{{name}}} (allowed: {known})")
    if "subject" in table and isinstance(table["subject"], list) and table["subject"]:
        last = table["subject"][-1]
        if isinstance(last, str):
            try:
                if set(_placeholders(last)) - {"lead", "topic", "shop"}:
                    problems.append("subject: the last pattern must need only {lead}, so a subject always exists")
            except ValueError:
                pass
    return problems


def validate_phrasebook(table: dict) -> list[str]:
    """Problems with a phrasebook file; [] when it is fine."""
    problems: list[str] = []
    for section in PHRASEBOOK_SECTIONS:
        if not isinstance(table.get(section), dict):
            problems.append(f"[{section}]: missing table")
    months = table.get("dates", {}).get("months") if isinstance(table.get("dates"), dict) else None
    if not isinstance(months, list) or len(months) != 12:
        problems.append("dates.months: must list 12 month names")
    return problems


PHRASEBOOK_SECTIONS = ("text", "headings", "dates", "money", "references", "requests", "urgency", "languages")


def _read(path: Path) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@cache
def shipped_templates(language: str) -> dict[str, dict]:
    """The shipped template tables of a language, kind -> table ({} for a language we don't ship)."""
    path = DATA_DIR / "templates" / f"{language}.toml"
    return _read(path) if language in LANGUAGES and path.exists() else {}


@cache
def phrasebook(language: str) -> dict:
    """The shipped phrasebook of a language (Russian for a language we don't ship)."""
    if language not in LANGUAGES:
        language = "ru"
    return _read(DATA_DIR / "phrasebook" / f"{language}.toml")


def template_for(templates: dict[str, dict], kind: str | None) -> dict:
    """The kind's table over the `[default]` one: what compose uses for an appeal of that kind."""
    merged = dict(templates.get("default") or {})
    if kind and kind != "default":
        merged.update(templates.get(kind) or {})
    return merged
