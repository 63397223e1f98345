"""In the browser: a manager sees the due reminder on the case page, edits the drafted text and takes the step
with one click. Headless Debian Chromium; skipped, visibly, where it or playwright is missing."""

from __future__ import annotations

import datetime as dt
import os

from django.utils import timezone

from sellerdesk.cases.models import CaseEvent
from tests.conftest import BROWSER, sign_in
from tests.followup.ladder_cases import DIALOG, waiting_case

pytestmark = BROWSER


def test_a_manager_takes_the_due_reminder_with_one_click(page, live_server, world, make_case, tmp_path):
    case = waiting_case(world, make_case, at=timezone.now() - dt.timedelta(days=10))
    sign_in(page, live_server, "boris")
    page.wait_for_url(f"**/w/{world.workspace.slug}/**")
    page.goto(f"{live_server.url}/w/{world.workspace.slug}/cases/{case.number}/")
    panel = page.locator("#escalation")
    drafted = panel.locator("textarea[name=text]").input_value()
    assert f"обращению № {DIALOG}" in drafted and "рабочих дн" in drafted
    page.screenshot(path=str(tmp_path / "ladder.png"), full_page=True)
    if os.environ.get("SELLERDESK_SCREENSHOTS"):
        page.screenshot(path=os.environ["SELLERDESK_SCREENSHOTS"], full_page=True)
    panel.locator("textarea[name=text]").fill(drafted + "\nОтвет ждём в этом диалоге.")
    panel.locator("button.primary").click()
    page.wait_for_url("**#escalation")
    assert "1 из 6" in page.inner_text("#escalation") or "1 of 6" in page.inner_text("#escalation")
    event = CaseEvent.objects.get(case=case, kind="escalated_step")
    assert event.text.endswith("Ответ ждём в этом диалоге.") and event.changes == {"level": [0, 1]}
