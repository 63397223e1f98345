"""Placeholder: its owner replaces it (see /work/notes/issue4.md)."""


def process_due(now, *, limit: int = 1000) -> int:
    return 0
