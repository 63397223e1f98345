import io
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case
from tests.io_files import csv_bytes, read_csv, read_xlsx


def test_export_writes_the_filtered_journal_to_stdout(world, make_case):
    make_case(subject="Штраф за поставку 24815162", money_at_risk=Decimal("15400.50"))
    make_case(subject="退货商品损坏", status=Status.WAITING, external_number="WB-7781234",
              money_at_risk=Decimal("1200.10"), responsible=world.manager)
    out = io.StringIO()
    call_command("export", "--workspace", "sokolova", "--status", "waiting", "--responsible", "boris", stdout=out)
    rows = read_csv(out.getvalue())
    assert [(r["subject"], r["money_at_risk"]) for r in rows] == [("退货商品损坏", "1200.10")]
    out = io.StringIO()
    call_command("export", "--workspace", "sokolova", "--q", "24815162", "--delimiter", ";", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("\ufeffnumber;shop;")


def test_export_writes_xlsx_files(world, make_case, tmp_path):
    make_case(subject="Недовложение по заказу 4567890123")
    target = tmp_path / "журнал.xlsx"
    call_command("export", "--workspace", "sokolova", "--shop", "Sokolova Home", "--output", str(target),
                 stderr=io.StringIO())
    _header, rows = read_xlsx(target.read_bytes())
    assert [r["subject"] for r in rows] == ["Недовложение по заказу 4567890123"]


def test_export_refuses_unknown_workspaces_and_filters(world):
    with pytest.raises(CommandError):
        call_command("export", "--workspace", "nobody", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--status"):
        call_command("export", "--workspace", "sokolova", "--status", "lost", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--shop"):
        call_command("export", "--workspace", "sokolova", "--shop", "Romashka Store", stdout=io.StringIO())


def test_import_creates_cases(world, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([["Sokolova Home", "Штраф за поставку 24815162", "supply:24815162"]],
                               header=["shop", "subject", "entities"]).getvalue())
    out = io.StringIO()
    call_command("import", "--workspace", "sokolova", "--as", "boris", str(path), stdout=out)
    assert "1 cases imported" in out.getvalue()
    case = Case.objects.get(workspace=world.workspace)
    assert case.events.get().kind == EventKind.IMPORTED and case.created_by == world.manager


def test_import_prints_row_errors_and_fails(world, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_bytes([["Sokolova Home", "Тема", "10"], ["Sokolova Home", "Тема", "12,5,1"]],
                               header=["shop", "subject", "money_at_risk"]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", "--workspace", "sokolova", "--as", "anna", str(path), stderr=err)
    assert "3" in err.getvalue() and "money_at_risk" in err.getvalue()
    assert not Case.objects.exists()


def test_import_needs_a_member_who_may_import(world, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(b"shop,subject\nSokolova Home,x\n")
    with pytest.raises(CommandError, match="may not import"):
        call_command("import", "--workspace", "sokolova", "--as", "dina", str(path))
    with pytest.raises(CommandError, match="not a member"):
        call_command("import", "--workspace", "sokolova", "--as", "oleg", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", "--workspace", "sokolova", "--as", "anna", str(tmp_path / "нет.csv"))


def test_the_command_line_knows_import_and_export(tmp_path):
    env = {**os.environ, "SELLERDESK_DATA_DIR": str(tmp_path)}
    for name in ("import", "export"):
        done = subprocess.run([sys.executable, "-m", "sellerdesk", name, "--help"], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "--workspace" in done.stdout
