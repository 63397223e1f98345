"""The PDF claim carries the Russian text with its fonts embedded, so it reads the same anywhere."""

import pytest

from sellerdesk.cases.models import Evidence
from tests.reports.claim_cases import DIALOG, claim_form_data, wb_finance_case
from tests.reports.pdf_reading import fonts, pdf_text

pytestmark = pytest.mark.django_db


def test_the_pdf_claim_reads_in_russian_with_embedded_fonts(world, make_case, client_for):
    case = wb_finance_case(world, make_case)
    client = client_for(world.manager)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data["date"] = "2026-12-01"
    assert client.post(url, data).status_code == 302

    pdf = Evidence.objects.get(case=case, original_name__endswith=".pdf", original_name__startswith="Претензия")
    with pdf.file.open("rb") as fh:
        content = fh.read()
    assert content.startswith(b"%PDF-")
    text = " ".join(pdf_text(content).split())
    assert "ДОСУДЕБНАЯ ПРЕТЕНЗИЯ" in text
    assert "ООО «РВБ»" in text or "Общество с ограниченной ответственностью «РВБ»" in text
    assert "9714053621" in text and DIALOG in text
    assert "Неосновательное обогащение".lower() in text.lower() or "неосновательное обогащение" in text
    assert "не позднее 31.12.2026" in text
    assert "Итого" in text and "15 400,00 ₽" in text.replace("\u00a0", " ")
    assert "акт приёмки 24815162.pdf" in text

    used = fonts(content)
    assert used and all(used.values()), used
    assert any("DejaVu-Sans" in name for name in used) and not any("Serif" in name for name in used), used
