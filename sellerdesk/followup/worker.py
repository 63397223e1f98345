"""One round of the worker: every source in settings.WORKER_SOURCES takes what is due."""

from __future__ import annotations

import logging
from functools import cache

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


@cache
def _sources() -> list:
    return [(path, import_string(path)) for path in settings.WORKER_SOURCES]


def run_once(now=None, *, limit: int = 1000) -> dict[str, int]:
    """Process what is due at `now` (default: the current time); returns how many rows each source took.

    A source that fails is logged and left for the next round; the others still run.
    """
    now = now or timezone.now()
    counts = {}
    for path, process_due in _sources():
        try:
            counts[path] = process_due(now, limit=limit)
        except Exception:
            log.exception("worker source %s failed; its rows stay due for the next round", path)
            counts[path] = 0
    return counts
