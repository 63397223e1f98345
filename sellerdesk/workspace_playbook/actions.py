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
from sellerdesk.playbook.books import merge, shipped_text
from sellerdesk.playbook.check import Problem, check_text
from sellerdesk.workspace_playbook.models import PlaybookOverride

log = logging.getLogger(__name__)

_CACHE_SIZE = 512
_books: dict[tuple[int, str], tuple[object, playbook.PlatformBook]] = {}


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


def book_for(workspace, platform: str) -> playbook.PlatformBook:
    """The playbook a workspace works with for a platform: its override over the shipped data."""
    row = PlaybookOverride.objects.filter(workspace=workspace, platform=platform).values_list(
        "updated_at", "text").first()
    own = _own_platform(workspace, platform)
    stamp = (row[0] if row else None, repr(own))
    key = (workspace.pk, platform)
    cached = _books.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    overrides = _overrides(own, workspace, platform, row[1] if row else "")
    try:
        book = playbook.book(platform, overrides or None)
    except (KeyError, TypeError, ValueError, AttributeError):
        log.exception("playbook override %s/%s is unusable; using the shipped data", workspace.pk, platform)
        book = playbook.book(platform, own or None)
    if len(_books) >= _CACHE_SIZE:
        _books.clear()
    _books[key] = (stamp, book)
    return book


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
