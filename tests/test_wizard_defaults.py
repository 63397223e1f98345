"""What the wizard proposes from a description: a calmer essence, the date as written, a request for the topic."""

from __future__ import annotations

import datetime as dt

from sellerdesk import playbook
from sellerdesk.analysis.compose import REQUESTS
from sellerdesk.cases.wizard import calm, moment_of


def test_calm_turns_shouting_into_plain_sentences_and_keeps_abbreviations():
    assert calm("ВЕРНИТЕ ДЕНЬГИ!!! Штраф по FBO поставке, ИНН указан???") == \
        "верните деньги! Штраф по FBO поставке, ИНН указан?"
    assert calm("货件丢了！！！请赔偿") == "货件丢了！请赔偿"


def test_a_moment_is_read_in_any_language_and_kept_as_text_otherwise():
    assert moment_of("12.03.2026 14:30").replace(tzinfo=None) == dt.datetime(2026, 3, 12, 14, 30)
    assert moment_of("2026年3月5日") == dt.date(2026, 3, 5)
    assert moment_of("в начале месяца") == "в начале месяца"


def test_every_proposed_request_is_one_the_composer_knows():
    assert set(playbook.default_requests().values()) <= set(REQUESTS)
    assert playbook.default_request("finance.penalty") == "dispute_penalty"
    assert playbook.default_request("other.other") == ""
    assert set(playbook.request_cues()) <= set(REQUESTS)


def test_the_descriptions_own_words_choose_the_request_first():
    assert playbook.default_request("finance.penalty", "货件丢了，请帮我们申请赔偿") == "compensate"
    assert playbook.default_request("finance.penalty", "Начислили штраф, верните деньги") == "dispute_penalty"
    assert playbook.default_request("access.login", "Не можем войти в кабинет с утра") == "restore_access"
