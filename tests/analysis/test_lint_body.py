"""A text too short to act on is blocked."""

from __future__ import annotations

from tests.analysis.appeal_samples import VENDOR_SUBJECT, codes, finding


def test_a_two_line_appeal_is_too_short():
    result = finding("body.too_short", "Штраф по поставке № 24815162", "Нам выставили штраф, мы не согласны. Отмените.")
    assert result.severity == "blocking"
    assert "body.too_short" in codes(VENDOR_SUBJECT, "登录不了，怎么办？", platform="vendor", kind="access")


def test_a_complete_appeal_is_long_enough():
    assert "body.too_short" not in codes()
