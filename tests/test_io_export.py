import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from sellerdesk.cases.actions import update_case
from sellerdesk.cases.choices import Priority, Status
from sellerdesk.cases.io import COLUMN_KEYS, export_csv, export_xlsx
from sellerdesk.cases.journal import JournalFilter
from sellerdesk.shops.models import Shop
from tests.io_files import read_csv, read_xlsx

MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture
def journal(world, make_case, settings):
    settings.DISPLAY_TIME_ZONE = "Europe/Moscow"
    vendor = Shop.objects.create(workspace=world.workspace, platform="vendor", name="深圳工具 Shenzhen Tools")
    fine = make_case(
        subject="Штраф за поставку 24815162: «неверная маркировка»", money_at_risk=Decimal("15400.50"),
        money_recovered=Decimal("0.07"), responsible=world.manager,
        deadline=dt.datetime(2026, 3, 20, 18, 0, tzinfo=MOSCOW),
        entities=[("supply", "24815162"), ("posting", "12345678-0001-1")],
    )
    broken = make_case(
        shop=vendor, kind="logistics", subject="退货商品损坏，要求赔偿 — возврат повреждён", currency="CNY",
        money_at_risk=Decimal("999999999999.99"), status=Status.WAITING, external_number="0012345",
        priority=Priority.CRITICAL, critical_reason="Срок претензии истекает завтра",
        body="Товар пришёл разбитым.\n货物损坏。\n=SUM(A1:A2)", entities=[("order", "4567890123")],
    )
    return fine, broken


def _filtered(world, **query):
    return JournalFilter(query, world.workspace).cases()


def test_it_exports_only_what_the_journal_filter_shows(world, journal):
    fine, broken = journal
    stream = io.StringIO(newline="")
    export_csv(_filtered(world, status="waiting"), stream)
    rows = read_csv(stream.getvalue())
    assert [r["number"] for r in rows] == [broken.number]
    stream = io.StringIO(newline="")
    export_csv(_filtered(world, q="24815162"), stream)
    assert [r["number"] for r in read_csv(stream.getvalue())] == [fine.number]


def test_csv_keeps_text_money_and_times_exact(world, journal):
    fine, broken = journal
    stream = io.StringIO(newline="")
    export_csv(_filtered(world, sort="created"), stream)
    text = stream.getvalue()
    assert text.splitlines()[0] == "\ufeff" + ",".join(COLUMN_KEYS)
    first, second = read_csv(text)  # newest first
    assert first["subject"] == "退货商品损坏，要求赔偿 — возврат повреждён"
    assert first["shop"] == "深圳工具 Shenzhen Tools" and first["platform"] == "vendor"
    assert first["money_at_risk"] == "999999999999.99" and first["currency"] == "CNY"
    assert first["external_number"] == "0012345"
    assert first["body"] == "Товар пришёл разбитым.\n货物损坏。\n=SUM(A1:A2)"  # only a leading = is a formula
    assert first["status"] == "waiting" and first["priority"] == "critical"
    assert first["entities"] == "order:4567890123"
    assert second["money_at_risk"] == "15400.50" and second["money_recovered"] == "0.07"
    assert second["responsible"] == "boris"
    assert second["deadline"] == "2026-03-20T18:00:00+03:00"
    assert second["entities"] == "supply:24815162; posting:12345678-0001-1"
    created = dt.datetime.fromisoformat(second["created_at"])
    assert created.utcoffset() == dt.timedelta(hours=3)
    assert abs(created - fine.created_at) < dt.timedelta(seconds=1)


def test_it_keeps_formulas_out_of_csv(world, make_case):
    make_case(subject="=HYPERLINK(\"http://evil.example\",\"Жми\")")
    stream = io.StringIO(newline="")
    export_csv(_filtered(world), stream)
    assert read_csv(stream.getvalue())[0]["subject"] == "'=HYPERLINK(\"http://evil.example\",\"Жми\")"


def test_xlsx_has_numbers_dates_and_unicode(world, journal):
    fine, broken = journal
    output = io.BytesIO()
    export_xlsx(_filtered(world, sort="created"), output)
    _header, (first, second) = read_xlsx(output.getvalue())
    assert first["subject"] == broken.subject and first["body"] == broken.body
    assert first["external_number"] == "0012345"  # stays text, leading zeros kept
    assert Decimal(repr(first["money_at_risk"])) == Decimal("999999999999.99")
    assert second["money_at_risk"] == 15400.5 and second["money_recovered"] == 0.07
    assert second["deadline"] == dt.datetime(2026, 3, 20, 18, 0)  # a real date, in Moscow time
    assert second["responsible"] == "boris"
    assert second["entities"] == "supply:24815162; posting:12345678-0001-1"


def test_it_reads_each_chunk_in_a_fixed_number_of_queries(world, make_case, django_assert_max_num_queries):
    for i in range(25):
        case = make_case(subject=f"Недовложение в поставке {24815100 + i}",
                         entities=[("supply", str(24815100 + i)), ("order", f"98{i:06d}")])
        update_case(case, world.owner, {"responsible": world.accountant}, expected_version=case.version)
    with django_assert_max_num_queries(6):
        stream = io.StringIO(newline="")
        export_csv(_filtered(world), stream)
    rows = read_csv(stream.getvalue())
    assert len(rows) == 25 and all(r["responsible"] == "vera" for r in rows)
    assert all(r["entities"].count(":") == 2 for r in rows)
