"""What `sellerdesk serve` checks and says before it starts serving.

Kept apart from the command so tests (and `serve --check`) can run the preparation without
blocking in the server loop.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

from sellerdesk.demo.material import PASSWORD as DEMO_PASSWORD

# Written by `sellerdesk demo` when it loads the demo data; removed by `sellerdesk restore`.
DEMO_MARKER = "demo-loaded"


def demo_marker() -> Path:
    return Path(settings.DATA_DIR) / DEMO_MARKER


def pending_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations not yet applied: serving an older schema fails later in confusing ways."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def database_description(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database kind and where it is, without the password."""
    db = connections[using].settings_dict
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return _("SQLite, %(path)s") % {"path": db["NAME"]}
    if vendor == "postgresql":
        where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
        return _("PostgreSQL, database %(name)s at %(where)s") % {"name": db["NAME"], "where": where}
    return vendor


def server_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def banner(host: str, port: int) -> list[str]:
    """The lines printed when the server starts: where to open it and what it runs on."""
    lines = [
        _("SellerDesk is running at %(url)s") % {"url": server_url(host, port)},
        _("Data folder: %(path)s") % {"path": settings.DATA_DIR},
        _("Evidence folder: %(path)s") % {"path": settings.MEDIA_ROOT},
        _("Database: %(db)s") % {"db": database_description()},
    ]
    if host not in ("0.0.0.0", "::") and host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        lines.append(_("Warning: %(host)s is not in ALLOWED_HOSTS, so requests to it will be refused.")
                     % {"host": host})
    if demo_marker().exists():
        lines.append(_('Sign in as %(user)s, password %(password)s (every demo person: "sellerdesk demo --logins")')
                     % {"user": "owner", "password": DEMO_PASSWORD})
    lines.append(_("Press Ctrl+C to stop."))
    return lines
