"""One-file backups: a consistent copy of the database and of the evidence files its rows refer to.

The rows go in as Django's serialized JSON (one object a line), not as a database file, so a backup
made on SQLite restores into PostgreSQL and back. They are read inside one read-only transaction, so
the copy is one moment of the journal even while people keep working. The archive is written to a
temporary file and renamed at the end: a failed backup never leaves half an archive behind.

Archive layout (a .tar.gz):
    database.jsonl          the rows of our apps, users and groups
    evidence/<path>         every file a row refers to, by its path under the evidence folder
    manifest.json           written last: format, versions, counts per model, sha256 of everything
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import sellerdesk

FORMAT = "sellerdesk-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
FILES = "evidence/"
# Besides our own apps. Left out on purpose: content types and permissions (every migrated database
# has its own, referenced here by natural key), sessions (logins do not survive a restore).
AUTH_MODELS = ("auth.group", "auth.user")
CHUNK = 1024 * 1024


@dataclass
class Backup:
    path: Path
    manifest: dict
    warnings: list[str] = field(default_factory=list)


def backed_up_models() -> list[type[models.Model]]:
    """Every model of a `sellerdesk.*` app plus users and groups, in an order that loads cleanly."""
    app_list = [(config, None) for config in apps.get_app_configs() if config.name.startswith("sellerdesk.")]
    app_list.append((apps.get_app_config("auth"), [apps.get_model(label) for label in AUTH_MODELS]))
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [model for model in ordered if model._meta.managed and not model._meta.proxy]


def model_counts(model_list: list[type[models.Model]]) -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in model_list}


def referenced_files(model_list: list[type[models.Model]]) -> list[str]:
    """Paths (relative to the evidence folder) of every file any row of these models refers to."""
    names: set[str] = set()
    for model in model_list:
        for file_field in model._meta.concrete_fields:
            if isinstance(file_field, models.FileField):
                values = model._base_manager.exclude(**{file_field.name: ""}).values_list(file_field.name, flat=True)
                names.update(name for name in values.iterator() if name)
    return sorted(names)


def applied_migrations(app_labels: set[str]) -> dict[str, list[str]]:
    """What schema the rows were read from, so a restore can refuse a backup from a newer version."""
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        if app_label in app_labels:
            applied.setdefault(app_label, []).append(name)
    return applied


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Hold one read transaction so that every table is read as of the same moment.

    PostgreSQL gets REPEATABLE READ, READ ONLY: one snapshot for all queries, no locks on writers.
    SQLite would get `BEGIN IMMEDIATE` from Django (our settings), which takes the write lock for the
    whole backup; a plain deferred BEGIN reads one fixed snapshot in WAL mode and lets others write.
    Inside a transaction the caller already holds (tests, scripts), that transaction is the snapshot.
    """
    if connection.in_atomic_block:
        yield
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def default_path(kind: str = "sellerdesk") -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"{kind}-{stamp}.tar.gz"


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them to the microsecond."""

    def default(self, o):
        if isinstance(o, dt.datetime) or (isinstance(o, dt.time) and o.tzinfo is None):
            return o.isoformat()
        return super().default(o)


class _Hashing:
    """A file wrapper that hashes what tarfile reads through it, so each file is read only once."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.sha256.update(chunk)
        return chunk


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(timezone.now().timestamp())
    return info


def _add_database(archive: tarfile.TarFile, model_list: list[type[models.Model]]) -> dict:
    with tempfile.TemporaryFile() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        rows = chain.from_iterable(model._base_manager.order_by("pk").iterator() for model in model_list)
        serializers.serialize("jsonl", rows, stream=text, use_natural_foreign_keys=True, cls=ExactJSONEncoder)
        text.flush()
        text.detach()  # keep `raw` open: closing the wrapper would close it
        size = raw.tell()
        raw.seek(0)
        reader = _Hashing(raw)
        archive.addfile(_member(DATABASE, size), reader)
    return {"path": DATABASE, "sha256": reader.sha256.hexdigest(), "size": size}


def _add_files(archive: tarfile.TarFile, names: list[str], expected: dict[str, str], warnings: list[str]) -> dict:
    root = Path(settings.MEDIA_ROOT).resolve()
    files: dict[str, dict] = {}
    for name in names:
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            warnings.append(_("missing file, not in the backup: %(name)s") % {"name": name})
            continue
        size = path.stat().st_size
        with path.open("rb") as raw:
            reader = _Hashing(raw)
            archive.addfile(_member(FILES + name, size), reader)
        digest = reader.sha256.hexdigest()
        if name in expected and expected[name] != digest:
            warnings.append(_("file changed since it was uploaded (sha256 differs): %(name)s") % {"name": name})
        files[name] = {"sha256": digest, "size": size}
    return files


def _write(archive: tarfile.TarFile) -> tuple[dict, list[str]]:
    from sellerdesk.cases.models import Evidence

    model_list = backed_up_models()
    warnings: list[str] = []
    with read_snapshot():
        created_at = timezone.now()
        counts = model_counts(model_list)
        database = _add_database(archive, model_list)
        names = referenced_files(model_list)
        expected = dict(Evidence._base_manager.values_list("file", "sha256"))
        migrations = applied_migrations({model._meta.app_label for model in model_list})
    # Evidence files never change once uploaded, so they are read after the snapshot is released.
    files = _add_files(archive, names, expected, warnings)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "sellerdesk_version": sellerdesk.__version__,
        "database_vendor": connection.vendor,
        "migrations": migrations,
        "counts": counts,
        "database": database,
        "files": files,
        "warnings": warnings,
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
    archive.addfile(_member(MANIFEST, len(data)), io.BytesIO(data))
    return manifest, warnings


def create_backup(output: Path | None = None) -> Backup:
    """Write the archive next to its final place and rename it there only when it is complete."""
    output = Path(output or default_path())
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            manifest, warnings = _write(archive)
        os.chmod(partial, 0o600)  # it holds password hashes and every customer's data
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return Backup(output, manifest, warnings)
