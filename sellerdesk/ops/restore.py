"""Bring a backup back: all of it or nothing.

Before anything is touched, the archive is unpacked into a folder of its own inside the evidence
folder and checked whole: every entry's sha256 must match the manifest, and the manifest must list
every file. Then, in one transaction, the rows are loaded and the files moved into place; if anything
fails the transaction rolls back and every file put in place is removed again.

By default the target must be empty (migrated, no rows, no evidence files). `force` replaces what is
there, still safely: a backup of the current data is written first, its rows are deleted in the same
transaction that loads the new ones, and its files are moved aside and put back if anything fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from sellerdesk.ops.backup import (
    CHUNK,
    DATABASE,
    FILES,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    backed_up_models,
    create_backup,
    default_path,
    model_counts,
)
from sellerdesk.ops.serving import demo_marker, pending_migrations

STAGED_FILES = "files"


class RestoreError(Exception):
    """The backup cannot be restored here; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Restored:
    manifest: dict
    safety_backup: Path | None


def existing_data() -> list[str]:
    """What is already in the database and the evidence folder, to tell the person what is in the way."""
    found = [f"{count} {label}" for label, count in model_counts(backed_up_models()).items() if count]
    media = Path(settings.MEDIA_ROOT)
    if media.exists() and any(path.is_file() for path in media.rglob("*")):
        found.append(_("files in %(path)s") % {"path": media})
    return found


def restore_backup(archive: Path, *, force: bool = False) -> Restored:
    if not Path(archive).is_file():
        raise RestoreError(_("There is no file %(path)s.") % {"path": archive})
    if pending_migrations():
        raise RestoreError(_("The database is not migrated: run `sellerdesk migrate` first, then restore."))
    in_the_way = existing_data()
    if in_the_way and not force:
        raise RestoreError(_(
            "SellerDesk restores into an empty database and evidence folder, and this one holds: %(what)s. "
            "Restore into a fresh data folder, or add --force to replace it (a backup of it is made first)."
        ) % {"what": ", ".join(in_the_way)})
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=media))
    try:
        manifest = _unpack(Path(archive), staging)
        _check_schema(manifest)
        safety = create_backup(default_path("pre-restore")).path if in_the_way else None
        _load(manifest, staging, media, replace=bool(in_the_way))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    demo_marker().unlink(missing_ok=True)  # whatever the demo loaded is gone now
    return Restored(manifest, safety)


# --- reading and checking the archive ----------------------------------------------------------------

def _target(member: tarfile.TarInfo, staging: Path) -> Path:
    """Where an archive entry is unpacked; anything but our own plain files is refused (no `..`)."""
    if member.isfile():
        if member.name in (MANIFEST, DATABASE):
            return staging / member.name
        relative = PurePosixPath(member.name.removeprefix(FILES))
        if (member.name.startswith(FILES) and str(relative) == member.name.removeprefix(FILES)
                and not relative.is_absolute() and ".." not in relative.parts and relative.parts):
            return staging / STAGED_FILES / relative
    raise RestoreError(_("The archive holds an unexpected entry: %(name)s.") % {"name": member.name})


