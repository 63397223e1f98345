import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.io import MAX_BYTES, import_cases
from sellerdesk.cases.models import Case
from tests.io_files import csv_bytes, xlsx_bytes

GOOD = ["", "Sokolova Home", "finance", "draft", "15400.50", "boris",
        "Штраф за поставку 24815162", "supply:24815162; posting:12345678-0001-1"]


def _row(**changes):
    row = dict(zip(["number", "shop", "kind", "status", "money_at_risk", "responsible", "subject", "entities"],
                   GOOD, strict=True))
    row.update(changes)
    return list(row.values())


def _where(result):
    return {(e.row, e.column) for e in result.errors}


def test_it_imports_nothing_when_one_row_is_bad(world):
    file = csv_bytes([
        _row(),
        _row(status="в работе", subject="Недовложение по заказу 4567890123"),
        _row(money_at_risk="12.5.0", responsible="ivan"),
        _row(shop="Несуществующий магазин", subject=""),
        _row(subject="Возврат не дошёл до склада"),
    ])
    result = import_cases(world.workspace, world.manager, file, "журнал.csv")
    assert not result.ok and result.created == 0
    assert _where(result) == {(3, "status"), (4, "money_at_risk"), (4, "responsible"), (5, "shop"),
                              (5, "subject")}
    assert "в работе" in next(e.message for e in result.errors if e.column == "status")
    assert not Case.objects.filter(workspace=world.workspace).exists()


def test_it_creates_cases_with_imported_events(world):
    result = import_cases(world.workspace, world.manager, csv_bytes([_row(), _row(kind="logistics")]), "март.csv")
    assert result.ok and (result.created, result.updated) == (2, 0)
    case = Case.objects.get(workspace=world.workspace, kind="logistics")
    assert case.money_at_risk == Decimal("15400.50") and case.responsible == world.manager
    assert sorted(case.entities.values_list("kind", "value")) == [
        ("posting", "12345678-0001-1"), ("supply", "24815162")]
    event = case.events.get()
    assert event.kind == EventKind.IMPORTED and "март.csv" in event.text and event.actor == world.manager


@pytest.mark.parametrize("written, amount", [
    ("12,5", "12.50"), ("15 400,50", "15400.50"), ("1\u00a0234\u00a0567,89", "1234567.89"),
    ("1,234.56", "1234.56"), ("", "0.00"),
])
def test_it_reads_amounts_the_way_people_write_them(world, written, amount):
    result = import_cases(world.workspace, world.owner, csv_bytes([_row(money_at_risk=written)]), "a.csv")
    assert result.ok, result.errors
    assert Case.objects.get(workspace=world.workspace).money_at_risk == Decimal(amount)


@pytest.mark.parametrize("written", ["12,345", "-500", "пятьсот", "1e3", "1000000000000"])
def test_it_refuses_amounts_it_cannot_read_exactly(world, written):
    result = import_cases(world.workspace, world.owner, csv_bytes([_row(money_at_risk=written)]), "a.csv")
    assert _where(result) == {(2, "money_at_risk")}


def test_it_reads_cp1251_with_semicolons(world):
    file = csv_bytes([_row(subject="Не пришла выплата за февраль, заказ №4567890123")],
                     delimiter=";", encoding="cp1251")
    result = import_cases(world.workspace, world.owner, file, "выгрузка.csv")
    assert result.ok, result.errors
    assert Case.objects.get(workspace=world.workspace).subject == "Не пришла выплата за февраль, заказ №4567890123"


