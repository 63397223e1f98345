"""The review page (every member), its PDF and XLSX exports, and the owner's digest schedule page."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pypdf
import pytest
import python_calamine
import time_machine

from sellerdesk.reports.models import DigestSchedule
from tests.reports.review_data import MSK, NOW, at, resolve, waiting_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal(world, make_case):
    late = waiting_case(make_case, at(2), amount="15400.00", deadline=NOW - dt.timedelta(days=3),
                        subject="Штраф за неверную маркировку коробов, поставка 24815162", responsible=world.manager)
    won = waiting_case(make_case, at(9), amount="48250.00", subject="Не оплачена компенсация за утерянный товар")
    resolve(won, world.owner, at(24), "48250.00")
    vendor = waiting_case(make_case, at(12), amount="1500", currency="CNY", subject="供应商退款 订单 LT-0098")
    resolve(vendor, world.owner, at(24), "1200.50", outcome="partial")
    waiting_case(make_case, at(20), amount="99999", workspace=world.other_workspace, actor=world.outsider,
                 subject="Чужой кейс ООО Ромашка", deadline=NOW - dt.timedelta(days=1))
    return {"late": late, "won": won, "vendor": vendor}


def test_every_member_sees_the_week_with_its_charts(world, journal, client_for):
    with time_machine.travel(NOW, tick=False):
        response = client_for(world.viewer).get(f"/w/{world.workspace.slug}/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert journal["late"].number in page and "Штраф за неверную маркировку" in page
    assert "Чужой кейс" not in page
    assert "sellerdesk/chart.umd" in page and 'id="review-charts"' in page
    charts = json.loads(page.split('<script id="review-charts" type="application/json">')[1].split("</script>")[0])
    assert len(charts["trend"]["labels"]) == 12 and charts["currency"] == "RUB"
    assert charts["trend"]["recovered"][-1] == "48250.00"
    assert "Digest schedule" not in page  # the viewer cannot change it
    assert f'/w/{world.workspace.slug}/?status=open&amp;responsible={world.manager.pk}">Борис</a>' in page
    assert f'/w/{world.workspace.slug}/?status=open&amp;platform=wb">Wildberries</a>' in page
    with time_machine.travel(NOW, tick=False):
        owner_page = client_for(world.owner).get(f"/w/{world.workspace.slug}/review/").content.decode()
    assert "The weekly digest is not scheduled." in owner_page and "/review/schedule/" in owner_page


def test_an_earlier_week_can_be_picked(world, journal, client_for):
    with time_machine.travel(NOW, tick=False):
        response = client_for(world.manager).get(f"/w/{world.workspace.slug}/review/?week=2026-W47")
    assert response.status_code == 200
    assert "16.11–22.11.2026" in response.content.decode()
    assert response.context["review"]["closed"]["count"] == 0


def test_the_pdf_opens_with_russian_text(world, journal, client_for):
    with time_machine.travel(NOW, tick=False):
        response = client_for(world.accountant).get(f"/w/{world.workspace.slug}/review/review.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="review-sokolova-2026-W48.pdf"' in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ИП Соколова" in text and "Штраф за неверную маркировку" in text
    assert journal["late"].number in text and "Чужой" not in text
    assert "供应商退款" in text  # the vendor's case, in a CJK font


def test_the_xlsx_has_a_sheet_per_section_with_money_as_numbers(world, journal, client_for):
    with time_machine.travel(NOW, tick=False):
        response = client_for(world.logistician).get(f"/w/{world.workspace.slug}/review/review.xlsx?week=2026-W48")
    assert response.status_code == 200
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Overdue", "Escalate", "Promises", "Closed", "Money at risk", "Ageing", "Trend"]
    overdue = book.get_sheet_by_name("Overdue").to_python()
    assert overdue[3][0] == journal["late"].number and overdue[3][-1] == 15400.0
    closed = book.get_sheet_by_name("Closed").to_python()
    recovered = {row[0]: row[10] for row in closed[3:] if row[0].startswith("SD-")}
    assert recovered == {journal["won"].number: 48250.0, journal["vendor"].number: 1200.5}
    totals = [(row[8], row[10]) for row in closed if row[0] == "Recovered this week"]
    assert totals == [("RUB", 48250.0), ("CNY", 1200.5)]
    trend = book.get_sheet_by_name("Trend").to_python()
    assert trend[2][:4] == ["Week", "From", "Opened", "Closed"]
    assert trend[-1][0] == "2026-W48" and trend[-1][3] == 2.0
    at_risk = book.get_sheet_by_name("Money at risk").to_python()
    assert ["Total", "", "RUB", 1.0, 15400.0] in at_risk


def test_the_digest_schedule_is_the_owners(world, client_for):
    url = f"/w/{world.workspace.slug}/review/schedule/"
    for role in ("manager", "accountant", "viewer"):
        client = client_for(world.member(role))
        assert client.get(url).status_code == 403
        assert client.post(url, {"enabled": "on", "weekday": "4", "time": "17:00",
                                 "time_zone": "Europe/Moscow"}).status_code == 403
    assert not DigestSchedule.objects.exists()
    owner = client_for(world.owner)
    with time_machine.travel(NOW, tick=False):
        page = owner.get(url)
    assert page.status_code == 200 and "Overdue: 0 cases" in page.content.decode()  # the digest's preview
    with time_machine.travel(NOW, tick=False):
        response = owner.post(url, {"enabled": "on", "weekday": "4", "time": "17:00", "time_zone": "Europe/Moscow"})
    assert response.status_code == 302
    schedule = DigestSchedule.objects.get(workspace=world.workspace)
    assert schedule.next_run_at == dt.datetime(2026, 11, 27, 17, 0, tzinfo=MSK)
    with time_machine.travel(NOW, tick=False):
        owner.post(url, {"weekday": "4", "time": "17:00", "time_zone": "Europe/Moscow"})  # switched off
    schedule.refresh_from_db()
    assert not schedule.enabled and schedule.next_run_at is None
    assert client_for(world.outsider).get(url).status_code == 404


def test_money_is_never_added_across_currencies(world, journal):
    from sellerdesk.reports import review

    data = review.build(world.workspace, now=NOW)
    assert data["closed"]["recovered"] == {"RUB": Decimal("48250.00"), "CNY": Decimal("1200.50")}
    assert review.format_money(data["closed"]["recovered"]) == "48\u00a0250 RUB + 1\u00a0200,50 CNY"
