"""A claim is attached whole or not at all: when the PDF is refused, the DOCX goes too, file included."""

import pytest

from sellerdesk.cases.models import CaseEvent, Evidence
from tests.reports.claim_cases import claim_form_data, vendor_case

pytestmark = pytest.mark.django_db


def test_a_refused_pdf_takes_the_docx_with_it(world, make_case, client_for, settings):
    case = vendor_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    data.update(our_inn="7707083893", their_name="深圳市店小秘网络科技有限公司")
    settings.EVIDENCE_MAX_BYTES = 120 * 1024  # the DOCX fits; the PDF, with its Chinese font, does not
    before = (Evidence.objects.filter(case=case).count(), CaseEvent.objects.filter(case=case).count())

    response = client.post(url, data)

    assert response.status_code == 200 and f"{case.number} 2026-" in response.text
    assert ".pdf” was refused" in response.text
    assert before == (Evidence.objects.filter(case=case).count(), CaseEvent.objects.filter(case=case).count())
    folder = settings.MEDIA_ROOT / case.number
    assert not folder.exists() or not any(folder.iterdir())
