"""`sellerdesk playbook check`: path:line: message per problem, exit 1 on any, 0 with a summary otherwise."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.core.management import call_command

from sellerdesk.playbook import DATA_DIR


def _run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("playbook", "check", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def broken(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "platforms" / "wb.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("reminder_after_hours = 72", "reminder_after_hours = -72",
                                                             1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("reminder_after_hours = -72") + 1
    return data, line


def test_it_exits_0_with_a_summary_on_the_shipped_data():
    code, out, _ = _run()
    assert code == 0
    assert out.strip().startswith("playbook: ") and "no problems" in out and len(out.strip().splitlines()) == 1


def test_it_prints_path_line_message_and_exits_1(broken):
    data, line = broken
    code, out, err = _run("--data-dir", str(data))
    assert code == 1
    [row] = out.strip().splitlines()
    assert row.endswith(f"wb.toml:{line}: “reminder_after_hours” cannot be negative (-72).")
    assert "1 problem" in err


def test_it_prints_json(broken):
    data, line = broken
    code, out, _ = _run("--data-dir", str(data), "--json")
    assert code == 1
    [row] = json.loads(out)
    assert row["line"] == line and row["path"].endswith("wb.toml") and "negative" in row["message"]
    assert _run("--json")[:2] == (0, "[]\n")
