"""Reading the text a command works on: a file, or standard input for "-"."""

from __future__ import annotations

import sys

from django.core.management.base import CommandError

READ_LIMIT = 5_000_000  # bytes; the analysers cut far earlier, this only keeps memory bounded


def read_input(name: str) -> bytes:
    try:
        if name == "-":
            return sys.stdin.buffer.read(READ_LIMIT)
        with open(name, "rb") as fh:
            return fh.read(READ_LIMIT)
    except OSError as exc:
        raise CommandError(f"Cannot read {name}: {exc.strerror or exc}.", returncode=2) from None
