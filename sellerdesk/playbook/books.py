"""Per-platform books: a shipped platform file merged with a workspace's overrides.

Layers, later wins:
  data/checklists.toml (every kind)  ←  data/platforms/<code>.toml  ←  the workspace's override (TOML)
  data/templates/<language>.toml     ←  [templates.<kind>] of the platform file  ←  the override

Merging rules: `topics` are replaced wholesale when an upper layer gives any; `channels` merge per
channel code (and per field); `checklists` merge per kind and item code (`omit = true` drops an
item); `templates` merge per kind (and per key of a kind's table); `platform` (name, language,
support) lets a workspace describe its own platform.

A platform code with no file of its own (a workspace's own platform) gets `generic.toml`.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from pathlib import Path

from sellerdesk.playbook import (
    DATA_DIR,
    ChannelClock,
    ChecklistItem,
    Platform,
    PlatformBook,
    Topic,
    kinds,
    platforms,
)

PLATFORM_DIR = DATA_DIR / "platforms"
TEMPLATE_DIR = DATA_DIR / "templates"
GENERIC = "generic"

# Channel codes in the order of the escalation path. A clock of 0 hours means "no clock":
# nobody owes an answer within a time (a public post, an outside dispute).
CHANNELS = ("chat", "ticket", "email", "phone", "social", "claim", "public", "external")

# Used when a book has no clock for a channel at all.
FALLBACK_CLOCK = ChannelClock(code="ticket", first_reaction_hours=24.0, reminder_after_hours=48.0, business_time=True)


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}


def platform_file(platform: str) -> Path:
    """The shipped file for a platform code; the generic file for codes without one."""
    path = PLATFORM_DIR / f"{platform}.toml"
    if platform.replace("_", "").isalnum() and path.is_file():
        return path
    return PLATFORM_DIR / f"{GENERIC}.toml"


def shipped_text(platform: str) -> str:
    """The shipped TOML a workspace starts editing from."""
    return platform_file(platform).read_text(encoding="utf-8")


@cache
def _shipped_raw(platform: str) -> dict:
    return _read(platform_file(platform))


@cache
def _checklists_raw() -> dict:
    return _read(DATA_DIR / "checklists.toml")


@cache
def _templates_raw(language: str) -> dict:
    raw = _read(TEMPLATE_DIR / f"{language}.toml") if language.isalnum() else {}
    tables = {key: value for key, value in raw.items() if isinstance(value, dict)}
    tables.setdefault("default", {})
    return tables


def _merge_tables(base: dict, upper: dict, depth: int) -> dict:
    """Overlay `upper` on `base` per key, `depth` levels of tables deep (below that, values replace)."""
    out = dict(base)
    for key, value in upper.items():
        if depth > 0 and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge_tables(out[key], value, depth - 1)
        else:
            out[key] = copy.deepcopy(value)
    return out


def merge(base: dict, upper: dict) -> dict:
    """Overlay one layer of playbook data on another (see the module docstring)."""
    out = dict(base)
    if "topics" in upper:
        out["topics"] = copy.deepcopy(upper["topics"])
    for section, depth in (("channels", 3), ("checklists", 2), ("templates", 1), ("platform", 0)):
        if section in upper:
            out[section] = _merge_tables(base.get(section, {}), upper[section], depth)
    return out


def _platform(code: str, raw: dict) -> Platform:
    shipped = platforms().get(code)
    fields = {"name": code, "language": "ru", "support": ""}
    if shipped is not None:
        fields = {"name": shipped.name, "language": shipped.language, "support": shipped.support}
    fields.update({k: str(v) for k, v in raw.get("platform", {}).items() if k in fields})
    return Platform(code=code, **fields)


def _topics(raw: dict) -> tuple[Topic, ...]:
    return tuple(
        Topic(
            code=row["code"],
            category=row["category"],
            label=row["label"],
            kind=row["kind"],
            keywords=tuple(row.get("keywords", ())),
        )
        for row in raw.get("topics", ())
    )


def _clock(code: str, row: dict, base: ChannelClock | None = None) -> ChannelClock:
    base = base or FALLBACK_CLOCK
    return ChannelClock(
        code=code,
        first_reaction_hours=float(row.get("first_reaction_hours", base.first_reaction_hours)),
        reminder_after_hours=float(row.get("reminder_after_hours", base.reminder_after_hours)),
        business_time=bool(row.get("business_time", base.business_time)),
    )


def _channels(raw: dict) -> dict[str, ChannelClock]:
    return {code: _clock(code, row) for code, row in raw.get("channels", {}).items()}


def _item(code: str, row: dict) -> ChecklistItem:
    return ChecklistItem(
        code=code,
        label=row.get("label", code),
        required=bool(row.get("required", False)),
        entities=tuple(row.get("entities", ())),
        evidence=bool(row.get("evidence", False)),
        hint=row.get("hint", ""),
    )


def _checklists(raw: dict) -> dict[str, tuple[ChecklistItem, ...]]:
    """Per kind: the kind's own items, then the common items it does not redefine."""
    layered = _merge_tables(_checklists_raw(), raw.get("checklists", {}), 2)
    common = layered.get("common", {})
    result = {}
    for kind in kinds():
        own = layered.get(kind, {})
        rows = {**own, **{code: row for code, row in common.items() if code not in own}}
        result[kind] = tuple(_item(code, row) for code, row in rows.items() if not row.get("omit", False))
    return result


