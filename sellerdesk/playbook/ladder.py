"""The escalation ladder as data: `data/ladder.toml` (levels, when each is due, channel, per-platform overrides)
and `data/ladder_texts/<language>.toml` (the texts each level drafts, in the language support reads).

Pure Python; the follow-up app (`sellerdesk.followup.ladder`) puts it to work on a case.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from sellerdesk.playbook.books import CHANNELS

DATA_DIR = Path(__file__).parent / "data"
TEXTS_DIR = DATA_DIR / "ladder_texts"
LANGUAGES = ("ru", "zh", "en")

CODES = ("reminder", "senior", "department", "claim", "public", "external")
AFTER = ("clock", "previous")
DEPARTMENTS = ("finance", "technical", "legal", "logistics")
# key -> (type, required) of a [[levels]] table; platform overrides may set any of them but level and code.
LEVEL_KEYS: dict[str, tuple[type, bool]] = {
    "level": (int, True), "code": (str, True), "label": (str, True), "hint": (str, False),
    "after": (str, True), "after_hours": (float, True), "business_time": (bool, False),
    "channel": (str, True), "early_on_brush_off": (bool, False), "link": (str, False), "where": (str, False),
}
# Placeholders a text may use (see analysis.escalate).
TEXT_FIELDS = frozenset({
    "greeting", "closing", "signature", "shop", "platform", "dialog", "opened", "age", "ask", "unaddressed",
    "department", "reference", "amount", "last_reply", "case_number", "today", "previous_level",
})
TEXT_CODES = CODES
TEXT_SECTIONS = ("units", "departments", "unaddressed", "lint", "words")


@dataclass(frozen=True)
class LevelSpec:
    level: int
    code: str
    label: str                       # English msgid
    after: str                       # "clock" | "previous"
    after_hours: float
    channel: str                     # a channel code or "same" (the case's own)
    hint: str = ""                   # English msgid
    business_time: bool = True
    early_on_brush_off: bool = False
    link: str = ""                   # URL name of the page that makes this step (the claim document)
    where: str = ""                  # English msgid: where to send it


def _read(path: Path) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def _spec(row: dict) -> LevelSpec:
    values = {key: row[key] for key in LEVEL_KEYS if key in row}
    values["after_hours"] = float(values["after_hours"])
    return LevelSpec(**values)


@cache
def _raw() -> dict:
    return _read(DATA_DIR / "ladder.toml")


@cache
def ladder(platform: str = "") -> tuple[LevelSpec, ...]:
    """The levels 1..6 for a platform: the shipped levels with the platform's overrides on top."""
    raw = _raw()
    overrides = raw.get("platforms", {}).get(platform, {}) if platform else {}
    levels = []
    for row in sorted(raw["levels"], key=lambda r: r["level"]):
        spec = _spec(row)
        own = {k: v for k, v in overrides.get(str(spec.level), {}).items() if k in LEVEL_KEYS
               and k not in ("level", "code")}
        if "after_hours" in own:
            own["after_hours"] = float(own["after_hours"])
        levels.append(replace(spec, **own))
    return tuple(levels)


def level(platform: str, number: int) -> LevelSpec | None:
    return next((spec for spec in ladder(platform) if spec.level == number), None)


@cache
def departments() -> dict[str, str]:
    """Problem kind -> the profile department level 3 asks for."""
    return dict(_raw().get("departments", {}))


def department_for(kind: str) -> str:
    return departments().get(kind or "", "legal")


@cache
def texts(language: str) -> dict:
    """The ladder texts of a language (Russian for a language we don't ship)."""
    if language not in LANGUAGES:
        language = "ru"
    return _read(TEXTS_DIR / f"{language}.toml")


# --- validation, for `sellerdesk playbook check` --------------------------------------------------------

