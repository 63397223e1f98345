"""extract() on any text: never raises, spans are sound, values agree with their spans, and it stays
linear and fast on 100 KB of adversarial input."""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk.language import entities
from sellerdesk.language.text import MAX_CHARS
from tests.language.entity_helpers import NOW


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(entities, "RAISE_ERRORS", True)  # a finder's exception fails the test, not skipped


def _digits(text: str) -> str:
    text = text.translate({0xFF10 + i: ord("0") + i for i in range(10)})  # full-width digits count as digits
    return "".join(c for c in text if "0" <= c <= "9")


# Pieces that make the finders work hard when glued together at random.
FRAGMENTS = [
    "заказ", "Заказ №", "заказы ", "поставка ", "WB-GI-", "отправление ", "артикул ", "артикул продавца ", "nmID ",
    "SKU ", "srid ", "претензия №", "отчёт о реализации № ", "ИНН ", "тел. ", "+7", "+86 ", "8 (916) ", "паспорт ",
    "карта ", "покупатель ", "Иванов Иван", "ул. Ленина, д. ", "адрес: ", "买家", "收件人：", "订单号：", "微信号 ",
    "WhatsApp ", "telegram @", "@", "http://", "www.", ".ru/", "руб.", "₽", "¥", "$", "元", "тыс. ", "%", "USD",
    "2023", "15", "10", "31", "1", "0", "12345678", "0001", "123456789", "89161234567", "4276380012345679",
    "7707083893", ".", ",", "-", "–", ":", "/", " ", "  ", "\n", "年", "月", "日", "下午", "点", "октября ", "March ",
    "за период с ", " по ", "вчера", "昨天", "yesterday", " в ", "14:30", " по МСК", "за октябрь ", "week ",
    "a", "Я", "ё", "İ", "ß", "\u00a0", "\u202f", "\U0001f600", "\u0301",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_it_never_raises_on_any_text(text):
    _check(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_it_never_raises_on_glued_fragments(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(categories=("Nd", "Lu", "Ll", "Lo", "Po", "Pd", "Zs", "Sc", "So")), max_size=300))
def test_it_never_raises_on_mixed_scripts(text):
    _check(text)


def _check(text: str) -> None:
    found = entities.extract(text, now=NOW)
    previous_end = 0
    for entity in found:
        assert entity.kind in entities.KINDS
        assert isinstance(entity.value, str) and entity.value
        assert previous_end <= entity.start < entity.end <= len(text)  # sorted, no overlaps
        previous_end = entity.end
        covered = text[entity.start:entity.end]
        if entity.kind in ("order", "nmid", "sku", "report", "inn", "posting"):
            assert _digits(entity.value) == _digits(covered)
        elif entity.kind == "phone":
            assert _digits(covered).endswith(_digits(entity.value)[-10:])
        elif entity.kind == "card":
            assert _digits(covered).endswith(entity.get("last4"))
        elif entity.kind == "money":
            assert type(entity.get("amount")) is Decimal
            assert _digits(covered)
        elif entity.kind in ("srid", "url", "article", "claim"):
            assert entity.value in covered or entity.value.upper() in covered.upper()
    assert entities.references(found) == list(dict.fromkeys(
        (e.kind, e.value) for e in found if e.kind in entities.REFERENCE_KINDS))
    assert all(e.kind in entities.PERSONAL_KINDS for e in entities.personal_data(found))


@pytest.mark.parametrize("value", [None, b"\xff\xfe\x00binary", 12345, ""])
def test_it_accepts_what_is_not_a_string(value):
    assert entities.extract(value) == []


ADVERSARIAL = {
    "digits": "1" * 100_000,
    "cyrillic-dash": "а-" * 50_000,
    "at-signs": "@" * 100_000,
    "spaced-digits": "1 " * 50_000,
    "thousands": "111 " * 25_000,
    "dotted-digits": "1." * 50_000,
    "comma-digits": "1," * 50_000,
    "dashed-digits": "1-" * 50_000,
    "posting-chain": "12345678-0001-" * 7_000,
    "latin-dots": "a." * 50_000,
    "latin-dashes": "a-" * 50_000,
    "email-chain": "a@" * 50_000,
    "letters": "a" * 100_000,
    "hex-dots": ("d3f1c6e2b9a04e7f" * 4 + ".") * 1_500,
    "srid-chain": "1234567890123.0." * 6_000,
    "order-words": "заказ " * 17_000,
    "order-lists": "заказ 123456789, " * 6_000,
    "order-connectors": "заказ №" * 14_000,
    "streets": "ул. Ленина д. 5 " * 6_000,
    "dates": "15.10." * 16_000,
    "date-ranges": "с 01.10.2023 по " * 6_000,
    "relative-times": "вчера в 14:30 " * 7_000,
    "clock": "12:" * 33_000,
    "phones": "+7 " * 33_000,
    "money-prefix": "$1 " * 33_000,
    "money-suffix": "1 руб " * 16_000,
    "months": "Jan 1 " * 16_000,
    "names": "Иван " * 20_000,
    "buyers": "покупатель " * 9_000,
    "address-words": "адрес: " * 14_000,
    "chinese-buyers": "买家" * 50_000,
    "chinese-orders": "订单号：" * 25_000,
    "chinese-dates": "10月" * 33_000,
    "numero": "№" * 100_000,
    "url": "http://" + "a" * 100_000,
    "url-dots": "www." + "a." * 50_000,
    "mixed": ("заказ 1 500 руб. 15% 2023年3月5日 @x +7 " * 3_000)[:100_000],
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_it_stays_linear_on_100_kb_of_adversarial_text(name):
    text = ADVERSARIAL[name]
    started = time.perf_counter()
    found = entities.extract(text, now=NOW)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"
    assert all(0 <= e.start < e.end <= len(text) for e in found)


def test_a_text_beyond_the_hard_limit_is_read_up_to_it():
    text = ("заказ 123456789. " * 70_000)
    assert len(text) > entities.HARD_LIMIT >= MAX_CHARS
    started = time.perf_counter()
    found = entities.extract(text, now=NOW)
    assert time.perf_counter() - started < 3.0
    assert found and found[-1].end <= entities.HARD_LIMIT


APPEAL = (
    "Здравствуйте! Пишет магазин «Ромашка» (ID кабинета 123456, ИНН 7707083893). 15 октября 2023 года около "
    "14:30 по МСК мы отгрузили поставку WB-GI-24815162 на склад Коледино, но в отчёте о приёмке товар не отражён, "
    "хотя по документам передано 120 единиц. Артикул продавца TSH-BLK-42, артикул WB 145678923. По заказу "
    "3456789012 покупатель получил пустую коробку, отправление 12345678-0001-1 потеряно. Штраф составил "
    "2 350,50 руб., удержано ещё 15% от выплаты за период с 01.10.2023 по 31.10.2023. Прошу пересчитать удержание "
    "по отчёту о реализации № 234567891 и вернуть 1 500 руб. Скриншоты приложены: screen1.png, screen2.png. "
    "订单号：1234567890，2026年3月5日下午2点 扣了300元。Просим ответить в течение трёх рабочих дней. "
)


def test_a_two_thousand_character_appeal_takes_a_few_milliseconds():
    text = (APPEAL * 3)[:2000]
    entities.extract(text, now=NOW)
    times = []
    for _ in range(40):
        started = time.perf_counter()
        entities.extract(text, now=NOW)
        times.append(time.perf_counter() - started)
    # The target is 3 ms (measured ~1.5 ms); the bound leaves room for a busy shared machine.
    assert statistics.median(times) < 0.010
