"""classify() and find_problems() on any text: never raise, stay fast on 100 KB of adversarial input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk.analysis.classify import KINDS, classify
from sellerdesk.analysis.split import find_problems

FRAGMENTS = ["штраф", "поставка ", "карточку ", "не могу зайти", "API ", "500", "ЭДО ", "акция", "отзыв", "钱没到账",
             "入库", "差评", "payout", "login", ". ", "。", "！", "\n", "\n\n", "1) ", "- ", "Также ", "另外", "also ",
             "заказ 123456789012", "12345678-0001-1", "!!!", "ЁЁЁ", "\u0301", "\U0001f600", "İ", " ", "v1/", "/api/"]


def _sound(result) -> None:
    assert result.kind in KINDS
    assert 0.0 <= result.confidence <= 1.0
    assert len(result.alternatives) == 3
    assert abs(sum(p for _, p in result.alternatives) - 1.0) <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([None, "wb", "ozon", "vendor", "unknown"]))
def test_it_never_raises_on_any_text(text, platform):
    _sound(classify(text, platform=platform))
    problems = find_problems(text, platform=platform)
    assert len(problems) >= 1
    for problem in problems:
        assert problem.kind in KINDS
        assert all(0 <= a <= b <= len(text) for a, b in problem.spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_it_never_raises_on_glued_fragments(text):
    _sound(classify(text, platform="wb"))
    assert find_problems(text, platform="wb")


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "!!!???", "12345", "\x00\x01\ud800", "🙂" * 50])
def test_texts_without_words_are_other_with_low_confidence(text):
    result = classify(text, platform="wb")
    assert result.kind == "other"
    assert result.confidence < 0.5
    assert find_problems(text)[0].kind == "other"


@pytest.mark.parametrize("text", [
    "1" * 100_000, "а-" * 50_000, "@" * 100_000, "штраф " * 20_000, "钱" * 100_000, "a." * 50_000,
    "Также " * 16_000, "1) " * 33_000, ("x" * 99 + " ") * 1000,
])
def test_huge_adversarial_texts_finish_quickly(text):
    started = time.perf_counter()
    _sound(classify(text, platform="wb"))
    find_problems(text, platform="wb")
    assert time.perf_counter() - started < 5.0


def test_bytes_like_garbage_decoded_by_the_caller_is_fine():
    garbage = bytes(range(256)).decode("utf-8", errors="replace") * 50
    _sound(classify(garbage, platform="ozon"))
