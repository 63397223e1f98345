"""analyze, lint and compose never crash on any text, and stay fast on 100 KB of adversarial input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk.analysis.appeal import analyze
from sellerdesk.analysis.compose import AppealFields, compose
from sellerdesk.analysis.lint import lint
from sellerdesk.playbook import book

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=400) | st.sampled_from(
    ["", "!!!", "СРОЧНО", "№", "заказ № ", "2026年3月5日", "1 500,00 ₽", "@", "a.pdf", "\n\n\n"])
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, TEXT, st.sampled_from(["wb", "ozon", "vendor", "nowhere"]),
       st.sampled_from([None, "finance", "logistics", "content", "other", "bogus"]))
def test_analyze_never_crashes(subject, body, platform, kind):
    result = analyze(subject, body, platform=platform, kind=kind, evidence=[])
    assert 0 <= result.lint.score <= 100
    for f in result.lint.findings:
        assert f.severity in ("blocking", "warning", "info") and 0 <= f.start <= f.end
        f.message.render()
        if f.fix:
            f.fix.render()


@FAST
@given(TEXT, TEXT, st.none() | st.lists(st.text(max_size=30), max_size=3))
def test_lint_never_crashes(subject, body, evidence):
    result = lint(subject, body, platform="wb", evidence=evidence, problems=[])
    assert result.ready == (not any(f.severity == "blocking" for f in result.findings))


@FAST
@given(st.dictionaries(st.sampled_from(["shop_name", "essence", "steps", "result", "expected", "request",
                                        "urgency", "when", "count", "money_at_risk", "report_amount",
                                        "our_amount", "period", "section", "work_model", "currency",
                                        "request_detail", "kind", "report_number"]), TEXT),
       st.sampled_from(["wb", "vendor"]),
       st.lists(st.tuples(st.sampled_from(["order", "supply", "posting", "nmid", "x"]), TEXT) | st.text(max_size=5),
                max_size=3) | st.text(max_size=20),
       st.lists(TEXT, max_size=3) | TEXT,
       st.dictionaries(st.sampled_from(["essence", "steps"]), TEXT) | st.none())
def test_compose_never_crashes(values, platform, references, evidence, translations):
    fields = AppealFields(**values, references=references, evidence=evidence, translations=translations)
    composed = compose(fields, book(platform))
    assert composed.subject
    assert composed.body


ADVERSARIAL = ["1" * 100_000, "а-" * 50_000, "@" * 100_000, "a" * 100_000, "A " * 50_000, "!" * 100_000,
               "x.pdf " * 16_000, ".pdf" * 25_000, "№1" * 50_000, "покупатель +7 " * 7_000, "ВЫ " * 33_000,
               "服务" * 50_000, "http://" * 14_000, "заказ " * 16_000, "\n" * 100_000, " \n" * 50_000,
               ", " * 50_000, "также " * 16_000, "Здравствуйте!\n\n" * 7_000, "ИНН 7707083893\n\n" * 6_000]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:8]))
def test_100_kb_of_adversarial_input_is_fast(text):
    analyze("x", "warm-up", platform="wb")
    started = time.perf_counter()
    lint(text[:1000], text, platform="wb", evidence=[], problems=[], entities=[], subject_entities=[])
    analyze(text[:1000], text, platform="wb", evidence=[])
    compose(AppealFields(essence=text, steps=text, when=text[:200], period=text[:100]), book("wb"))
    assert time.perf_counter() - started < 1.0
