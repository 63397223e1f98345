"""analysis.appeal.analyze: the one entry point; any input, a JSON-ready result, the composed appeal checked."""

from __future__ import annotations

import json

from sellerdesk.analysis.appeal import analyze
from sellerdesk.analysis.compose import AppealFields
from sellerdesk.language.text import MAX_CHARS
from tests.analysis.appeal_samples import PENALTY_BODY, PENALTY_FILES, PENALTY_SUBJECT


def test_it_gives_entities_kind_findings_and_score():
    result = analyze(PENALTY_SUBJECT, PENALTY_BODY, platform="wb", kind="logistics", evidence=PENALTY_FILES)
    assert result.language == "ru" and not result.text_truncated
    assert ("supply", "24815162") in {(e.kind, e.value) for e in result.entities}
    assert result.lint.ready and result.lint.score >= 80
    data = result.as_dict()
    json.dumps(data, ensure_ascii=False)
    assert data["score"] == result.lint.score and data["ready"] is True
    supply = next(e for e in data["entities"] if e["kind"] == "supply" and e["field"] == "body")
    assert PENALTY_BODY[supply["start"]:supply["end"]].endswith("24815162")
    assert data["kind"] and data["composed"] is None


def test_messages_are_rendered_with_the_given_translation():
    result = analyze("Проблема", "Верните деньги!!!", platform="wb")
    data = result.as_dict(lambda s: "<" + s + ">")
    assert all(f["message"].startswith("<") for f in data["findings"])


def test_a_huge_text_is_cut_with_an_info_finding():
    result = analyze("Штраф", PENALTY_BODY * 200, platform="wb")
    assert result.text_truncated
    truncated = next(f for f in result.lint.findings if f.code == "text.truncated")
    assert truncated.severity == "info" and str(MAX_CHARS) in truncated.message.render()


def test_it_accepts_empty_bytes_none_and_garbage():
    for subject, body in (("", ""), (None, None), (b"\xff\xfe\x00garbage", b"\x80\x81"), ("\ud800", "\x00" * 10),
                          ("Тема 主题 Subject", "混合 текст mixed 🙂" * 50)):
        result = analyze(subject, body, platform="wb")
        assert 0 <= result.lint.score <= 100
        json.dumps(result.as_dict())


def test_an_unknown_platform_is_checked_with_the_generic_book():
    result = analyze(PENALTY_SUBJECT, PENALTY_BODY, platform="my_own_shop", evidence=PENALTY_FILES)
    assert result.lint.score > 0


def test_with_the_wizards_fields_it_checks_the_composed_appeal():
    fields = AppealFields(shop_name="Северная нить", kind="logistics", when="2026-03-12T09:40",
                          essence="По поставке начислен штраф за недостачу, хотя приняты все коробы.",
                          references=[("supply", "24815162")], request="dispute_penalty",
                          evidence=["акт.pdf"], money_at_risk="7500")
    result = analyze("", "", platform="wb", kind="logistics", fields=fields)
    assert result.composed is not None
    assert result.composed.subject.startswith("Оспаривание штрафа по поставке № 24815162")
    assert result.lint.ready, [f.code for f in result.lint.findings]
    data = result.as_dict()
    assert data["composed"]["subject"] == result.composed.subject and data["composed"]["flags"] == []