def _is(value, expected: type) -> bool:
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _check_values(where: str, row: dict, problems: list[str], *, override: bool) -> None:
    for key, value in row.items():
        if key not in LEVEL_KEYS or (override and key in ("level", "code")):
            problems.append(f"{where}.{key}: unknown key")
            continue
        expected = LEVEL_KEYS[key][0]
        if not _is(value, expected):
            problems.append(f"{where}.{key}: must be {expected.__name__}")
            continue
        if key == "after" and value not in AFTER:
            problems.append(f"{where}.after: must be one of {', '.join(AFTER)}")
        if key == "after_hours" and value < 0:
            problems.append(f"{where}.after_hours: cannot be negative")
        if key == "channel" and value != "same" and value not in CHANNELS:
            problems.append(f"{where}.channel: unknown channel {value!r}")


def validate_ladder(data: dict) -> list[str]:
    """Problems with a ladder file; [] when it is fine. Each names its key, in plain English."""
    problems: list[str] = []
    for key in data:
        if key not in ("levels", "departments", "platforms"):
            problems.append(f"{key}: unknown key")
    rows = data.get("levels")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return problems + ["levels: must be a list of [[levels]] tables"]
    numbers = []
    for index, row in enumerate(rows):
        where = f"levels[{index}]"
        _check_values(where, row, problems, override=False)
        for key, (_type, required) in LEVEL_KEYS.items():
            if required and key not in row:
                problems.append(f"{where}: no {key}")
        numbers.append(row.get("level"))
        if row.get("code") is not None and row.get("code") not in CODES:
            problems.append(f"{where}.code: must be one of {', '.join(CODES)}")
    if sorted(n for n in numbers if isinstance(n, int)) != list(range(1, len(CODES) + 1)):
        problems.append(f"levels: must hold the levels 1..{len(CODES)} once each")
    departments_ = data.get("departments", {})
    if not isinstance(departments_, dict):
        problems.append("departments: must be a table")
    else:
        for kind, department in departments_.items():
            if department not in DEPARTMENTS:
                problems.append(f"departments.{kind}: must be one of {', '.join(DEPARTMENTS)}")
    platforms = data.get("platforms", {})
    if not isinstance(platforms, dict):
        return problems + ["platforms: must be a table"]
    for platform, levels in platforms.items():
        if not isinstance(levels, dict):
            problems.append(f"platforms.{platform}: must be a table")
            continue
        for number, row in levels.items():
            where = f"platforms.{platform}.{number}"
            if number not in {str(n) for n in range(1, len(CODES) + 1)}:
                problems.append(f"{where}: unknown level")
            elif not isinstance(row, dict):
                problems.append(f"{where}: must be a table")
            else:
                _check_values(where, row, problems, override=True)
    return problems


def _placeholders(pattern: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]


def _check_pattern(where: str, pattern, problems: list[str]) -> None:
    if not isinstance(pattern, str):
        problems.append(f"{where}: must be text")
        return
    try:
        names = _placeholders(pattern)
    except ValueError as exc:
        problems.append(f"{where}: broken pattern ({exc})")
        return
    for name in names:
        if name not in TEXT_FIELDS:
            problems.append(f"{where}: unknown placeholder {{{name}}}")


def validate_texts(data: dict) -> list[str]:
    """Problems with a ladder texts file; [] when it is fine."""
    problems: list[str] = []
    for section in TEXT_SECTIONS:
        if not isinstance(data.get(section), dict):
            problems.append(f"{section}: missing table")
    units = data.get("units", {}) if isinstance(data.get("units"), dict) else {}
    for unit in ("hours", "days", "business_days"):
        forms = units.get(unit)
        if not isinstance(forms, dict) or not all(isinstance(forms.get(f), str) for f in ("one", "few", "many")):
            problems.append(f"units.{unit}: needs one, few and many")
    for code in TEXT_CODES:
        table = data.get(code)
        if not isinstance(table, dict):
            problems.append(f"{code}: missing table")
            continue
        for part in ("subject", "body"):
            entries = table.get(part)
            if not isinstance(entries, list) or not entries:
                problems.append(f"{code}.{part}: must be a non-empty list")
                continue
            for index, entry in enumerate(entries):
                for alternative in entry if isinstance(entry, list) else [entry]:
                    _check_pattern(f"{code}.{part}[{index}]", alternative, problems)
    return problems