def _templates(raw: dict, language: str) -> dict[str, dict]:
    return _merge_tables(_templates_raw(language), raw.get("templates", {}), 1)


def build(platform: str, raw: dict) -> PlatformBook:
    """A book from already merged raw data (no validation: check the text first)."""
    plat = _platform(platform, raw)
    return PlatformBook(
        platform=plat,
        topics=_topics(raw),
        channels=_channels(raw),
        checklists=_checklists(raw),
        templates=_templates(raw, plat.language),
    )


def merged_raw(platform: str, overrides: dict | None = None) -> dict:
    shipped = _shipped_raw(platform)
    return merge(shipped, overrides) if overrides else shipped


@cache
def _shipped_book(platform: str) -> PlatformBook:
    return build(platform, _shipped_raw(platform))


def book(platform: str, overrides: dict | None = None) -> PlatformBook:
    """The playbook of one platform: shipped data, with a workspace's overrides (parsed TOML) on top."""
    if not overrides:
        return _shipped_book(platform)
    return build(platform, merged_raw(platform, overrides))


def kind_clocks(platform: str, overrides: dict | None = None) -> dict[str, dict[str, ChannelClock]]:
    """Clocks set for one kind on a channel (`[channels.<channel>.kinds.<kind>]`): channel -> kind -> clock."""
    channels = book(platform, overrides).channels
    result: dict[str, dict[str, ChannelClock]] = {}
    for code, row in merged_raw(platform, overrides).get("channels", {}).items():
        for kind, fields in row.get("kinds", {}).items():
            result.setdefault(code, {})[kind] = _clock(code, fields, channels.get(code))
    return result


def pick_clock(channels: dict[str, ChannelClock], per_kind: dict[str, dict[str, ChannelClock]], channel: str,
               kind: str | None = None) -> ChannelClock:
    """The clock for a channel (and kind) from a book's channels and its kind_clocks().

    A kind's own clock wins; an unknown channel gets the book's ticket clock under its own code.
    """
    if kind and kind in per_kind.get(channel, {}):
        return per_kind[channel][kind]
    clock = channels.get(channel)
    if clock is None:
        fallback = channels.get("ticket", FALLBACK_CLOCK)
        return ChannelClock(channel, fallback.first_reaction_hours, fallback.reminder_after_hours,
                            fallback.business_time)
    return clock


def channel_clock(platform: str, channel: str, overrides: dict | None = None, kind: str | None = None) -> ChannelClock:
    """The clock of a channel on a platform, for a kind when the data sets one (`[channels.X.kinds.Y]`).

    An unknown channel gets the platform's ticket clock (or a 24 h / 48 h business-time default).
    Hours of 0 mean "no clock" (a public post, an outside dispute). With `business_time`, only
    working days of the Russian production calendar count, 24 hours each.
    """
    return pick_clock(book(platform, overrides).channels, kind_clocks(platform, overrides), channel, kind)


def clear_caches() -> None:
    """Forget loaded files (tests that write data files, a reload after editing them)."""
    for fn in (_shipped_raw, _checklists_raw, _templates_raw, _shipped_book):
        fn.cache_clear()
