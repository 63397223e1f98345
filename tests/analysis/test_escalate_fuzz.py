"""Drafting never crashes on odd facts: empty, huge, hostile text, odd numbers and dates, any level."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.analysis.escalate import EscalationFacts, draft, lint_public
from sellerdesk.analysis.i18n import Message
from sellerdesk.analysis.reply import CaseFacts

text = st.text(max_size=300)
moments = st.one_of(st.none(), st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1),
                                            timezones=st.sampled_from([None, dt.UTC])),
                    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
amounts = st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20))
items = st.one_of(
    text,
    st.builds(Message, text, st.dictionaries(st.sampled_from(["identifier", "file", "request", "amount", "x", "value"]),
                                             st.one_of(text, st.integers(), st.decimals(allow_nan=False)))),
    st.fixed_dictionaries({"msgid": text, "params": st.one_of(st.none(), st.dictionaries(text, text, max_size=3))}),
    st.dictionaries(text, text, max_size=2),
    st.none(),
)
facts = st.builds(
    EscalationFacts,
    case=st.builds(CaseFacts, platform=text, language=st.sampled_from(["ru", "zh", "en", "", "xx"]),
                   external_number=text, identifiers=st.lists(text, max_size=3).map(tuple),
                   request=st.one_of(text, st.text(min_size=1000, max_size=5000)),
                   requests=st.lists(text, max_size=3).map(tuple),
                   kind=st.sampled_from(["finance", "other", "", "zz"])),
    references=st.lists(st.tuples(st.sampled_from(["order", "supply", "nmid", "unknown", ""]), text), max_size=3)
    .map(tuple),
    shop=text, platform_name=text, case_number=text, opened_at=moments,
    waited_hours=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**9, 10**9)),
    waited_business_days=st.one_of(st.none(), st.integers(-10**9, 10**9)),
    last_reply_at=moments, unaddressed=st.lists(items, max_size=5).map(tuple), amount=amounts,
    currency=st.sampled_from(["RUB", "CNY", "", "XYZW", "₽"]),
)


@given(facts, st.integers(1, 6))
def test_draft_never_crashes(facts, level):
    result = draft(level, facts)
    assert isinstance(result.subject, str) and isinstance(result.body, str)
    assert result.language in ("ru", "zh", "en")
    assert len(result.subject) <= 260


@given(text, st.sampled_from(["ru", "zh", "en", "xx"]), st.lists(text, max_size=3))
def test_lint_never_crashes(post, language, allowed):
    assert isinstance(lint_public(post, language, allowed=tuple(allowed)), list)


def test_a_realistic_amount_and_identifier_survive():
    facts = EscalationFacts(case=CaseFacts(language="ru", external_number="123", request="Просим вернуть деньги"),
                            references=(("order", "4589123377"),), amount=Decimal("1234.5"))
    assert "заказу № 4589123377 на сумму 1 234,50 ₽." in draft(2, facts).body
