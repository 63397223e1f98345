"""assess_reply never crashes, keeps its score in 0..1 and stays fast on 100 KB of hostile input."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk.analysis.reply import CaseFacts, ReplyAssessment, assess_reply

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["", "!!!", "в течение рабочих дней", "до", "请提供", "12 450,00 ₽", "https://", "个工作日内", "Пришлите:\n-",
     "отменён", "\n\n\n", "seller.wildberries.ru/help-center", "в течение 999 рабочих дней"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FACTS = st.builds(
    CaseFacts,
    identifiers=st.lists(st.text(max_size=20), max_size=4).map(tuple),
    amounts=st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=Decimal("-1e9"),
                                 max_value=Decimal("1e12")), max_size=3).map(tuple),
    request=st.text(max_size=200), requests=st.lists(st.text(max_size=80), max_size=3).map(tuple),
    evidence=st.lists(st.text(max_size=40), max_size=3).map(tuple), external_number=st.text(max_size=20),
)


@FAST
@given(TEXT, FACTS, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_never_crashes_and_the_score_is_a_probability(text, facts, today):
    result = assess_reply(text, facts, today=today)
    assert 0.0 <= result.score <= 1.0
    assert result.brush_off == (result.score >= 0.5 and bool(text.strip()))
    for message in result.signs + result.unaddressed:
        message.render()
    for promise in result.promises:
        assert promise.due is None or promise.due >= today
    assert ReplyAssessment.from_dict(result.as_dict()).asks == result.asks


ADVERSARIAL = ["1" * 100_000, "в течение " * 10_000, "请提供" * 33_000, "Пришлите " * 11_000, "до 5 дней " * 10_000,
               "https://help." * 7_000, "12 450 " * 14_000, "отменён штраф " * 7_000, "\n- " * 33_000,
               "Здравствуйте!\n" * 7_000, "а" * 100_000, "您的问题已转交相关部门，" * 8_000]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:10]))
def test_100_kb_of_adversarial_input_is_fast(text):
    facts = CaseFacts(identifiers=("88412051", "1" * 30), amounts=(Decimal("12450"),), request=text[:5000],
                      evidence=("акт.pdf",))
    assess_reply("прогрев", facts, today=dt.date(2026, 11, 16))
    started = time.perf_counter()
    result = assess_reply(text, facts, today=dt.date(2026, 11, 16))
    assert time.perf_counter() - started < 1.5
    assert 0.0 <= result.score <= 1.0
