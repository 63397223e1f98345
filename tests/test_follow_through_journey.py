"""Issue 4's "done means", as a team lives it through the pages with time moving forward.

A WB penalty case waits for support. Four working days later the worker finds the clock ran out, and
the manager gets a reminder: in the bell and by e-mail. Support then answers with a template. Pasted
into the case, it is recognised as a brush-off, and the next ladder step is drafted with what the reply
missed. Taking the step moves the case to "escalated". The claim comes out as DOCX and PDF and both
open. The weekly review shows the week.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import time_machine
from django.core import mail
from pypdf import PdfReader

from sellerdesk.cases.actions import change_status
from sellerdesk.cases.models import Case, Evidence
from sellerdesk.followup.worker import run_once
from sellerdesk.notifications.models import Notification
from tests.conftest import GOOD_APPEAL
from tests.reports.claim_cases import claim_form_data

SUBMITTED = dt.datetime(2026, 11, 16, 7, 30, tzinfo=dt.UTC)  # Monday 10:30 in Moscow
LATER = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)  # Friday: WB's 1–3 working days have passed
REPLIED = LATER + dt.timedelta(hours=3)
DIALOG = "WB-88120457"
BRUSH_OFF = ("Здравствуйте! Ваше обращение передано в ответственный отдел. Рекомендуем ознакомиться с разделом "
             "«Помощь»: https://seller.wildberries.ru/help-center. Спасибо за обращение, хорошего дня!")


def _waiting_case(world, make_case) -> Case:
    with time_machine.travel(SUBMITTED, tick=False):
        case = make_case(body=GOOD_APPEAL, money_at_risk=Decimal("15400.00"), responsible=world.manager)
        for status, fields in (("ready", {}), ("submitted", {"external_number": DIALOG}), ("waiting", {})):
            case = change_status(case, world.owner, status, expected_version=case.version, **fields)
    return case


def test_a_waiting_case_is_followed_through_to_a_claim(world, make_case, client_for):
    case = _waiting_case(world, make_case)
    assert case.deadline is not None and case.next_alert_at is not None
    manager = client_for(world.manager)
    page = f"/w/sokolova/cases/{case.number}/"

    # Time passes: the worker finds the clock that ran out, once, and the reminder reaches the manager.
    with time_machine.travel(LATER, tick=False):
        assert run_once(LATER)["sellerdesk.followup.clocks.process_due"] == 1
        assert run_once(LATER)["sellerdesk.followup.clocks.process_due"] == 0
        run_once(LATER + dt.timedelta(minutes=1))  # the e-mail goes out on the next round
        bell = manager.get("/w/sokolova/notifications/").content.decode()
    reminder = Notification.objects.get(member=world.manager, case=case)
    assert reminder.title in bell
    assert [m.to for m in mail.outbox] == [["boris@example.ru"]]
    assert case.number in mail.outbox[0].body
    assert case.events.filter(kind="reminder").count() == 1

    # Support answers with a template; pasted into the case, it is recognised for what it is.
    with time_machine.travel(REPLIED, tick=False):
        manager.post(f"{page}reply/", {"text": BRUSH_OFF})
        shown = manager.get(page).content.decode()
    case.refresh_from_db()
    assert case.status == "answered"
    assessment = case.events.get(kind="message_in").changes["assessment"]
    assert assessment["brush_off"] is True
    assert "A templated brush-off" in shown
    missed = " ".join(item["params"].get("value", "") for item in assessment["unaddressed"])
    assert "24815162" in missed  # the supply number the reply never named

    # The ladder's next step is drafted in Russian with what the reply missed, and one click takes it.
    with time_machine.travel(REPLIED + dt.timedelta(minutes=5), tick=False):
        panels = manager.get(page).context["main_panels"]
        escalation = next(p for p in panels if "Escalation ladder" in p)
        assert DIALOG in escalation and "24815162" in escalation
        response = manager.post(f"{page}escalate/", {"level": 2, "version": case.version,
                                                     "text": f"Просим передать обращение № {DIALOG} старшему "
                                                             f"специалисту: ответ не касается поставки 24815162."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.escalation_level) == ("escalated", 2)
    assert case.update_due is not None and case.update_due > REPLIED  # support's clock restarted

    # The claim: DOCX and PDF in the case's evidence, both of which open with the facts in them.
    url = f"{page}documents/claim/"
    owner = client_for(world.owner)
    assert owner.post(url, claim_form_data(owner, url)).status_code == 302
    made = {e.original_name.rsplit(".", 1)[1]: e for e in Evidence.objects.filter(case=case)
            if e.original_name.endswith((".docx", ".pdf"))}
    assert set(made) == {"docx", "pdf"}
    text = "\n".join(p.text for p in docx.Document(made["docx"].file.path).paragraphs)
    assert "ДОСУДЕБНАЯ ПРЕТЕНЗИЯ" in text.upper() and DIALOG in text
    with open(made["pdf"].file.path, "rb") as fh:
        pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(fh.read())).pages)
    assert DIALOG in pdf and "15 400" in pdf.replace("\u00a0", " ")

    # The weekly review of that week: the case opened that week, its money at risk for Wildberries and Борис.
    with time_machine.travel(REPLIED + dt.timedelta(hours=1), tick=False):
        review = manager.get("/w/sokolova/review/?week=2026-W47")
    html = review.content.decode()
    assert "Week 2026-W47, 16.11–22.11.2026" in html
    assert ">Wildberries</a></td><td class=\"num\">1</td><td class=\"num\">15,400.00 RUB" in html
    assert ">Борис</a></td><td class=\"num\">1</td><td class=\"num\">15,400.00 RUB" in html
