"""`sellerdesk train` and `sellerdesk classify` on the command line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from sellerdesk.analysis.data import dataset


def _classify(*args: str) -> str:
    out = io.StringIO()
    call_command("classify", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_classify_prints_kind_alternatives_and_topic():
    out = _classify("Нам выписали штраф за несоответствие габаритов, просим отменить", "--platform", "wb")
    lines = out.splitlines()
    assert lines[0].startswith("kind: finance (")
    assert lines[1].startswith("alternatives: finance ")
    assert lines[1].count("%") == 3
    assert lines[2].startswith("topic: finance.penalty — Финансы → Оспорить штраф")


def test_classify_json_has_the_whole_result():
    data = json.loads(_classify("钱没到账，上周的结算款还没收到", "--platform", "wb", "--json"))
    assert data["kind"] == "finance"
    assert len(data["alternatives"]) == 3
    assert data["alternatives"][0][0] == "finance"
    assert data["topic"]["code"] == "finance.payout"
    assert data["topic"]["kind"] == "finance"
    assert 0 < data["topic_confidence"] <= 1
    assert data["truncated"] is False


def test_classify_reads_standard_input(monkeypatch):
    class _Stdin:
        buffer = io.BytesIO("не могу зайти в кабинет, код из смс не приходит".encode())

    monkeypatch.setattr("sys.stdin", _Stdin())
    data = json.loads(_classify("-", "--json"))
    assert data["kind"] == "access"
    assert data["topic"] is None


def test_classify_survives_garbage_and_huge_text():
    data = json.loads(_classify("\x00\x01 ??? " * 10 + "a-" * 30_000, "--json"))
    assert data["kind"] in dataset.KINDS
    assert data["truncated"] is True


def test_classify_without_a_model_tells_to_train(monkeypatch, tmp_path):
    from sellerdesk.analysis import classify

    monkeypatch.setattr(classify, "MODEL_PATH", tmp_path / "missing.json")
    with pytest.raises(CommandError, match="sellerdesk train"):
        _classify("штраф")


def test_train_prints_held_out_accuracy_overall_and_per_language(tmp_path):
    small = [e for e in dataset.load() if int(e.id[1:]) % 6 == 0]
    data = tmp_path / "small.jsonl"
    dataset.dump(small, data)
    out_file = tmp_path / "model.json"
    out = io.StringIO()
    call_command("train", "--data", str(data), "--out", str(out_file), stdout=out)
    text = out.getvalue()
    assert out_file.exists()
    assert "Held-out accuracy: " in text and "(confidence temperature 1.0)" in text
    for language in ("ru", "zh", "en"):
        assert f"  {language}: " in text
    assert "Recall per kind: " in text


def test_train_reports_a_broken_data_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "d1", "text": "x", "lang": "fr", "platform": "wb", "kind": "finance", '
                   '"topic": "", "split": "train"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="bad.jsonl:1: unknown language"):
        call_command("train", "--data", str(bad), "--out", str(tmp_path / "m.json"), stdout=io.StringIO())
