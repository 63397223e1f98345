"""Follow-through through the API: assessing and recording support's replies, the ladder, the weekly review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from sellerdesk.cases.actions import change_status
from sellerdesk.cases.choices import Status
from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup.models import Agreement
from sellerdesk.shops.models import Shop
from tests.api_client import api_for
from tests.followup.ladder_cases import MONDAY, MSK, support_replied, waiting_case
from tests.followup.test_replies_samples import WB_ASKS_PHOTOS, WB_BRUSH_OFF, WB_PROMISE

THURSDAY = dt.datetime(2026, 3, 19, 11, 0, tzinfo=MSK)  # WB's 72 business hours have passed: a reminder is due
REMINDER = "Здравствуйте! Уточните, пожалуйста, есть ли новости по обращению № 4417229883."
ZH_PROMISE = "您好！您的退款申请（工单 GD202611263197）已提交财务部门，我们将在3个工作日内完成退款。"
ZH_BRUSH_OFF = "您好，感谢您的反馈！相关问题请参考帮助中心：https://help.mpstats.cn/ 祝您生活愉快！"


@pytest.fixture
def api(world):
    return api_for(world.manager)


@pytest.fixture
def dialog(world, make_case):
    """A WB case waiting for support since Monday, 16 March 2026."""
    return waiting_case(world, make_case)


# --- POST /api/analysis/reply ------------------------------------------------------------------------------

def test_a_russian_brush_off_is_recognised_against_the_case(api, dialog):
    response = api.post("/api/analysis/reply", {"text": WB_BRUSH_OFF, "case": dialog.number})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["brush_off"] is True and data["score"] >= 0.5
    assert data["signs"] and all(isinstance(s, str) and s for s in data["signs"])
    assert any("24815162" in item for item in data["unaddressed"])  # the supply it never named
    assert data["asks"] == [] and data["resolved"] is False and data["language"] == "ru"
    assert CaseEvent.objects.filter(case=dialog, kind="message_in").count() == 0  # nothing saved


def test_a_specific_reply_is_not_a_brush_off_and_its_asks_are_listed(api, dialog):
    data = api.post("/api/analysis/reply", {"text": WB_ASKS_PHOTOS, "case": dialog.number}).json()
    assert data["brush_off"] is False
    assert any("фотографии коробов" in ask for ask in data["asks"])


def test_a_chinese_promise_has_its_date_and_a_chinese_brush_off_is_recognised(api):
    with time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=MSK), tick=False):  # a Friday
        promise = api.post("/api/analysis/reply", {"text": ZH_PROMISE}).json()
        brush_off = api.post("/api/analysis/reply", {"text": ZH_BRUSH_OFF}).json()
    assert promise["language"] == "zh" and promise["brush_off"] is False
    assert [(p["due"], p["horizon"]) for p in promise["promises"]] == [("2026-12-02", False)]
    assert "3个工作日内完成退款" in promise["promises"][0]["text"]
    assert promise["promise_due"] == "2026-12-02"
    assert brush_off["brush_off"] is True


def test_messages_come_in_the_callers_language(world, dialog):
    api = api_for(world.manager)
    english = api.post("/api/analysis/reply", {"text": WB_BRUSH_OFF, "case": dialog.number}).json()
    api.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    russian = api.post("/api/analysis/reply", {"text": WB_BRUSH_OFF, "case": dialog.number}).json()
    assert len(russian["signs"]) == len(english["signs"])
    assert russian["signs"] != english["signs"]
    assert any(ch in "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" for ch in "".join(russian["signs"]).lower())


def test_another_workspaces_case_is_not_found_for_the_analysis(world, make_case, api):
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider, entities=[])
    response = api.post("/api/analysis/reply", {"text": WB_BRUSH_OFF, "case": theirs.number})
    assert response.status_code == 404


def test_a_viewer_may_assess_a_reply(world):
    assert api_for(world.viewer).post("/api/analysis/reply", {"text": WB_BRUSH_OFF}).status_code == 200


# --- POST /api/cases/{number}/replies ------------------------------------------------------------------------

def test_recording_a_brush_off_answers_the_case(api, dialog):
    response = api.post(f"/api/cases/{dialog.number}/replies", {"text": WB_BRUSH_OFF})
    assert response.status_code == 201, response.content
    data = response.json()
    event = CaseEvent.objects.get(pk=data["event_id"])
    assert event.kind == "message_in" and event.case_id == dialog.pk
    assert data["assessment"]["brush_off"] is True
    assert data["status"] == "answered"
    dialog.refresh_from_db()
    assert dialog.status == Status.ANSWERED and data["version"] == dialog.version


def test_recording_a_request_for_data_puts_the_case_on_us(api, dialog):
    data = api.post(f"/api/cases/{dialog.number}/replies", {"text": WB_ASKS_PHOTOS}).json()
    assert data["status"] == "on_us" and data["assessment"]["asks"]


def test_a_dated_promise_becomes_an_agreement(api, dialog):
    response = api.post(f"/api/cases/{dialog.number}/replies",
                        {"text": WB_PROMISE, "occurred_at": "2026-11-27T12:30:00+03:00"})
    assert response.status_code == 201, response.content
    assert response.json()["assessment"]["promises"][0]["due"] == "2026-12-02"
    assert Agreement.objects.filter(case=dialog, source="reply").count() == 1


def test_a_chinese_reply_is_recorded_on_a_vendor_case(world, make_case, api):
    shop = Shop.objects.create(workspace=world.workspace, platform="vendor", name="MPStats 账户")
    case = make_case(shop=shop, subject="承诺的退款 ¥4,692.00 超过30天未到账", external_number="GD202611263197",
                     entities=[("order", "DD20261120301806")], status=Status.SUBMITTED)
    change_status(case, world.owner, Status.WAITING, expected_version=case.version)
    data = api.post(f"/api/cases/{case.number}/replies", {"text": ZH_BRUSH_OFF}).json()
    assert data["assessment"]["brush_off"] is True and data["status"] == "answered"


def test_a_refused_reply_says_why(api, dialog):
    empty = api.post(f"/api/cases/{dialog.number}/replies", {"text": "   "})
    assert empty.status_code == 400 and empty.json() == {"detail": "The reply is empty.", "field": "text"}
    api.post(f"/api/cases/{dialog.number}/replies", {"text": WB_BRUSH_OFF})
    twice = api.post(f"/api/cases/{dialog.number}/replies", {"text": WB_BRUSH_OFF})
    assert twice.status_code == 400 and twice.json()["field"] == "text"
    future = api.post(f"/api/cases/{dialog.number}/replies",
                      {"text": WB_PROMISE, "occurred_at": "2099-01-01T00:00:00Z"})
    assert future.status_code == 400 and future.json()["field"] == "occurred_at"


# --- GET /api/cases/{number}/ladder ------------------------------------------------------------------------

def test_the_ladder_shows_each_level_and_drafts_the_due_reminder(api, dialog):
    with time_machine.travel(THURSDAY, tick=False):
        response = api.get(f"/api/cases/{dialog.number}/ladder")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["current"] == 0
    levels = data["levels"]
    assert [lv["level"] for lv in levels] == list(range(1, len(levels) + 1))
    assert levels[0]["code"] == "reminder" and levels[0]["state"] == "due" and levels[0]["channel"] == "ticket"
    assert levels[0]["label"] == "Reminder in the same dialog"
    assert levels[0]["due_at"] == "2026-03-19T07:00:00Z" and levels[0]["done_at"] is None
    assert all(lv["state"] == "later" for lv in levels[1:])
    step = data["next"]
    assert step["level"] == 1 and step["state"] == "due"
    assert step["draft"]["language"] == "ru" and "4417229883" in step["draft"]["body"]


def test_after_a_brush_off_the_senior_step_is_proposed_at_once(world, api, dialog):
    support_replied(dialog, world, at=MONDAY + dt.timedelta(hours=4), brush_off=True)
    with time_machine.travel(MONDAY + dt.timedelta(hours=5), tick=False):
        data = api.get(f"/api/cases/{dialog.number}/ladder").json()
    assert data["next"]["level"] == 2 and data["next"]["state"] == "due"


def test_the_ladder_marks_done_and_skipped_steps(api, dialog):
    with time_machine.travel(THURSDAY, tick=False):
        assert api.post(f"/api/cases/{dialog.number}/escalate",
                        {"level": 3, "text": "Прошу передать обращение в финансовый отдел.",
                         "version": dialog.version}).status_code == 200
        data = api.get(f"/api/cases/{dialog.number}/ladder").json()
    states = {lv["level"]: lv["state"] for lv in data["levels"]}
    assert data["current"] == 3 and states[1] == states[2] == "skipped" and states[3] == "done"
    assert data["levels"][2]["done_at"] == "2026-03-19T08:00:00Z"


# --- POST /api/cases/{number}/escalate ---------------------------------------------------------------------

def test_escalating_moves_the_level_and_the_status(api, dialog):
    with time_machine.travel(THURSDAY, tick=False):
        reminder = api.post(f"/api/cases/{dialog.number}/escalate",
                            {"level": 1, "text": REMINDER, "version": dialog.version})
    assert reminder.status_code == 200, reminder.content
    assert reminder.json()["status"] == "waiting" and reminder.json()["version"] == dialog.version + 1
    with time_machine.travel(THURSDAY + dt.timedelta(days=5), tick=False):
        senior = api.post(f"/api/cases/{dialog.number}/escalate",
                          {"level": 2, "text": "Прошу эскалировать обращение старшему специалисту.",
                           "version": reminder.json()["version"]})
    assert senior.status_code == 200 and senior.json()["status"] == "escalated"
    dialog.refresh_from_db()
    assert dialog.escalation_level == 2
    assert CaseEvent.objects.filter(case=dialog, kind="escalated_step").count() == 2


def test_a_stale_version_is_refused_and_nothing_changes(api, dialog):
    with time_machine.travel(THURSDAY, tick=False):
        response = api.post(f"/api/cases/{dialog.number}/escalate",
                            {"level": 1, "text": REMINDER, "version": dialog.version - 1})
    assert response.status_code == 409 and response.json()["detail"]
    dialog.refresh_from_db()
    assert dialog.escalation_level in (0, None) and not dialog.events.filter(kind="escalated_step").exists()


def test_a_step_that_makes_no_sense_is_a_400(api, world, make_case, dialog):
    draft = make_case(subject="Черновик обращения о недовложении")
    refused = api.post(f"/api/cases/{draft.number}/escalate", {"level": 1, "text": REMINDER, "version": 1})
    assert refused.status_code == 400 and refused.json()["field"] == "level"
    assert refused.json()["detail"] == "Submit the appeal and record its number before escalating."
    unknown = api.post(f"/api/cases/{dialog.number}/escalate", {"level": 9, "text": "…", "version": dialog.version})
    assert unknown.status_code == 400 and unknown.json()["detail"] == "There is no such step of the ladder."


# --- access ------------------------------------------------------------------------------------------------

def test_another_workspaces_case_is_a_404(world, make_case, api):
    theirs = waiting_case(world, make_case, workspace=world.other_workspace, entities=[])
    base = f"/api/cases/{theirs.number}"
    responses = [api.get(f"{base}/ladder"), api.post(f"{base}/replies", {"text": WB_BRUSH_OFF}),
                 api.post(f"{base}/escalate", {"level": 1, "text": REMINDER, "version": theirs.version})]
    assert [r.status_code for r in responses] == [404, 404, 404]
    theirs.refresh_from_db()
    assert theirs.status == Status.WAITING and not theirs.escalation_level


def test_a_viewer_reads_the_ladder_but_cannot_post(world, dialog):
    viewer = api_for(world.viewer)
    assert viewer.get(f"/api/cases/{dialog.number}/ladder").status_code == 200
    assert viewer.get("/api/review").status_code == 200
    responses = [viewer.post(f"/api/cases/{dialog.number}/replies", {"text": WB_BRUSH_OFF}),
                 viewer.post(f"/api/cases/{dialog.number}/escalate",
                             {"level": 1, "text": REMINDER, "version": dialog.version})]
    assert [r.status_code for r in responses] == [403, 403]
    dialog.refresh_from_db()
    assert dialog.status == Status.WAITING and not dialog.events.filter(kind__in=("message_in", "escalated_step"))


# --- GET /api/review ---------------------------------------------------------------------------------------

def test_the_review_gives_money_as_text_per_currency(world, make_case, api):
    make_case(money_at_risk=Decimal("15400.50"))
    make_case(subject="Не вернули оплату за подписку", money_at_risk=Decimal("4692"), currency="CNY",
              entities=[("order", "DD20261120301806")])
    response = api.get("/api/review")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["is_current_week"] is True and data["next_week"] is None
    assert data["at_risk"]["total"] == {"count": 2, "money": {"RUB": "15400.50", "CNY": "4692.00"}}
    assert data["currencies"] == ["RUB", "CNY"] and data["main_currency"] == "RUB"
    assert len(data["trend"]) == 12 and data["trend"][-1]["code"] == data["week"]
    assert {g["label"] for g in data["at_risk"]["by_kind"]} == {"Finance"}


def test_the_review_of_a_chosen_week(world, make_case, api):
    closed = make_case(money_at_risk=Decimal("15400"), status=Status.SUBMITTED, external_number="4417229883")
    with time_machine.travel(dt.datetime(2026, 11, 18, 12, 0, tzinfo=MSK), tick=False):
        change_status(closed, world.owner, Status.RESOLVED, expected_version=closed.version, outcome="won",
                      money_recovered=Decimal("15400"))
    with time_machine.travel(dt.datetime(2026, 11, 30, 12, 0, tzinfo=MSK), tick=False):
        data = api.get("/api/review", {"week": "2026-W47"}).json()
        unreadable = api.get("/api/review", {"week": "прошлая неделя"}).json()
    assert data["week"] == "2026-W47" and data["week_label"] == "16.11–22.11.2026"
    assert data["previous_week"] == "2026-W46" and data["next_week"] == "2026-W48"
    assert data["closed"]["count"] == 1 and data["closed"]["recovered"] == {"RUB": "15400.00"}
    assert data["closed"]["cases"][0]["number"] == closed.number
    assert unreadable["week"] == "2026-W49" and unreadable["is_current_week"] is True


def test_the_review_shows_only_the_members_workspace(world, make_case):
    make_case(money_at_risk=Decimal("15400"))
    data = api_for(world.outsider).get("/api/review").json()
    assert data["at_risk"]["total"] == {"count": 0, "money": {}}
