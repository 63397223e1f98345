"""The public post states facts, the ticket number and the waiting time, without emotion."""

from __future__ import annotations

from dataclasses import replace

from sellerdesk.analysis.escalate import calm, draft, lint_public
from tests.analysis.test_escalate_drafts import WB, vendor_facts


def test_public_post_names_the_ticket_and_its_age_without_emotion():
    post = draft(5, WB)
    assert "4417-229-883" in post.subject + post.body
    assert "5 рабочих дней" in post.body
    assert "Sokolova Home" in post.body and "поставка № 24815162" in post.body and "15 400,00 ₽" in post.body
    assert "Здравствуйте" not in post.body   # a post, not a letter
    assert lint_public(post.subject + "\n" + post.body, "ru") == []


def test_public_post_calms_a_shouted_request():
    facts = replace(WB, case=replace(WB.case, request="ВЕРНИТЕ НАШИ ДЕНЬГИ!!! Сколько можно ждать?!"))
    post = draft(5, facts)
    assert "!!" not in post.body and "ВЕРНИТЕ" not in post.body
    assert lint_public(post.body, "ru", allowed=("Sokolova Home",)) == []


def test_lint_finds_insults_caps_and_exclamation_runs():
    problems = lint_public("Wildberries — МОШЕННИКИ!!! Позор, деньги не вернули?!", "ru")
    texts = [p.render() for p in problems]
    assert any("мошенник" in t for t in texts)
    assert any("capitals" in t and "МОШЕННИКИ" in t for t in texts)
    assert any("exclamation" in t for t in texts)


def test_lint_lets_abbreviations_and_names_pass():
    assert lint_public("ИНН 7707083893, модель FBO, ГК РФ, МСК.", "ru") == []
    assert lint_public("Магазин ROMASHKA STORE ждёт ответа.", "ru", allowed=("ROMASHKA STORE",)) == []


def test_chinese_public_post_is_calm_too():
    post = draft(5, vendor_facts())
    assert "HW-20260316-0042" in post.body and "3天" in post.body
    assert "！" not in post.body
    assert lint_public(post.body, "zh") == []
    assert lint_public("骗子公司！！！", "zh")


def test_calm_keeps_abbreviations():
    assert calm("СРОЧНО верните ИНН-данные!", "ru") == "Срочно верните ИНН-данные"