def _copy(source, target: Path) -> str:
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with source, target.open("xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def _unpack(archive: Path, staging: Path) -> dict:
    hashes: dict[str, str] = {}
    try:
        with tarfile.open(archive, "r:*") as tar:
            for member in tar:
                if member.name in hashes:
                    raise RestoreError(_("The archive holds %(name)s twice.") % {"name": member.name})
                target = _target(member, staging)
                hashes[member.name] = _copy(tar.extractfile(member), target)
    except (tarfile.TarError, EOFError, zlib.error) as exc:
        raise RestoreError(_("%(path)s is damaged or is not a SellerDesk backup (%(error)s).")
                           % {"path": archive, "error": exc}) from None
    manifest = _read_manifest(staging / MANIFEST)
    _verify(manifest, hashes)
    return manifest


def _read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise RestoreError(_("The archive has no readable manifest.json: it is not a SellerDesk backup.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreError(_("The archive is not a SellerDesk backup."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreError(_("This backup has format version %(found)s; this SellerDesk reads version %(ours)s.")
                           % {"found": manifest.get("format_version"), "ours": FORMAT_VERSION})
    if not all(isinstance(manifest.get(key), dict) for key in ("database", "files", "counts", "migrations")):
        raise RestoreError(_("The backup's manifest is incomplete."))
    return manifest


def _verify(manifest: dict, hashes: dict[str, str]) -> None:
    """Every file the manifest lists is in the archive with the same sha256, and nothing else is."""
    if hashes.get(DATABASE) != manifest["database"].get("sha256"):
        raise RestoreError(_("The database copy in the archive does not match its manifest: the archive is "
                             "damaged or was changed."))
    archived = {name.removeprefix(FILES): digest for name, digest in hashes.items() if name.startswith(FILES)}
    listed = {name: info.get("sha256") for name, info in manifest["files"].items()}
    wrong = sorted(name for name in archived.keys() | listed.keys() if archived.get(name) != listed.get(name))
    if wrong:
        raise RestoreError(_("These evidence files do not match the backup's manifest (damaged or changed): "
                             "%(names)s. Nothing was restored.") % {"names": ", ".join(wrong[:10])})


def _check_schema(manifest: dict) -> None:
    known = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names
               if (app, name) not in known]
    if unknown:
        raise RestoreError(_(
            "This backup was made by a newer SellerDesk (%(version)s; unknown migrations: %(names)s). "
            "Upgrade SellerDesk, run `sellerdesk migrate`, then restore."
        ) % {"version": manifest.get("sellerdesk_version"), "names": ", ".join(unknown[:5])})


# --- loading -------------------------------------------------------------------------------------------

def _load(manifest: dict, staging: Path, media: Path, *, replace: bool) -> None:
    model_list = backed_up_models()
    placed: list[Path] = []
    aside: Path | None = None
    try:
        with transaction.atomic():
            if replace:
                _delete_rows(model_list)
            _insert_rows(staging / DATABASE)
            if replace:
                aside = _move_aside(media, keep=staging)
            _place_files(staging / STAGED_FILES, media, list(manifest["files"]), placed)
            _check_rows(model_list, manifest["counts"])
            _reset_sequences(model_list)
    except BaseException:
        _remove(placed, media)
        if aside:
            _move_back(aside, media)
        raise
    if aside:
        shutil.rmtree(aside, ignore_errors=True)


def _tables(model_list: list[type[models.Model]]) -> list[str]:
    tables = []
    for model in model_list:
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many
                   if f.remote_field.through._meta.auto_created]
    if apps.is_installed("django.contrib.sessions"):
        tables.append(apps.get_model("sessions", "Session")._meta.db_table)  # nobody stays logged in
    return tables


def _delete_rows(model_list: list[type[models.Model]]) -> None:
    """Empty our tables. A table of another app still pointing at them makes this fail, not cascade."""
    connection.check_constraints()  # settles checks pending in this transaction: PostgreSQL won't TRUNCATE
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), _tables(model_list)):
            cursor.execute(sql)


def _insert_rows(dump: Path) -> None:
    deferred = []
    try:
        with dump.open(encoding="utf-8") as stream:
            for row in serializers.deserialize("jsonl", stream, handle_forward_references=True):
                row.save()
                if row.deferred_fields:
                    deferred.append(row)
        for row in deferred:
            row.save_deferred_fields()
    except (DeserializationError, DatabaseError) as exc:
        raise RestoreError(_("The rows could not be loaded: %(error)s") % {"error": exc}) from None


def _check_rows(model_list: list[type[models.Model]], expected: dict[str, int]) -> None:
    """References must resolve and every model must hold as many rows as the backup counted."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in model_list])
    except DatabaseError as exc:
        raise RestoreError(_("The restored rows do not fit together: %(error)s") % {"error": exc}) from None
    found = model_counts(model_list)
    wrong = sorted(label for label in found.keys() | expected.keys() if found.get(label, 0) != expected.get(label, 0))
    if wrong:
        raise RestoreError(_("The restored rows do not match the backup's counts for: %(models)s.")
                           % {"models": ", ".join(wrong)})


def _reset_sequences(model_list: list[type[models.Model]]) -> None:
    """Rows came with their ids; move PostgreSQL's id sequences past them (SQLite needs nothing)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
            cursor.execute(sql)


# --- evidence files ------------------------------------------------------------------------------------

def _place_files(source: Path, media: Path, names: list[str], placed: list[Path]) -> None:
    for name in names:
        target = media / name
        if target.exists():
            raise RestoreError(_("The evidence folder already has %(name)s.") % {"name": name})
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source / name, target)  # same file system: a rename, not a copy
        placed.append(target)


def _remove(placed: list[Path], media: Path) -> None:
    """Take back files put in place, and the folders that held only them."""
    for path in placed:
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != media and folder.is_relative_to(media):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def _move_aside(media: Path, *, keep: Path) -> Path:
    aside = Path(tempfile.mkdtemp(prefix=".pre-restore-", dir=media))
    for entry in media.iterdir():
        if entry not in (aside, keep):
            os.replace(entry, aside / entry.name)
    return aside


def _move_back(aside: Path, media: Path) -> None:
    for entry in aside.iterdir():
        os.replace(entry, media / entry.name)
    aside.rmdir()
