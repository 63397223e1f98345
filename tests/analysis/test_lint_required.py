"""What the kind requires, from the platform's checklists: numbers, periods, amounts, dates, fields."""

from __future__ import annotations

from tests.analysis.appeal_samples import (
    FINANCE_BODY,
    FINANCE_FILES,
    FINANCE_SUBJECT,
    PENALTY_BODY,
    codes,
    finding,
)


def test_a_complete_logistics_appeal_misses_nothing_required():
    assert not [c for c in codes() if c.startswith("missing.") or c == "date.missing"
                if finding(c).severity == "blocking"]


def test_a_complete_finance_appeal_misses_nothing_required():
    result = codes(FINANCE_SUBJECT, FINANCE_BODY, kind="finance", evidence=FINANCE_FILES)
    assert not {"missing.period", "missing.amounts", "date.missing"} & result


def test_finance_without_a_period_or_amounts_is_blocked():
    body = ("Здравствуйте! В последнем отчёте логистика выше, чем по тарифу склада, мы посчитали сами и видим "
            "заметную разницу. Просим пересчитать логистику. Спасибо!")
    result = codes("Логистика в отчёте выше тарифа", body, kind="finance", evidence=["расчет.xlsx"])
    assert {"missing.period", "missing.amounts"} <= result
    assert finding("missing.amounts", "Логистика выше тарифа", body, kind="finance").severity == "blocking"


def test_logistics_without_an_order_supply_or_posting_number_is_blocked():
    body = PENALTY_BODY.replace("по поставке № 24815162 от", "по поставке от")
    result = finding("missing.event_number", "Штраф по поставке от 12.03.2026", body)
    assert result.severity == "blocking"
    assert "Order, supply" in result.message.render()


def test_content_without_the_article_and_the_field_is_blocked():
    body = ("Здравствуйте! Карточку нашего товара не пропускают уже неделю, 10.03.2026 исправили и снова отказ. "
            "Просим помочь опубликовать. Спасибо!")
    result = codes("Карточку не пропускают с 10.03.2026", body, kind="content", evidence=["screen.png"])
    assert {"missing.product", "missing.field"} <= result
    body_ok = body.replace("Карточку нашего товара", "Карточку с артикулом WB 176543210, поле «Состав»,")
    assert not {"missing.product", "missing.field"} & codes("Карточка WB 176543210", body_ok, kind="content")


def test_no_date_or_time_is_blocked():
    body = PENALTY_BODY.replace(" от 12.03.2026", "").replace("12.03.2026 в 09:40 МСК ", "").replace(
        "16.03.2026 ", "")
    result = finding("date.missing", "Штраф по поставке № 24815162", body)
    assert result.severity == "blocking"


def test_a_chinese_date_counts():
    body = PENALTY_BODY.replace("12.03.2026 в 09:40 МСК", "2026年3月12日 09:40")
    assert "date.missing" not in codes("Штраф по поставке № 24815162", body.replace(" от 12.03.2026", "").replace(
        "16.03.2026 ", ""))


def test_missing_optional_data_is_only_a_hint():
    result = finding("missing.report_number", FINANCE_SUBJECT.replace("№ 284716539 ", ""),
                     FINANCE_BODY.replace("№ 284716539 ", ""), kind="finance", evidence=FINANCE_FILES)
    assert result.severity == "info"
