"""`sellerdesk assess FILE|-`: the reply's verdict on the command line, alone or against a case's facts."""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

TEMPLATE = ("Здравствуйте!\n\nВаше обращение передано ответственному отделу. Рекомендуем ознакомиться с разделом "
            "«Помощь»: https://seller.wildberries.ru/help-center\n\nОтвет придёт в ближайшее время.\n")


def run(*args, stdin: str | None = None) -> str:
    out = io.StringIO()
    if stdin is not None:
        old = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        try:
            call_command("assess", *args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command("assess", *args, stdout=out)
    return out.getvalue()


def test_a_file_without_a_case(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(TEMPLATE, encoding="utf-8")
    out = run(str(path), "--today", "2026-11-30")
    assert out.startswith("Verdict: brush-off")
    assert "Set phrase: «передано ответственному отделу»." in out
    assert "by 2026-12-03 (default horizon)" in out


def test_standard_input_as_json():
    data = json.loads(run("-", "--json", "--today", "2026-11-30",
                          stdin="您好！请提供装箱单和物流单号，我们会在3个工作日内退款。"))
    assert data["brush_off"] is False and data["language"] == "zh"
    assert data["asks"] == ["请提供装箱单和物流单号"] and data["promise_due"] == "2026-12-03"


def test_against_a_case(world, make_case, tmp_path):
    case = make_case(entities=[("supply", "24815162")], money_at_risk=Decimal("38000"))
    path = tmp_path / "reply.txt"
    path.write_text("Здравствуйте! К сожалению, мы не можем повлиять на решение. Спасибо, что вы с нами!",
                    encoding="utf-8")
    data = json.loads(run(str(path), "--case", case.number, "--workspace", world.workspace.slug, "--json"))
    assert data["brush_off"] is True
    texts = [m["text"] for m in data["unaddressed"]]
    assert "Number 24815162 is not mentioned." in texts
    assert "The amount 38\u00a0000 is not mentioned." in texts


def test_bad_usage(world, make_case, tmp_path):
    case = make_case()
    with pytest.raises(CommandError, match="go together"):
        run("-", "--case", case.number, stdin="x")
    with pytest.raises(CommandError, match="No case"):
        run("-", "--case", "NOPE-1", "--workspace", world.workspace.slug, stdin="x")
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("-", "--today", "30.11.2026", stdin="x")
