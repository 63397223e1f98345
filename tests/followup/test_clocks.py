"""Clocks move with the case's status: waiting starts support's, "on us" pauses it, answered starts ours."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.cases.actions import change_status, create_case, merge_case, update_case
from sellerdesk.cases.choices import Outcome, Status
from sellerdesk.cases.models import Case
from sellerdesk.followup import clocks
from sellerdesk.playbook.calendar import MOSCOW
from sellerdesk.shops.models import Shop


def msk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MOSCOW)


class Story:
    """A case walked through its life on the clock: every step at a given Moscow time."""

    def __init__(self, world, **fields):
        self.world = world
        fields.setdefault("shop", world.shop)  # WB: ticket, 24 business hours, remind after 72
        fields.setdefault("kind", "logistics")
        fields.setdefault("subject", "Поставка 24815162 не принята на складе Коледино")
        self.fields = fields
        self.case = None

    def at(self, moment: dt.datetime, status: str | None = None, **fields) -> Case:
        with time_machine.travel(moment, tick=False):
            if self.case is None:
                self.case = create_case(self.world.workspace, self.world.owner, status=Status.READY, **self.fields)
            if status:
                self.case = change_status(self.case, self.world.owner, status, expected_version=None, **fields)
        return self.case


@pytest.fixture
def story(world):
    return lambda **fields: Story(world, **fields)


def test_draft_and_ready_cases_have_no_clocks_and_keep_their_own_deadline(world, make_case):
    own = msk(2026, 3, 20, 18, 0)
    case = make_case(deadline=own)
    assert case.deadline == own
    assert (case.first_answer_due, case.update_due, case.follow_up_due, case.next_alert_at) == (None,) * 4


def test_submission_starts_supports_first_answer_clock_in_business_time(story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0))  # Friday
    case = s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    assert case.first_answer_due == msk(2026, 3, 16, 12, 0)  # Monday: the weekend does not count
    assert case.deadline == case.first_answer_due
    assert case.next_alert_at == case.first_answer_due
    # Waiting after submission keeps the clock that started at submission.
    case = s.at(msk(2026, 3, 13, 15, 0), Status.WAITING)
    assert case.first_answer_due == msk(2026, 3, 16, 12, 0)
    assert Case.objects.get(pk=case.pk).deadline == msk(2026, 3, 16, 12, 0)


def test_a_kinds_own_clock_wins(story):
    s = story(kind="finance")  # WB finance dialogs: 48 business hours
    s.at(msk(2026, 3, 13, 12, 0))
    case = s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    assert case.first_answer_due == msk(2026, 3, 17, 12, 0)


def test_the_may_holidays_do_not_count(story):
    s = story()
    s.at(msk(2026, 4, 30, 17, 0))
    case = s.at(msk(2026, 4, 30, 17, 0), Status.SUBMITTED, external_number="WB-5512340")
    assert case.first_answer_due == msk(2026, 5, 4, 17, 0)  # 1–3 May are off


def test_answered_stops_the_wait_and_starts_our_reaction_clock(story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    case = s.at(msk(2026, 3, 16, 9, 30), Status.ANSWERED)
    assert case.first_answer_due is None and case.update_due is None
    assert case.follow_up_due == msk(2026, 3, 17, 9, 30)
    assert case.deadline == case.follow_up_due == case.next_alert_at
    # Waiting again after an answer: support owes an update, from now.
    case = s.at(msk(2026, 3, 16, 11, 0), Status.WAITING)
    assert case.first_answer_due is None
    assert case.update_due == msk(2026, 3, 17, 11, 0)
    assert case.follow_up_due is None
    assert case.deadline == case.update_due


def test_on_us_pauses_support_and_resuming_adds_the_paused_time(story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")  # due Mon 16 12:00
    case = s.at(msk(2026, 3, 16, 10, 0), Status.ON_US)  # two business hours left
    assert case.clock_paused_at == msk(2026, 3, 16, 10, 0)
    assert case.first_answer_due == msk(2026, 3, 16, 12, 0)  # kept, standing still
    assert case.follow_up_due == msk(2026, 3, 17, 10, 0)  # we owe data: our clock runs
    assert case.deadline == case.follow_up_due  # the paused clock is not a deadline
    assert case.next_alert_at == case.follow_up_due
    case = s.at(msk(2026, 3, 18, 15, 0), Status.WAITING)
    assert case.clock_paused_at is None
    assert case.first_answer_due == msk(2026, 3, 18, 17, 0)
    assert case.paused_seconds == (2 * 24 + 5) * 3600
    assert case.follow_up_due is None
    assert case.deadline == case.next_alert_at == case.first_answer_due


def test_a_pause_over_the_weekend_keeps_the_business_hours_that_were_left(story):
    s = story()
    s.at(msk(2026, 3, 12, 12, 0), Status.SUBMITTED, external_number="WB-5512340")  # due Fri 13 12:00
    s.at(msk(2026, 3, 13, 8, 0), Status.ON_US)  # 4 business hours left
    case = s.at(msk(2026, 3, 14, 10, 0), Status.WAITING)  # resumed on Saturday
    assert case.first_answer_due == msk(2026, 3, 16, 4, 0)
    assert case.paused_seconds == 26 * 3600


def test_two_pauses_add_up(story):
    s = story()
    s.at(msk(2026, 3, 16, 9, 0), Status.SUBMITTED, external_number="WB-5512340")  # due Tue 17 09:00
    s.at(msk(2026, 3, 16, 10, 0), Status.ON_US)
    s.at(msk(2026, 3, 16, 11, 0), Status.WAITING)
    s.at(msk(2026, 3, 16, 12, 0), Status.ON_US)
    case = s.at(msk(2026, 3, 16, 15, 0), Status.WAITING)
    assert case.paused_seconds == 4 * 3600
    assert case.first_answer_due == msk(2026, 3, 17, 13, 0)


def test_escalation_restarts_the_wait(story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    s.at(msk(2026, 3, 13, 12, 5), Status.WAITING)
    case = s.at(msk(2026, 3, 17, 10, 0), Status.ESCALATED)
    assert case.first_answer_due == msk(2026, 3, 18, 10, 0)
    assert case.deadline == case.next_alert_at == case.first_answer_due
    # A further step taken without a status change restarts it too (the ladder passes restart=True).
    with time_machine.travel(msk(2026, 3, 19, 9, 0), tick=False):
        clocks.recompute(case, restart=True)
    assert case.first_answer_due == msk(2026, 3, 20, 9, 0)


def test_escalation_after_an_answer_restarts_the_update_clock(story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    s.at(msk(2026, 3, 16, 9, 0), Status.ANSWERED)
    case = s.at(msk(2026, 3, 16, 14, 0), Status.ESCALATED)
    assert case.first_answer_due is None
    assert case.update_due == msk(2026, 3, 17, 14, 0)


@pytest.mark.parametrize("end", [Status.RESOLVED, Status.CLOSED])
def test_resolved_and_closed_clear_every_clock(story, end):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    case = s.at(msk(2026, 3, 16, 10, 0), Status.ON_US)
    case = s.at(msk(2026, 3, 16, 11, 0), Status.RESOLVED, outcome=Outcome.WON)
    if end == Status.CLOSED:
        case = s.at(msk(2026, 3, 16, 12, 0), Status.CLOSED)
    for field in clocks.CLOCK_FIELDS:
        assert getattr(case, field) in (None, case.paused_seconds), field
    assert case.deadline is None and case.next_alert_at is None
    # Reopened: a new wait starts from now, not from the old submission.
    case = s.at(msk(2026, 3, 18, 10, 0), Status.WAITING)
    assert case.first_answer_due == msk(2026, 3, 19, 10, 0)


def test_a_merged_duplicate_has_no_clocks(world, story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    original = story(subject="Поставка 24815162: недостача").at(msk(2026, 3, 13, 12, 0))
    with time_machine.travel(msk(2026, 3, 13, 13, 0), tick=False):
        merge_case(s.case, original, world.owner, "Та же поставка")
    duplicate = Case.objects.get(pk=s.case.pk)
    assert duplicate.next_alert_at is None and duplicate.deadline is None and duplicate.first_answer_due is None


def test_chats_count_calendar_time(world, story):
    ozon = Shop.objects.create(workspace=world.workspace, platform="ozon", name="Sokolova Ozon")
    s = story(shop=ozon, channel="chat")  # Ozon chat: half an hour, calendar time
    s.at(msk(2026, 3, 14, 23, 50))  # a Saturday night
    case = s.at(msk(2026, 3, 14, 23, 50), Status.SUBMITTED, external_number="78412")
    assert case.first_answer_due == msk(2026, 3, 15, 0, 20)


def test_changing_the_channel_moves_the_running_clock(world, story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    with time_machine.travel(msk(2026, 3, 13, 12, 30), tick=False):
        case = update_case(s.case, world.owner, {"channel": "email"}, expected_version=None)  # WB e-mail: 48 h
    assert case.first_answer_due == msk(2026, 3, 17, 12, 0)
    assert Case.objects.get(pk=case.pk).deadline == msk(2026, 3, 17, 12, 0)


def test_an_edit_that_is_not_about_clocks_leaves_them(world, story):
    s = story()
    s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    with time_machine.travel(msk(2026, 3, 16, 9, 0), tick=False):
        case = update_case(s.case, world.owner, {"subject": "Поставка 24815162: приёмка"}, expected_version=None)
    assert case.first_answer_due == msk(2026, 3, 16, 12, 0)


def test_an_import_keeps_the_deadline_it_brings(world):
    given = msk(2026, 3, 20, 18, 0)
    with time_machine.travel(msk(2026, 3, 13, 12, 0), tick=False):
        case = create_case(world.workspace, world.owner, shop=world.shop, subject="Импорт", status=Status.WAITING,
                           external_number="WB-1", deadline=given)
    assert case.deadline == given
    assert case.first_answer_due == msk(2026, 3, 16, 12, 0)


def test_a_workspace_playbook_override_sets_the_clock(world, story):
    from sellerdesk.workspace_playbook.actions import effective, save_override

    text = effective(world.workspace, "wb").text.replace(
        "[channels.ticket]\nfirst_reaction_hours = 24", "[channels.ticket]\nfirst_reaction_hours = 8")
    save_override(world.workspace, world.owner.user, "wb", text)
    s = story()
    case = s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    assert case.first_answer_due == msk(2026, 3, 13, 20, 0)


def test_cases_filed_before_clocks_get_them_from_their_submission(world, story):
    from django.core.management import call_command

    s = story()
    case = s.at(msk(2026, 3, 13, 12, 0), Status.SUBMITTED, external_number="WB-5512340")
    Case.objects.filter(pk=case.pk).update(first_answer_due=None, deadline=None, next_alert_at=None)
    draft = story(subject="Черновик").at(msk(2026, 3, 13, 12, 0))
    with time_machine.travel(msk(2026, 3, 20, 10, 0), tick=False):
        call_command("recompute_clocks", "--workspace", world.workspace.slug, stdout=__import__("io").StringIO())
    case.refresh_from_db()
    assert case.first_answer_due == case.deadline == case.next_alert_at == msk(2026, 3, 16, 12, 0)
    with time_machine.travel(msk(2026, 3, 20, 10, 1), tick=False):
        clocks.process_due(msk(2026, 3, 20, 10, 1))
    [reminder] = case.events.filter(kind="reminder")
    assert reminder.changes["due"] == "2026-03-19T09:00:00+00:00"  # the latest reminder period that ended
    draft.refresh_from_db()
    assert draft.next_alert_at is None
