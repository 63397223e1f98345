"""An appeal needs one explicit request."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, VENDOR_BODY, VENDOR_FILES, VENDOR_SUBJECT, codes, finding

WITHOUT_REQUEST = PENALTY_BODY.replace("Просим отменить штраф и вернуть 7 500 ₽ в ближайшем отчёте.",
                                       "Такого раньше не было.")


def test_it_blocks_an_appeal_without_a_request():
    result = finding("request.missing", body=WITHOUT_REQUEST)
    assert result.severity == "blocking"
    assert "recalculate" in result.fix.render()


def test_it_accepts_russian_and_chinese_requests():
    assert "request.missing" not in codes()
    assert "request.missing" not in codes(body=WITHOUT_REQUEST + "\n\nПрошу пересчитать штраф.")
    assert "request.missing" not in codes(VENDOR_SUBJECT, VENDOR_BODY, platform="vendor", kind="technical",
                                          evidence=VENDOR_FILES)


def test_a_demand_in_the_imperative_is_not_an_explicit_request():
    assert "request.missing" in codes(body=WITHOUT_REQUEST + "\n\nВерните деньги.")
