"""The weekly digest: due at the owner's chosen Moscow day and time, sent once per week to the members who
want it (owners and managers unless they chose otherwise), never twice, with only its workspace's figures."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from sellerdesk.accounts.models import Profile
from sellerdesk.followup.worker import run_once
from sellerdesk.notifications.models import Notification, NotificationSettings
from sellerdesk.reports import digest
from sellerdesk.reports.models import DigestSchedule
from tests.reports.review_data import MSK, NOW, at, resolve, waiting_case

pytestmark = pytest.mark.django_db
FRIDAY_17 = dt.datetime(2026, 11, 27, 17, 0, tzinfo=MSK)


@pytest.fixture(autouse=True)
def english_readers(world):
    """These tests read the digest's words: its readers chose English (without a choice it comes in Russian)."""
    for member in (world.owner, world.manager):
        Profile.objects.update_or_create(user=member.user, defaults={"language": "en"})


def _schedule(workspace, **fields) -> DigestSchedule:
    schedule = DigestSchedule(workspace=workspace, **{"weekday": 4, "time": dt.time(17, 0), **fields})
    return digest.save_schedule(schedule, NOW)


def _run(when) -> int:
    with time_machine.travel(when, tick=False):
        return digest.process_due(when, limit=100)


def test_the_digest_goes_out_once_at_the_chosen_moscow_time(world, make_case):
    waiting_case(make_case, at(2), amount="15400", deadline=NOW - dt.timedelta(days=2))
    won = waiting_case(make_case, at(9), amount="48250")
    resolve(won, world.owner, at(24), "48250")
    NotificationSettings.of(world.owner)  # settings made on first use keep the default (owners and managers)
    schedule = _schedule(world.workspace)
    assert schedule.next_run_at == FRIDAY_17

    assert _run(FRIDAY_17 - dt.timedelta(minutes=1)) == 0
    assert not Notification.objects.exists()

    assert _run(FRIDAY_17) == 1
    assert _run(FRIDAY_17) == 0
    assert _run(FRIDAY_17 + dt.timedelta(minutes=5)) == 0
    sent = Notification.objects.filter(kind="digest").order_by("member__pk")
    assert [n.member for n in sent] == [world.owner, world.manager]
    first = sent[0]
    assert first.key == f"digest:{world.workspace.pk}:2026-W48"
    assert first.url == f"/w/{world.workspace.slug}/review/?week=2026-W48"
    assert first.title == "Weekly review of ИП Соколова, 23.11–29.11.2026"
    assert "Overdue: 1 cases, 15\u00a0400 RUB at risk." in first.body
    assert "Closed this week: 1 cases, 48\u00a0250 RUB recovered." in first.body

    schedule.refresh_from_db()
    assert schedule.last_sent_at == FRIDAY_17
    assert schedule.next_run_at == FRIDAY_17 + dt.timedelta(days=7)

    assert _run(FRIDAY_17 + dt.timedelta(days=6, hours=23)) == 0
    assert _run(FRIDAY_17 + dt.timedelta(days=7)) == 1
    assert Notification.objects.filter(kind="digest", key__endswith=":2026-W49").count() == 2
    assert Notification.objects.filter(kind="digest").count() == 4


def test_a_monday_morning_digest_reviews_the_week_just_ended(world):
    _schedule(world.workspace, weekday=0, time=dt.time(9, 30))
    monday = dt.datetime(2026, 11, 30, 9, 30, tzinfo=MSK)
    assert DigestSchedule.objects.get().next_run_at == monday
    assert _run(monday) == 1
    note = Notification.objects.filter(member=world.owner).get()
    assert note.key.endswith(":2026-W49") and note.url.endswith("?week=2026-W48")


def test_members_choose_whether_they_get_it(world):
    NotificationSettings.objects.create(member=world.accountant, digest=True)
    NotificationSettings.objects.create(member=world.manager, digest=False)
    _schedule(world.workspace)
    _run(FRIDAY_17)
    assert set(Notification.objects.values_list("member__user__username", flat=True)) == {"anna", "vera"}


def test_a_schedule_switched_off_or_in_another_zone(world):
    schedule = _schedule(world.workspace, enabled=False)
    assert schedule.next_run_at is None
    assert _run(FRIDAY_17 + dt.timedelta(days=30)) == 0
    schedule.enabled = True
    schedule.time_zone = "Asia/Shanghai"  # 17:00 in Shanghai is 12:00 in Moscow
    digest.save_schedule(schedule, NOW)
    assert schedule.next_run_at == dt.datetime(2026, 11, 27, 12, 0, tzinfo=MSK)


def test_each_workspace_gets_its_own_figures(world, make_case):
    waiting_case(make_case, at(20), amount="777777", deadline=NOW - dt.timedelta(days=1),
                 workspace=world.other_workspace, actor=world.outsider)
    waiting_case(make_case, at(20), amount="100", deadline=NOW - dt.timedelta(days=1))
    _schedule(world.workspace)
    _schedule(world.other_workspace, weekday=4, time=dt.time(17, 0))
    assert _run(FRIDAY_17) == 2
    ours = Notification.objects.get(member=world.owner)
    theirs = Notification.objects.get(member=world.outsider)
    assert "100 RUB" in ours.body and "777" not in ours.body
    assert "777\u00a0777 RUB" in theirs.body and theirs.url.startswith("/w/romashka/")


def test_the_worker_round_sends_it(world):
    _schedule(world.workspace)
    with time_machine.travel(FRIDAY_17, tick=False):
        counts = run_once(FRIDAY_17)
        again = run_once(FRIDAY_17)
    assert counts["sellerdesk.reports.digest.process_due"] == 1
    assert again["sellerdesk.reports.digest.process_due"] == 0
    assert Notification.objects.filter(kind="digest").count() == 2


def test_the_digest_arrives_by_e_mail_with_the_link_to_the_week(world, make_case, mailoutbox, settings):
    settings.SITE_URL = "https://desk.example.ru"
    waiting_case(make_case, at(2), amount="15400", deadline=NOW - dt.timedelta(days=2))
    _schedule(world.workspace)
    with time_machine.travel(FRIDAY_17, tick=False):
        run_once(FRIDAY_17)
    later = FRIDAY_17 + dt.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        run_once(later)
    to_owner = [m for m in mailoutbox if "anna@example.ru" in m.to]
    assert len(to_owner) == 1
    text = to_owner[0].subject + "\n" + to_owner[0].body
    assert "Weekly review of ИП Соколова" in text
    assert "https://desk.example.ru/w/sokolova/review/?week=2026-W48" in text
    assert not [m for m in mailoutbox if "dina@example.ru" in m.to]  # the viewer did not ask for it


def test_a_late_round_sends_once_and_plans_next_week(world):
    """The worker was down on Friday (or `sellerdesk clock --advance` moved the slot): Thursday's round after
    it still sends the week's digest once, and the next one is the following Friday, not tomorrow."""
    schedule = _schedule(world.workspace)
    DigestSchedule.objects.filter(pk=schedule.pk).update(next_run_at=FRIDAY_17 - dt.timedelta(days=7))
    thursday = FRIDAY_17 - dt.timedelta(days=1, hours=2)
    assert _run(thursday) == 1
    schedule.refresh_from_db()
    assert schedule.next_run_at == FRIDAY_17 + dt.timedelta(days=7)
    assert Notification.objects.filter(member=world.owner).count() == 1
