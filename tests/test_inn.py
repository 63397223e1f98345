from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.language.identifiers import is_valid_inn, normalize_reference, spaced_cjk

REAL = ["7707083893", "7736207543", "500100732259", "7830002293"]


def test_it_accepts_real_inns():
    assert all(is_valid_inn(inn) for inn in REAL)


def test_it_refuses_wrong_check_digits_and_shapes():
    for bad in ["7707083894", "500100732250", "770708389", "77070838931", "", "77070838９3", "abcdefghij"]:
        assert not is_valid_inn(bad), bad


@given(st.text(max_size=20))
def test_it_never_crashes(text):
    assert is_valid_inn(text) in (True, False)


@given(st.from_regex(r"\A[0-9]{9}\Z"))
def test_exactly_one_check_digit_fits_a_company_inn(prefix):
    assert sum(is_valid_inn(prefix + str(d)) for d in range(10)) == 1


def test_references_are_normalised():
    assert normalize_reference(" 87654321-0012-1 ") == "87654321-0012-1"
    assert normalize_reference("ab 12 cd") == "AB12CD"


def test_chinese_is_spaced_for_the_index():
    assert spaced_cjk("退款失败").split() == ["退", "款", "失", "败"]
    assert spaced_cjk("заказ 123") == "заказ 123"