def test_it_imports_xlsx(world, settings):
    settings.DISPLAY_TIME_ZONE = "Asia/Shanghai"
    header = ["shop", "subject", "external_number", "money_at_risk", "deadline", "currency", "body"]
    file = xlsx_bytes([
        ["Sokolova Home", "商品被错误标记为假货", 88123, 15400.5, dt.datetime(2026, 3, 20, 18, 0), "cny",
         "Поставщик: 深圳工具"],
    ], header=header)
    result = import_cases(world.workspace, world.owner, file, "cases.xlsx")
    assert result.ok, result.errors
    case = Case.objects.get(workspace=world.workspace)
    assert case.subject == "商品被错误标记为假货" and case.body == "Поставщик: 深圳工具"
    assert case.external_number == "88123" and case.currency == "CNY"
    assert case.money_at_risk == Decimal("15400.50")
    assert case.deadline == dt.datetime(2026, 3, 20, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_it_updates_cases_by_number_and_creates_unknown_numbers(world, make_case):
    existing = make_case(money_at_risk=Decimal("100.00"))
    file = csv_bytes([
        _row(number=existing.number, money_at_risk="2 500,00", subject="Штраф снят частично"),
        _row(number="SD-2025-00077", subject="Перенесено из старой таблицы"),
    ])
    result = import_cases(world.workspace, world.manager, file, "правки.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.money_at_risk == Decimal("2500.00") and existing.subject == "Штраф снят частично"
    assert existing.events.latest("id").kind == EventKind.CHANGED
    new = Case.objects.exclude(pk=existing.pk).get(workspace=world.workspace)
    assert new.number != "SD-2025-00077"
    assert "SD-2025-00077" in new.events.get().text


def test_it_does_not_walk_the_lifecycle_on_update(world, make_case):
    existing = make_case()
    result = import_cases(world.workspace, world.manager,
                          csv_bytes([_row(number=existing.number, status="resolved")]), "a.csv")
    assert _where(result) == {(2, "status")}
    existing.refresh_from_db()
    assert existing.status == Status.DRAFT and existing.version == 1


def test_it_checks_what_a_status_requires(world):
    header = ["shop", "subject", "status", "priority", "outcome"]
    file = csv_bytes([
        ["Sokolova Home", "Ответ получен, ждём выплату", "submitted", "normal", ""],
        ["Sokolova Home", "Компенсация за утерю", "resolved", "normal", ""],
        ["Sokolova Home", "Блокировка кабинета", "draft", "critical", ""],
    ], header=header)
    result = import_cases(world.workspace, world.owner, file, "a.csv")
    assert _where(result) == {(2, "external_number"), (3, "outcome"), (4, "critical_reason")}


def test_it_reports_bad_dates_references_and_repeated_numbers(world):
    header = ["number", "shop", "subject", "deadline", "entities"]
    file = csv_bytes([
        ["A-1", "Sokolova Home", "Поставка 24815162", "31.02.2026", "supply:24815162"],
        ["A-1", "Sokolova Home", "Заказ 4567890123", "2026-03-12 15:30", "parcel:4567890123"],
        ["", "Sokolova Home", "Без номера", "12.03.2026", "order"],
    ], header=header)
    result = import_cases(world.workspace, world.owner, file, "a.csv")
    assert _where(result) == {(2, "deadline"), (3, "number"), (3, "entities"), (4, "entities")}


def test_it_limits_the_number_of_rows(world, settings):
    settings.IMPORT_MAX_ROWS = 3
    result = import_cases(world.workspace, world.owner, csv_bytes([_row()] * 4), "a.csv")
    assert [(e.row, e.column) for e in result.errors] == [(None, "")]
    assert "3" in result.errors[0].message
    assert import_cases(world.workspace, world.owner, csv_bytes([_row()] * 3), "a.csv").created == 3


def test_it_limits_the_file_size(world):
    file = io.BytesIO(b"shop,subject\n" + b"x" * MAX_BYTES)
    result = import_cases(world.workspace, world.owner, file, "big.csv")
    assert not result.ok and "10 MB" in result.errors[0].message


def test_it_explains_a_file_that_is_not_a_spreadsheet(world):
    result = import_cases(world.workspace, world.owner, io.BytesIO(b"\x00\xffPK garbage" * 100), "отчёт.xlsx")
    assert [(e.row, e.column) for e in result.errors] == [(None, "")]
    assert "XLSX" in result.errors[0].message
    result = import_cases(world.workspace, world.owner, io.BytesIO(b"%PDF-1.7"), "акт.pdf")
    assert "акт.pdf" in result.errors[0].message


def test_it_needs_the_required_columns_and_knows_every_column(world):
    result = import_cases(world.workspace, world.owner, csv_bytes([["Sokolova Home"]], header=["shop"]), "a.csv")
    assert "subject" in result.errors[0].message
    result = import_cases(world.workspace, world.owner,
                          csv_bytes([["Sokolova Home", "Тема", "x"]], header=["shop", "subject", "sum"]), "a.csv")
    assert "sum" in result.errors[0].message


def test_it_does_not_see_another_workspaces_shops_or_cases(world, make_case):
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    file = csv_bytes([_row(shop="Romashka Store"), _row(number=theirs.number)])
    result = import_cases(world.workspace, world.owner, file, "a.csv")
    assert _where(result) == {(2, "shop")}
    result = import_cases(world.workspace, world.owner, csv_bytes([_row(number=theirs.number)]), "a.csv")
    assert result.created == 1
    theirs.refresh_from_db()
    assert theirs.version == 1


def test_a_refusal_while_writing_rolls_back_the_rows_before_it(world, monkeypatch):
    from sellerdesk.cases import io as case_io
    from sellerdesk.cases.actions import ActionError

    real = case_io.create_case

    def refusing(workspace, actor, **fields):
        if fields["subject"] == "Третья":
            raise ActionError("Отказано", "subject")
        return real(workspace, actor, **fields)

    monkeypatch.setattr(case_io, "create_case", refusing)
    file = csv_bytes([_row(subject="Первая"), _row(subject="Вторая"), _row(subject="Третья")])
    result = import_cases(world.workspace, world.owner, file, "a.csv")
    assert _where(result) == {(4, "subject")} and result.created == 0
    assert not Case.objects.exists()
    world.workspace.refresh_from_db()
    assert world.workspace.case_counter == 0


def test_it_takes_long_appeal_texts_from_csv(world):
    body = "Хронология переписки с поддержкой по поставке 24815162.\n" * 4000
    file = csv_bytes([["Sokolova Home", "Длинная претензия", body]], header=["shop", "subject", "body"])
    result = import_cases(world.workspace, world.owner, file, "a.csv")
    assert result.ok, result.errors
    assert Case.objects.get(workspace=world.workspace).body == body


def test_it_refuses_a_workbook_that_unpacks_too_large(world, monkeypatch):
    from sellerdesk.cases import io as case_io

    monkeypatch.setattr(case_io, "MAX_UNPACKED_BYTES", 1024)
    file = xlsx_bytes([["Sokolova Home", "Тема " * 300]], header=["shop", "subject"])
    result = import_cases(world.workspace, world.owner, file, "bomb.xlsx")
    assert not result.ok and "MB" in result.errors[0].message
    assert not Case.objects.exists()


def test_the_platform_tells_apart_shops_with_one_name(world):
    from sellerdesk.shops.models import Shop

    ozon = Shop.objects.create(workspace=world.workspace, platform="ozon", name="Sokolova Home")
    header = ["shop", "platform", "subject"]
    result = import_cases(world.workspace, world.owner, csv_bytes([
        ["Sokolova Home", "", "Какой магазин?"], ["Sokolova Home", "avito-pro", "Нет такой площадки"],
    ], header=header), "a.csv")
    assert _where(result) == {(2, "shop"), (3, "platform")}
    result = import_cases(world.workspace, world.owner, csv_bytes([["Sokolova Home", "OZON", "Озон"]],
                                                                  header=header), "a.csv")
    assert result.ok, result.errors
    assert Case.objects.get(workspace=world.workspace).shop == ozon
