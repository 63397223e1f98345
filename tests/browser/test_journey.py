"""A new user's first case, driven in headless Debian Chromium (never a downloaded browser).

Skipped, visibly, where /usr/bin/chromium or the playwright package is missing.
"""

from __future__ import annotations

from tests.conftest import BROWSER, sign_in

pytestmark = BROWSER


def test_a_manager_files_a_case_attaches_evidence_and_moves_it(page, live_server, world, tmp_path):
    sign_in(page, live_server, "boris")
    page.wait_for_url(f"**/w/{world.workspace.slug}/**")
    assert "Журнал" in page.content()  # the interface speaks Russian by default

    page.goto(f"{live_server.url}/w/{world.workspace.slug}/cases/new/form/")
    page.fill("input[name=subject]", "Оспаривание штрафа по поставке №24815162 от 12.03.2026")
    page.select_option("select[name=shop]", str(world.shop.pk))
    page.select_option("select[name=kind]", "finance")
    page.fill("input[name=money_at_risk]", "15400.50")
    page.fill("textarea[name=entities]", "поставка 24815162")
    page.fill("textarea[name=body]", "Просим пересчитать штраф <b>за</b> поставку.")
    page.click("button.primary")
    page.wait_for_url("**/cases/SD-*/")
    assert "Просим пересчитать штраф <b>за</b> поставку." in page.inner_text("#appeal-body")

    sample = tmp_path / "акт приёмки.pdf"
    sample.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#evidence input[type=file]", str(sample))
    page.wait_for_selector("text=акт приёмки.pdf")

    # The text is too thin to be ready: the checks say why, and the case stays a draft.
    page.select_option("select[name=status]", "ready")
    page.click("text=Сменить статус")
    page.wait_for_selector(".flash")
    assert page.query_selector(".badge.s-draft")
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)

    page.click(f"a[href='/w/{world.workspace.slug}/']")
    page.fill("input[name=q]", "24815162")
    page.wait_for_selector("text=Оспаривание штрафа")

    page.select_option(".langswitch select", "zh-hans")
    page.wait_for_selector("text=新建申诉")


def test_a_messy_description_becomes_a_ready_appeal(page, live_server, world, tmp_path):
    sign_in(page, live_server, "boris")
    page.wait_for_url(f"**/w/{world.workspace.slug}/**")
    page.click("text=Новое обращение")
    page.select_option("select[name=shop]", str(world.shop.pk))
    page.fill("textarea[name=description]", "ВБ списал штраф 15 400 руб за поставку 24815162!!! приёмка была "
              "12.03.2026, маркировка коробов была правильная. верните деньги")
    page.click("button[name=analyze]")
    page.wait_for_selector("text=24815162")
    assert page.input_value("select[name=kind]") == "finance"
    page.select_option("select[name=request]", "dispute_penalty")
    page.fill("textarea[name=steps]", "Сверили акт приёмки и фото коробов с этикетками")
    page.click("button[name=file]")
    page.wait_for_url("**/appeal/")
    assert "24815162" in page.input_value("input[name=subject]")
    page.screenshot(path=str(tmp_path / "appeal.png"), full_page=True)

    # Attaching the evidence on the same page re-runs the check: "no files" goes away.
    assert page.query_selector("#appeal-check [data-finding], #appeal-check li.f-warning")
    before = int(page.inner_text("#appeal-check .score").split("/")[0])
    sample = tmp_path / "акт приёмки.pdf"
    sample.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#evidence input[type=file]", str(sample))
    page.wait_for_selector("#evidence-files >> text=акт приёмки.pdf")
    page.wait_for_function(f"parseInt(document.querySelector('#appeal-check .score').innerText) > {before}")

    page.fill("input[name=subject]", "СРОЧНО!!!")
    page.wait_for_selector("#appeal-check .f-blocking")   # the check follows the edit without a reload
    page.reload()                                          # the edit was not saved: the composed text is ready
    page.click("button:has-text('Отметить как готовое')")
    page.wait_for_selector(".badge.s-ready")


def test_the_journal_fits_a_phone(page, live_server, world, make_case):
    make_case(subject="Не пришла выплата за неделю 10–16 марта")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "dina")
    page.wait_for_selector("text=Не пришла выплата")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the journal scrolls sideways on a phone ({width}px)"
