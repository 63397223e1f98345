import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.accounts.roles import Role
from sellerdesk.cases.choices import Outcome, Priority, Status
from sellerdesk.cases.io import _money, export_csv, export_xlsx, import_cases
from sellerdesk.cases.models import Case
from sellerdesk.shops.models import Shop

FIELDS = ("platform", "kind", "category", "topic", "channel", "external_number", "status", "priority",
          "critical_reason", "deadline", "currency", "money_at_risk", "money_recovered", "subject", "body",
          "outcome", "outcome_note")


def _snapshot(workspace):
    rows = []
    for case in Case.objects.filter(workspace=workspace).select_related("shop", "responsible__user"):
        values = {f: getattr(case, f) for f in FIELDS}
        values["shop"] = case.shop.name
        values["responsible"] = case.responsible.user.username if case.responsible else None
        values["entities"] = sorted(case.entities.values_list("kind", "value"))
        values["created_at"] = case.created_at.replace(microsecond=0)
        rows.append(values)
    return sorted(rows, key=lambda r: r["subject"])


@pytest.fixture
def filled(world, make_case):
    vendor = Shop.objects.create(workspace=world.workspace, platform="vendor", name="义乌小商品 Yiwu")
    make_case(subject="Штраф за поставку 24815162", money_at_risk=Decimal("15400.50"),
              money_recovered=Decimal("0.01"), responsible=world.manager, category="Штрафы",
              topic="Маркировка", deadline=dt.datetime(2026, 3, 20, 18, 0, 30, tzinfo=ZoneInfo("UTC")),
              entities=[("supply", "24815162"), ("posting", "12345678-0001-1")])
    make_case(shop=vendor, subject="发票金额错误", body="Счёт выставлен на 1 200 юаней вместо 1 020.\n发票错误",
              currency="CNY", money_at_risk=Decimal("999999999999.99"), status=Status.RESOLVED,
              external_number="0012345", outcome=Outcome.PARTIAL, outcome_note="Вернули 50 %",
              money_recovered=Decimal("123456789012.34"), channel="email", entities=[])
    make_case(subject="-5 ₽ списание без причины", priority=Priority.CRITICAL,
              critical_reason="=Срочно", status=Status.WAITING, external_number="WB-7781234",
              entities=[("order", "4567890123"), ("srid", "ABC123DEF")])
    copy = Workspace.objects.create(name="ИП Соколова (копия)", slug="sokolova-copy")
    Shop.objects.create(workspace=copy, platform="wb", name="Sokolova Home")
    Shop.objects.create(workspace=copy, platform="vendor", name="义乌小商品 Yiwu")
    owner = Membership.objects.create(workspace=copy, user=world.owner.user, role=Role.OWNER)
    Membership.objects.create(workspace=copy, user=world.manager.user, role=Role.MANAGER)
    return copy, owner


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_cases(world, filled, fmt):
    copy, owner = filled
    cases = Case.objects.filter(workspace=world.workspace)
    if fmt == "csv":
        text = io.StringIO(newline="")
        export_csv(cases, text)
        file = io.BytesIO(text.getvalue().encode())
    else:
        file = io.BytesIO()
        export_xlsx(cases, file)
        file.seek(0)
    result = import_cases(copy, owner, file, f"export.{fmt}")
    assert result.ok, result.errors
    assert result.created == 3
    assert _snapshot(copy) == _snapshot(world.workspace)


def test_importing_an_unchanged_export_changes_nothing(world, filled):
    text = io.StringIO(newline="")
    export_csv(Case.objects.filter(workspace=world.workspace), text)
    result = import_cases(world.workspace, world.owner, io.BytesIO(text.getvalue().encode()), "same.csv")
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


kopecks = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)


@given(kopecks)
def test_spreadsheet_numbers_round_trip_every_amount(amount):
    assert _money(float(amount)) == amount


@given(kopecks)
def test_amounts_written_russian_style_read_back(amount):
    whole, cents = f"{amount:,.2f}".split(".")
    assert _money(whole.replace(",", "\u00a0") + "," + cents) == amount
