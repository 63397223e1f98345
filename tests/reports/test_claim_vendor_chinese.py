"""A claim to a Chinese tool vendor is written in Chinese with Russian headings, in a font that has the glyphs."""

import io

import docx
import pytest

from sellerdesk.cases.models import Evidence
from tests.reports.claim_cases import claim_form_data, vendor_case
from tests.reports.pdf_reading import fonts, has_cjk_font, pdf_text

pytestmark = pytest.mark.django_db


def _vendor_claim(world, make_case, client_for):
    case = vendor_case(world, make_case)
    client = client_for(world.owner)
    url = f"/w/sokolova/cases/{case.number}/documents/claim/"
    data = claim_form_data(client, url)
    assert data["language"] == "zh" and data["their_name"] == ""  # nothing known about the vendor
    data.update(our_inn="7707083893", their_name="深圳市店小秘网络科技有限公司",
                their_inn="91440300MA5F0XXXXX", their_address="中国广东省深圳市南山区科技园",
                offer="店小秘 ERP 服务协议", offer_clauses="第5.2条：服务中断超过72小时应按比例退款", date="2026-12-01")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return case


def test_the_vendor_claim_docx_is_in_chinese(world, make_case, client_for):
    case = _vendor_claim(world, make_case, client_for)
    stored = Evidence.objects.get(case=case, original_name=f"索赔函 {case.number} 2026-12-01.docx")
    with stored.file.open("rb") as fh:
        document = docx.Document(io.BytesIO(fh.read()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "正式索赔函 / ДОСУДЕБНАЯ ПРЕТЕНЗИЯ" in body
    assert "深圳市店小秘网络科技有限公司" in body and "91440300MA5F0XXXXX" in body
    assert "HW-20931" in body and "退还" in body and "第5.2条" in body
    assert "2026年12月31日" in body
    assert "第779条" in body
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "合计 / Итого" in cells and "12\u00a0800,00\u00a0¥" in cells


@pytest.mark.skipif(not has_cjk_font(), reason="no CJK font installed (apt install fonts-noto-cjk): "
                                              "the PDF would show empty boxes instead of Chinese")
def test_the_vendor_claim_pdf_has_chinese_glyphs(world, make_case, client_for):
    case = _vendor_claim(world, make_case, client_for)
    stored = Evidence.objects.get(case=case, original_name=f"索赔函 {case.number} 2026-12-01.pdf")
    with stored.file.open("rb") as fh:
        content = fh.read()
    text = "".join(pdf_text(content).split())
    assert "正式索赔函" in text and "事实经过" in text and "深圳市店小秘网络科技有限公司" in text
    assert "2026年12月31日" in text
    used = fonts(content)
    assert any("Noto-Sans-CJK" in name for name in used), used
    assert all(used.values()), used
