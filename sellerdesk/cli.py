"""The `sellerdesk` command: Django's management commands with our settings preset.

Our own commands (serve, demo, createworkspace, export, import, backup, restore) live in
the apps' `management/commands/` folders; `sellerdesk help` lists them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sellerdesk.settings")
    from django.core.management import execute_from_command_line

    from sellerdesk.env import ConfigError

    try:
        execute_from_command_line(["sellerdesk", *(sys.argv[1:] if argv is None else argv)])
    except ConfigError as exc:
        sys.stderr.write(f"sellerdesk: configuration error: {exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
