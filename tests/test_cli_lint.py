"""`sellerdesk lint FILE|-`: findings with line:column, the score, --json, and exit codes 0/1/2."""

from __future__ import annotations

import io
import json
import sys

import pytest

from sellerdesk.cli import main
from tests.analysis.appeal_samples import PENALTY_BODY, PENALTY_SUBJECT

GOOD = f"Тема: {PENALTY_SUBJECT}\n{PENALTY_BODY}\n"
BAD = "СРОЧНО!!! Проблема\nВерните деньги!!! Покупатель звонил с +7 903 555-12-34.\n"


def _run(capsys, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        main(["lint", *args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def appeal_file(tmp_path):
    def write(text: str, name: str = "appeal.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return write


def test_it_exits_0_for_a_ready_appeal(capsys, appeal_file):
    code, out, _ = _run(capsys, appeal_file(GOOD), "--kind", "logistics", "--attached",
                        "акт_приемки_24815162.pdf", "--attached", "опись_коробов.xlsx")
    assert code == 0
    assert "ready" in out.splitlines()[-1] and "Score:" in out


def test_it_exits_1_and_prints_line_and_column(capsys, appeal_file):
    code, out, _ = _run(capsys, appeal_file(BAD))
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("1:1: blocking:") and "[subject.vague]" in line for line in lines)
    phone = next(line for line in lines if "[personal.buyer]" in line)
    assert phone.startswith("2:" + str(BAD.splitlines()[1].index("+7") + 1) + ":")
    assert lines[-1].startswith("Score: ") and "not ready" in lines[-1]


def test_the_subject_prefix_is_skipped_in_columns(capsys, appeal_file):
    _, out, _ = _run(capsys, appeal_file("Subject: Проблема\nВерните деньги!!!\n"))
    assert any(line.startswith("1:10: blocking:") and "[subject.vague]" in line for line in out.splitlines())


def test_it_reads_standard_input_and_prints_json(capsys):
    code, out, _ = _run(capsys, "-", "--json", "--platform", "ozon", stdin=BAD)
    assert code == 1
    data = json.loads(out)
    assert data["ready"] is False and 0 <= data["score"] <= 100
    codes = {f["code"] for f in data["findings"]}
    assert {"subject.vague", "personal.buyer", "tone.exclamations"} <= codes
    assert all("line" in f and "column" in f for f in data["findings"])
    assert any(e["kind"] == "phone" for e in data["entities"])


def test_it_checks_a_chinese_appeal_for_the_vendor(capsys, appeal_file):
    text = "主题: 登录不了\n登录不了，怎么办？\n"
    code, out, _ = _run(capsys, appeal_file(text), "--platform", "vendor", "--json")
    assert code == 1 and json.loads(out)["language"] == "zh"


def test_bad_usage_exits_2(capsys, appeal_file, tmp_path):
    assert _run(capsys, str(tmp_path / "missing.txt"))[0] == 2
    assert _run(capsys, appeal_file(GOOD), "--platform", "nowhere")[0] == 2
    assert _run(capsys, appeal_file(GOOD), "--kind", "nothing")[0] == 2
    assert _run(capsys, appeal_file(GOOD), "--lang", "fr")[0] == 2
    assert _run(capsys)[0] == 2


def test_binary_garbage_does_not_crash(capsys, tmp_path):
    path = tmp_path / "garbage.bin"
    path.write_bytes(b"\xff\xfe\x00\x81" * 1000)
    code, out, _ = _run(capsys, str(path), "--json")
    assert code in (0, 1) and json.loads(out)["score"] >= 0


def test_a_windows_file_with_a_bom_and_crlf_reads_the_same(capsys, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode("utf-8"))
    _, out, _ = _run(capsys, str(path))
    assert any(line.startswith("1:1: blocking:") and "[subject.vague]" in line for line in out.splitlines())
