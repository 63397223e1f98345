"""Changes to a workspace's playbook, and the book a workspace works with.

A workspace's edits are stored as the TOML text of one platform's file and laid over the shipped
data by `playbook.book()`. `book_for` is called on every analysis, so parsed overrides are cached
per process, keyed by the row's `updated_at`: one cheap indexed query, no parsing, per call.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sellerdesk import playbook
from sellerdesk.playbook import books
from sellerdesk.playbook.books import merge, shipped_text
from sellerdesk.playbook.check import Problem, check_text
from sellerdesk.workspace_playbook.models import PlaybookOverride

log = logging.getLogger(__name__)

_CACHE_SIZE = 512
_books: dict = {}  # (workspace id, platform) -> _Loaded


class PlaybookRejected(Exception):
    """The text has problems; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Effective:
    text: str
    overridden: bool
    updated_at: object = None
    updated_by: object = None


def _own_platform(workspace, platform: str) -> dict:
    """For a workspace's own platform: its name and support language, so the generic book fits it."""
    if platform in playbook.platforms():
        return {}
    custom = workspace.custom_platforms.filter(code=platform).values("name", "language").first()
    return {"platform": custom} if custom else {}


def _overrides(own: dict, workspace, platform: str, text: str) -> dict:
    try:
        data = tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError:
        log.warning("playbook override %s/%s does not parse; using the shipped data", workspace.pk, platform)
        data = {}
    if own:
        data = merge(own, data)
    return data


@dataclass(frozen=True)
class _Loaded:
    stamp: tuple
    book: playbook.PlatformBook
    kind_clocks: dict


def _load(workspace, platform: str) -> _Loaded:
    updated_at = PlaybookOverride.objects.filter(workspace=workspace, platform=platform).values_list(
        "updated_at", flat=True).first()
    own = _own_platform(workspace, platform)
    stamp = (updated_at, repr(own))
    key = (workspace.pk, platform)
    cached = _books.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached
    text = PlaybookOverride.objects.filter(workspace=workspace, platform=platform).values_list(
        "text", flat=True).first() if updated_at else ""
    overrides = _overrides(own, workspace, platform, text or "") or None
    try:
        loaded = _Loaded(stamp, playbook.book(platform, overrides), books.kind_clocks(platform, overrides))
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("playbook override %s/%s is unusable; using the shipped data", workspace.pk, platform)
        loaded = _Loaded(stamp, playbook.book(platform, own or None), books.kind_clocks(platform, own or None))
    if len(_books) >= _CACHE_SIZE:
        _books.clear()
    _books[key] = loaded
    return loaded


def book_for(workspace, platform: str) -> playbook.PlatformBook:
    """The playbook a workspace works with for a platform: its override over the shipped data.

    One small query when nothing changed since the last call in this process.
    """
    return _load(workspace, platform).book


def clock_for(workspace, platform: str, channel: str, kind: str | None = None) -> playbook.ChannelClock:
    """The reaction clock a workspace uses for a channel of a platform, for a kind if it sets one."""
    loaded = _load(workspace, platform)
    return books.pick_clock(loaded.book.channels, loaded.kind_clocks, channel, kind)


def kind_clocks_for(workspace, platform: str) -> dict:
    """channel -> kind -> clock, for the clocks a workspace sets per kind."""
    return _load(workspace, platform).kind_clocks


def effective(workspace, platform: str) -> Effective:
    """The text a workspace edits: its override if it has one, else the shipped file."""
    row = PlaybookOverride.objects.filter(workspace=workspace, platform=platform).select_related("updated_by").first()
    if row is not None:
        return Effective(row.text, True, row.updated_at, row.updated_by)
    return Effective(shipped_text(platform), False)


def save_override(workspace, actor, platform: str, text: str) -> PlaybookOverride:
    """Store a workspace's playbook text for a platform, or raise PlaybookRejected with line-numbered problems."""
    text = text.replace("\r\n", "\n")
    problems = check_text(text, "platform", path=f"{platform}.toml",
                          platform=platform if platform in playbook.platforms() else None)
    if problems:
        raise PlaybookRejected(problems)
    with transaction.atomic():
        row, _ = PlaybookOverride.objects.update_or_create(
            workspace=workspace, platform=platform,
            defaults={"text": text, "updated_by": actor, "updated_at": timezone.now()},
        )
    _books.pop((workspace.pk, platform), None)
    return row


def reset_override(workspace, actor, platform: str) -> bool:
    """Go back to the shipped playbook for a platform. True if there was an override."""
    deleted, _ = PlaybookOverride.objects.filter(workspace=workspace, platform=platform).delete()
    _books.pop((workspace.pk, platform), None)
    if deleted:
        log.info("playbook override %s/%s reset by %s", workspace.pk, platform, getattr(actor, "pk", None))
    return bool(deleted)
