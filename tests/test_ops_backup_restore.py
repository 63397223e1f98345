"""`sellerdesk backup` and `sellerdesk restore`: one archive, back whole or not at all."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from sellerdesk.accounts.models import Workspace
from sellerdesk.api.models import ApiToken
from sellerdesk.cases.actions import add_event, change_status, create_case
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent, EntityRef, Evidence
from sellerdesk.cases.search import search_cases
from sellerdesk.ops.backup import read_snapshot
from tests.conftest import GOOD_APPEAL, requires_postgres

PDF = b"%PDF-1.4\n% \xd0\xb0\xd0\xba\xd1\x82 24815162\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3
INVOICE = "发票 2026-03 退款 ¥1280.00".encode()


def _attach(case: Case, name: str, data: bytes, member) -> Evidence:
    return Evidence.objects.create(
        workspace=case.workspace, case=case, file=ContentFile(data, name=name), original_name=name,
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), content_type="application/octet-stream",
        uploaded_by=member,
    )


@pytest.fixture
def journal(world, make_case):
    """Three cases of ИП Соколова with history, references and evidence, and one of ООО Ромашка."""
    fine = make_case(money_at_risk=Decimal("15400.50"), body=GOOD_APPEAL)
    add_event(fine, world.manager, EventKind.MESSAGE_OUT, "Просим отменить штраф по поставке 24815162.",
              channel="ticket")
    change_status(fine, world.owner, Status.READY, expected_version=fine.version)
    make_case(subject="Потерян товар по отправлению 12345678-0001-1", kind="logistics",
                     entities=[("posting", "12345678-0001-1")], responsible=world.logistician)
    vendor = make_case(subject="供应商发票 退款 请求", kind="documents", entities=[("order", "88123457")],
                       money_at_risk=Decimal("1280.00"), currency="CNY")
    make_case(workspace=world.other_workspace, actor=world.outsider, subject="Блокировка карточки 146598732")
    _attach(fine, "акт-приёмки-24815162.pdf", PDF, world.manager)
    _attach(fine, "скриншот-штрафа.png", PNG, world.manager)
    _attach(vendor, "发票-2026-03.pdf", INVOICE, world.owner)
    ApiToken.issue(world.manager, "Выгрузка в 1С")
    return world


def _state() -> tuple:
    media = Path(settings.MEDIA_ROOT)
    cases = list(Case.objects.order_by("workspace__slug", "number").values_list(
        "workspace__slug", "number", "subject", "status", "money_at_risk", "currency", "search_text", "version",
        "shop__name", "responsible__user__username", "created_by__user__username", "created_at",
    ))
    events = list(CaseEvent.objects.order_by("case__number", "occurred_at", "id").values_list(
        "case__workspace__slug", "case__number", "kind", "text", "changes", "actor_name",
        "actor__user__username", "occurred_at",
    ))
    refs = sorted(EntityRef.objects.values_list("workspace__slug", "case__number", "kind", "value"))
    evidence = sorted(
        (e.case.number, e.original_name, e.file.name, e.sha256, (media / e.file.name).read_bytes())
        for e in Evidence.objects.select_related("case")
    )
    return cases, events, refs, evidence


def _backup(tmp_path: Path) -> Path:
    archive = tmp_path / "backups" / "sokolova.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO(), stderr=io.StringIO())
    return archive


def _wipe() -> None:
    connection.check_constraints()  # PostgreSQL won't TRUNCATE with checks pending in the test's transaction
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _files() -> list[str]:
    media = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_it_brings_back_the_same_cases_events_and_evidence(transactional_db, journal, tmp_path):
    before = _state()
    archive = _backup(tmp_path)
    _wipe()
    assert not Case.objects.exists() and not _files()

    call_command("restore", str(archive), stdout=io.StringIO())

    assert _state() == before
    for item in Evidence.objects.all():
        assert hashlib.sha256((Path(settings.MEDIA_ROOT) / item.file.name).read_bytes()).hexdigest() == item.sha256
    workspace = Workspace.objects.get(slug="sokolova")
    cases = Case.objects.filter(workspace=workspace)
    assert search_cases(cases, workspace.pk, "штраф поставке").get().money_at_risk == Decimal("15400.50")
    assert search_cases(cases, workspace.pk, "12345678-0001-1").get().kind == "logistics"
    assert search_cases(cases, workspace.pk, "发票").get().currency == "CNY"
    assert Client().login(username="boris", password="pass-Word-42")
    assert ApiToken.objects.get().label == "Выгрузка в 1С"


def test_new_rows_after_a_restore_get_the_next_numbers(transactional_db, journal, tmp_path):
    archive = _backup(tmp_path)
    _wipe()
    call_command("restore", str(archive), stdout=io.StringIO())

    workspace = Workspace.objects.get(slug="sokolova")
    owner = workspace.memberships.get(user__username="anna")
    highest = max(Case.objects.values_list("pk", flat=True))
    case = create_case(workspace, owner, shop=workspace.shops.get(), subject="Возврат 3 коробок со склада Коледино")
    assert case.number.endswith("-00004")
    assert case.pk > highest
    assert case.events.get().pk > max(CaseEvent.objects.exclude(case=case).values_list("pk", flat=True))


def test_the_archive_lists_every_file_with_its_hash(journal, tmp_path):
    archive = _backup(tmp_path)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format"] == "sellerdesk-backup" and manifest["database_vendor"] == connection.vendor
    assert manifest["counts"]["cases.case"] == 4 and manifest["counts"]["cases.evidence"] == 3
    assert manifest["counts"]["auth.user"] == 6
    assert {name: info["sha256"] for name, info in manifest["files"].items()} == dict(
        Evidence.objects.values_list("file", "sha256"))
    assert sorted(names) == sorted(["database.jsonl", "manifest.json", *(f"evidence/{n}" for n in manifest["files"])])
    assert not any(label.startswith(("contenttypes.", "sessions.")) or label == "auth.permission"
                   for label in manifest["counts"])
    assert archive.stat().st_mode & 0o077 == 0


def test_it_writes_to_the_data_folder_by_default(journal, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    out = io.StringIO()
    call_command("backup", stdout=out)
    [archive] = (tmp_path / "data" / "backups").iterdir()
    assert archive.name.startswith("sellerdesk-20") and archive.name.endswith(".tar.gz")
    assert str(archive) in out.getvalue() and "4 cases" in out.getvalue()


def test_a_failed_backup_leaves_no_half_archive(journal, tmp_path, monkeypatch):
    def broken_disk(*args):
        raise OSError("No space left on device")

    monkeypatch.setattr("sellerdesk.ops.backup._add_files", broken_disk)
    with pytest.raises(OSError):
        _backup(tmp_path)
    assert list((tmp_path / "backups").iterdir()) == []


def test_it_warns_about_a_missing_evidence_file(journal, tmp_path):
    lost = Evidence.objects.get(original_name="скриншот-штрафа.png")
    (Path(settings.MEDIA_ROOT) / lost.file.name).unlink()
    err = io.StringIO()
    call_command("backup", output=str(tmp_path / "b.tar.gz"), stdout=io.StringIO(), stderr=err)
    assert lost.file.name in err.getvalue()
    with tarfile.open(tmp_path / "b.tar.gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert lost.file.name not in manifest["files"] and len(manifest["files"]) == 2


def test_it_refuses_a_database_that_is_not_empty(journal, tmp_path):
    archive = _backup(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    assert Case.objects.count() == 4
    assert len(_files()) == 3


def test_it_refuses_an_evidence_folder_that_is_not_empty(journal, tmp_path):
    archive = _backup(tmp_path)
    _wipe()
    stray = Path(settings.MEDIA_ROOT) / "SD-2026-00001" / "накладная.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    with pytest.raises(CommandError, match="files in"):
        call_command("restore", str(archive))
    assert not Workspace.objects.exists()


def _rewritten(archive: Path, target: Path, suffix: str, change) -> Path:
    """A copy of the archive with `change` applied to the bytes of the entry ending in `suffix`."""
    with tarfile.open(archive) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read()
            if member.name.endswith(suffix):
                data = change(data)
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def _tampered(archive: Path, target: Path, suffix: str) -> Path:
    """One byte of one entry changed, the manifest left as it was."""
    return _rewritten(archive, target, suffix, lambda data: data[:-1] + bytes([data[-1] ^ 1]))


def test_it_refuses_a_tampered_evidence_file_and_leaves_nothing(journal, tmp_path):
    archive = _tampered(_backup(tmp_path), tmp_path / "tampered.tar.gz", "скриншот-штрафа.png")
    _wipe()
    with pytest.raises(CommandError, match="скриншот-штрафа.png"):
        call_command("restore", str(archive))
    assert not Workspace.objects.exists() and not User.objects.exists()
    assert _files() == []


def test_it_refuses_a_tampered_database_copy(journal, tmp_path):
    archive = _tampered(_backup(tmp_path), tmp_path / "tampered.tar.gz", "database.jsonl")
    _wipe()
    with pytest.raises(CommandError, match="database copy"):
        call_command("restore", str(archive))
    assert not Workspace.objects.exists() and _files() == []


def test_it_refuses_a_backup_from_a_newer_version(journal, tmp_path):
    def newer(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["migrations"]["cases"].append("0042_reminders")
        return json.dumps(manifest).encode()

    archive = _rewritten(_backup(tmp_path), tmp_path / "newer.tar.gz", "manifest.json", newer)
    _wipe()
    with pytest.raises(CommandError, match="cases.0042_reminders"):
        call_command("restore", str(archive))
    assert not Workspace.objects.exists() and _files() == []


def test_a_failure_while_loading_takes_everything_back(journal, tmp_path, monkeypatch):
    archive = _backup(tmp_path)
    _wipe()

    def lost_connection(model_list):
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr("sellerdesk.ops.restore._reset_sequences", lost_connection)
    with pytest.raises(RuntimeError):
        call_command("restore", str(archive))
    assert not Case.objects.exists() and not User.objects.exists()
    assert _files() == []
    assert list(Path(settings.MEDIA_ROOT).iterdir()) == []


def test_force_replaces_the_data_after_saving_it(journal, settings, tmp_path, make_case):
    settings.DATA_DIR = tmp_path / "data"
    before = _state()
    archive = _backup(tmp_path)
    extra = make_case(subject="Недовложение в поставке 24815170")
    _attach(extra, "фото-коробок.png", PNG[::-1], journal.owner)

    out = io.StringIO()
    call_command("restore", str(archive), force=True, stdout=out)

    assert _state() == before
    assert not Case.objects.filter(subject__startswith="Недовложение").exists()
    assert _files() == sorted(file_name for _number, _name, file_name, _sha, _data in before[3])
    [safety] = (tmp_path / "data" / "backups").iterdir()
    assert str(safety) in out.getvalue()
    with tarfile.open(safety) as tar:
        assert json.load(tar.extractfile("manifest.json"))["counts"]["cases.case"] == 5


@requires_postgres
def test_the_snapshot_is_one_read_only_moment_on_postgresql(transactional_db):
    with read_snapshot(), connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        isolation = cursor.fetchone()[0]
        cursor.execute("SHOW transaction_read_only")
        read_only = cursor.fetchone()[0]
    assert (isolation, read_only) == ("repeatable read", "on")
