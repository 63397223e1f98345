import io
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.messages import get_messages
from django.utils import timezone

from sellerdesk.cases.choices import Status
from sellerdesk.cases.models import Case
from tests.io_files import csv_bytes, read_csv, read_xlsx


def _upload(text_rows, name="журнал.csv", **kwargs):
    file = csv_bytes(text_rows, **kwargs)
    file.name = name
    return file


def test_a_viewer_can_export_the_filtered_journal(world, make_case, client_for):
    make_case(subject="Штраф за поставку 24815162", money_at_risk=Decimal("15400.50"))
    waiting = make_case(subject="退货商品损坏", status=Status.WAITING, external_number="WB-7781234")
    response = client_for(world.viewer).get("/w/sokolova/export/csv/", {"status": "waiting"})
    assert response.status_code == 200
    today = timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="sellerdesk-sokolova-{today}.csv"'
    rows = read_csv(b"".join(response.streaming_content).decode())
    assert [(r["number"], r["subject"]) for r in rows] == [(waiting.number, "退货商品损坏")]


def test_it_exports_xlsx_and_an_empty_template(world, make_case, client_for):
    make_case(subject="Недовложение по заказу 4567890123")
    client = client_for(world.viewer)
    response = client.get("/w/sokolova/export/xlsx/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    _header, rows = read_xlsx(b"".join(response.streaming_content))
    assert [r["subject"] for r in rows] == ["Недовложение по заказу 4567890123"]
    template = client.get("/w/sokolova/export/csv/", {"template": "1"})
    assert read_csv(b"".join(template.streaming_content).decode()) == []
    assert client.get("/w/sokolova/export/pdf/").status_code == 404


def test_a_viewer_cannot_import(world, client_for):
    client = client_for(world.viewer)
    assert client.get("/w/sokolova/import/").status_code == 403
    response = client.post("/w/sokolova/import/", {"file": _upload([["Sokolova Home", "Тема"]],
                                                                    header=["shop", "subject"])})
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_another_workspace_is_not_found(world, client_for):
    client = client_for(world.outsider)
    assert client.get("/w/sokolova/export/csv/").status_code == 404
    assert client.get("/w/sokolova/import/").status_code == 404
    response = client.post("/w/sokolova/import/", {"file": _upload([["Sokolova Home", "Тема"]],
                                                                    header=["shop", "subject"])})
    assert response.status_code == 404
    assert not Case.objects.exists()


def test_the_import_page_lists_the_columns(world, client_for):
    response = client_for(world.manager).get("/w/sokolova/import/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "money_at_risk" in page and "entities" in page and 'enctype="multipart/form-data"' in page
    assert "/w/sokolova/export/xlsx/?template=1" in page


def test_an_import_redirects_to_the_journal_with_counts(world, client_for):
    rows = [["Sokolova Home", "Штраф за поставку 24815162", "15 400,50"],
            ["Sokolova Home", "商品被错误标记为假货", "0"]]
    response = client_for(world.manager).post(
        "/w/sokolova/import/", {"file": _upload(rows, header=["shop", "subject", "money_at_risk"])})
    assert response.status_code == 302 and response["Location"] == "/w/sokolova/"
    assert Case.objects.filter(workspace=world.workspace).count() == 2
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 cases imported, 0 updated."]


def test_a_bad_file_shows_row_numbered_errors_and_changes_nothing(world, client_for):
    rows = [["Sokolova Home", "Штраф за поставку 24815162", "15 400,50"],
            ["Sokolova Home", "Возврат 4567890123", "двенадцать"]]
    response = client_for(world.manager).post(
        "/w/sokolova/import/", {"file": _upload(rows, header=["shop", "subject", "money_at_risk"])})
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e.row, e.column) for e in errors] == [(3, "money_at_risk")]
    assert "двенадцать" in response.content.decode()
    assert not Case.objects.exists()


def test_posting_without_a_file_says_so(world, client_for):
    response = client_for(world.owner).post("/w/sokolova/import/", {})
    assert response.status_code == 200 and len(response.context["errors"]) == 1
    garbage = io.BytesIO(b"not a workbook at all")
    garbage.name = "cases.xlsx"
    response = client_for(world.owner).post("/w/sokolova/import/", {"file": garbage})
    assert "XLSX" in response.context["errors"][0].message
