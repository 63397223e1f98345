"""Recording an agreement, asking for its written confirmation, confirming and closing it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.analysis.confirm import confirmation_request
from sellerdesk.cases.actions import ActionError, merge_case
from sellerdesk.cases.choices import EventKind
from sellerdesk.cases.models import Case
from sellerdesk.followup import agreements
from sellerdesk.followup.models import Agreement
from sellerdesk.shops.models import Shop

MSK = dt.timezone(dt.timedelta(hours=3))
CALL = dt.datetime(2026, 11, 30, 11, 15, tzinfo=MSK)
DUE = dt.datetime(2026, 12, 4, 23, 59, tzinfo=MSK)
WAIT = dt.timedelta(hours=24)  # for a confirmation asked on Monday: one working day, to Tuesday


@pytest.fixture
def agreement(world, make_case):
    case = make_case(external_number="48151623")
    with time_machine.travel(CALL + dt.timedelta(minutes=5), tick=False):
        return agreements.record_agreement(case, world.manager, source="phone", counterpart="оператор Мария, ID 5521",
                                           made_at=CALL, promise="вернуть 15 400 ₽ штрафа на баланс", due_at=DUE)


def test_recording_an_agreement_logs_a_call_and_schedules_the_due_date(world, agreement):
    assert agreement.workspace == world.workspace
    assert agreement.created_by == world.manager
    assert agreement.next_alert_at == DUE
    assert agreement.needs_confirmation
    event = agreement.case.events.get(kind=EventKind.CALL)
    assert event.channel == "phone"
    assert event.occurred_at == CALL
    assert "вернуть 15 400 ₽ штрафа на баланс" in event.text and "оператор Мария" in event.text
    assert event.changes["agreement"]["id"] == agreement.pk


@pytest.mark.parametrize(("made_at", "due_at", "field"), [
    (CALL + dt.timedelta(days=2), DUE, "made_at"),
    (CALL, CALL - dt.timedelta(days=1), "due_at"),
])
def test_impossible_dates_are_refused(world, make_case, made_at, due_at, field):
    case = make_case()
    with time_machine.travel(CALL, tick=False), pytest.raises(ActionError) as caught:
        agreements.record_agreement(case, world.manager, source="chat", made_at=made_at, promise="вернуть",
                                    due_at=due_at)
    assert caught.value.field == field
    assert not Agreement.objects.exists()


def test_an_empty_promise_is_refused(world, make_case):
    with pytest.raises(ActionError, match="Say what was promised"):
        agreements.record_agreement(make_case(), world.manager, source="phone", made_at=CALL, promise="  ",
                                    due_at=None)


def test_the_confirmation_request_is_drafted_in_russian_with_the_ticket_number(agreement):
    text = agreements.draft_confirmation(agreement).text
    assert text.startswith("Здравствуйте.")
    assert "30.11.2026 по телефону мы договорились с сотрудником поддержки (оператор Мария, ID 5521)" in text
    assert "вернуть 15 400 ₽ штрафа на баланс." in text
    assert "Срок — до 04.12.2026." in text
    assert "подтвердить эту договорённость письменно" in text and "номер обращения" in text
    assert "№ 48151623" in text


def test_the_vendor_gets_the_request_in_chinese(world, make_case):
    shop = Shop.objects.create(workspace=world.workspace, platform="vendor", name="MPStats")
    case = make_case(shop=shop, external_number="20261130-0042")
    agreement = agreements.record_agreement(case, world.manager, source="chat", counterpart="", made_at=CALL,
                                            promise="退还多扣的服务费 1200 元", due_at=DUE)
    draft = agreements.draft_confirmation(agreement)
    assert draft.language == "zh"
    assert "我们于2026年11月30日在在线客服中与贵方客服达成一致：退还多扣的服务费 1200 元。" in draft.text
    assert "约定期限：2026年12月4日前。" in draft.text and "工单号" in draft.text
    assert "20261130-0042" in draft.text


def test_a_platform_without_texts_gets_english():
    draft = confirmation_request("kk", promise="refund the fee", made_at=dt.date(2026, 11, 30), source="email")
    assert draft.language == "en"
    assert draft.text.startswith("Hello,\n\nOn 30 November 2026 we agreed by e-mail: refund the fee.")


def test_requesting_the_confirmation_logs_the_message_sent_and_starts_the_wait(world, agreement):
    with time_machine.travel(CALL + dt.timedelta(hours=1), tick=False):
        event = agreements.request_confirmation(agreement, world.manager)
    assert event.kind == EventKind.MESSAGE_OUT
    assert event.text == agreements.draft_confirmation(agreement).text
    agreement.refresh_from_db()
    assert agreement.confirmation_requested_at == CALL + dt.timedelta(hours=1)
    assert agreement.next_alert_at == CALL + dt.timedelta(hours=1) + WAIT


def test_confirming_keeps_their_words_and_ticket_and_drops_the_wait(world, agreement):
    agreements.request_confirmation(agreement, world.manager)
    agreement = agreements.confirm(agreement, world.manager, text="Подтверждаем: штраф будет возвращён до 04.12.",
                                   ticket_number="T-90017")
    assert agreement.confirmed_at and agreement.ticket_number == "T-90017"
    assert agreement.next_alert_at == DUE  # still the promised date to check
    event = agreement.case.events.last()
    assert event.kind == EventKind.MESSAGE_IN and "T-90017" in event.text
    assert "Подтверждаем" in event.text
    with pytest.raises(ActionError, match="already confirmed"):
        agreements.request_confirmation(agreement, world.manager)


def test_a_confirmation_needs_a_text_or_a_ticket(world, agreement):
    with pytest.raises(ActionError):
        agreements.confirm(agreement, world.manager, text=" ", ticket_number="")


@pytest.mark.parametrize("close", [agreements.mark_fulfilled, agreements.mark_broken])
def test_a_closed_agreement_has_no_alert_and_cannot_be_closed_again(world, agreement, close):
    agreement = close(agreement, world.manager, "деньги пришли 03.12")
    assert agreement.next_alert_at is None
    assert not agreement.is_open
    assert agreement.case.events.last().text.endswith("деньги пришли 03.12")
    with pytest.raises(ActionError, match="already closed"):
        agreements.mark_fulfilled(agreement, world.manager)
    assert Agreement.objects.past_due(DUE + dt.timedelta(days=1)).count() == 0


@pytest.mark.parametrize("language", ["ru", "zh", "en"])
@pytest.mark.parametrize("source", ["phone", "chat", "email", "reply"])
def test_every_language_drafts_every_source_with_and_without_the_optional_parts(language, source):
    full = confirmation_request(language, promise="X-promise", made_at=dt.date(2026, 11, 30), source=source,
                                counterpart="Мария", due=dt.date(2026, 12, 4), ticket="T-1").text
    bare = confirmation_request(language, promise="X-promise", made_at=dt.date(2026, 11, 30), source=source).text
    assert "X-promise" in full and "T-1" in full and "Мария" in full and "{" not in full
    assert "X-promise" in bare and "{" not in bare and "T-1" not in bare and len(bare) < len(full)


def test_a_merged_case_takes_no_new_agreement(world, make_case):
    duplicate, original = make_case(), make_case(subject="Штраф по поставке 24815162")
    merge_case(duplicate, original, world.manager, "та же поставка")
    with pytest.raises(ActionError, match="merged"):
        agreements.record_agreement(Case.objects.get(pk=duplicate.pk), world.manager, source="phone", made_at=CALL,
                                    promise="вернуть", due_at=DUE)
