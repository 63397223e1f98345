"""The weekly review as a digest: on the day and time the owner chose, every member who wants it is told.

A worker source (settings.WORKER_SOURCES): `process_due(now, limit=…)` takes the DigestSchedule rows whose
`next_run_at` has come (followup.claim.process_due_rows, so two workers never take the same row), notifies
each recipient with the key `digest:<workspace>:<ISO week>` (notify is idempotent on it, so a digest goes
out once per week even if a schedule is changed and comes due again the same week) and moves `next_run_at`
to the same weekday and time next week, in the same transaction.

Who gets it: members whose notification settings say so; owners and managers who never chose get it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Membership, Profile, Workspace
from sellerdesk.followup.claim import process_due_rows
from sellerdesk.notifications.api import notify
from sellerdesk.notifications.models import DIGEST_BY_DEFAULT
from sellerdesk.reports import review
from sellerdesk.reports.models import DigestSchedule

log = logging.getLogger(__name__)

DEFAULT_RECIPIENTS = DIGEST_BY_DEFAULT  # roles that get it until they choose


def process_due(now, *, limit: int = 1000) -> int:
    """Send the digests that are due at `now`; returns how many schedules were taken.

    The reviews are built first, outside the claiming transaction (they read a whole journal, which may
    take a while on SQLite, where the claim holds the write lock); the claim then only writes notifications.
    A review is built at most once per round and only for a schedule that is due; one left unused (another
    worker took the row) is simply dropped.
    """
    schedules = DigestSchedule.objects.filter(enabled=True).select_related("workspace")
    due = schedules.filter(next_run_at__lte=now).order_by("next_run_at", "pk")[:limit]
    if not due.exists():
        return 0
    week = digest_week(now)
    built = {s.workspace_id: review.build(s.workspace, week=week, now=now) for s in due}

    def act(schedule: DigestSchedule, when) -> int:
        return send_digest(schedule, when, data=built.get(schedule.workspace_id))

    return process_due_rows(schedules, "next_run_at", now, act, limit=limit, batch=10)


def recipients(workspace: Workspace):
    return (Membership.objects.filter(workspace=workspace)
            .filter(Q(notification_settings__digest=True)
                    | Q(notification_settings__isnull=True, role__in=DEFAULT_RECIPIENTS))
            .select_related("user").order_by("pk"))


def digest_week(now: dt.datetime) -> review.Week:
    """The week a digest sent at `now` reviews: the one up to yesterday, so a Monday digest covers the week
    that has just ended and a Friday digest the week in progress."""
    return review.Week.of(now - dt.timedelta(days=1))


def send_digest(schedule: DigestSchedule, now: dt.datetime, data: dict | None = None) -> int:
    """Notify the recipients of one workspace and plan the next run; returns how many were newly notified."""
    workspace = schedule.workspace
    week = digest_week(now)
    data = data or review.build(workspace, week=week, now=now)
    key = f"digest:{workspace.pk}:{review.Week.of(now).code}"
    url = f"{reverse('review', args=[workspace.slug])}?week={week.code}"
    members = list(recipients(workspace))
    languages = dict(Profile.objects.filter(user__in=[m.user_id for m in members]).values_list("user_id", "language"))
    sent = 0
    for member in members:
        with translation.override(languages.get(member.user_id) or settings.LANGUAGE_CODE):
            title = _("Weekly review of %(workspace)s, %(week)s") % {"workspace": workspace.name, "week": week.label}
            body = "\n".join(review.summary_lines(data))
            sent += notify(member, key=key, kind="digest", title=title, body=body, url=url) is not None
    schedule.last_sent_at = now
    schedule.next_run_at = next_run = schedule.next_run_after(now)
    if review.Week.of(next_run) == review.Week.of(now):
        # A run that came early or late (time moved by `sellerdesk clock --advance`, a worker that was down)
        # would otherwise meet this week's slot again: the next digest is next week's.
        schedule.next_run_at = schedule.next_run_after(next_run)
    schedule.save(update_fields=["last_sent_at", "next_run_at"])
    log.info("digest of %s for %s: %d member(s) notified", workspace.slug, week.code, sent)
    return sent


def schedule_of(workspace: Workspace) -> DigestSchedule:
    """The workspace's schedule, or an unsaved one with the defaults (Monday 09:00 Moscow time)."""
    return DigestSchedule.objects.filter(workspace=workspace).first() or DigestSchedule(workspace=workspace)


def save_schedule(schedule: DigestSchedule, now: dt.datetime) -> DigestSchedule:
    """Save the owner's choices and plan the next digest from them."""
    schedule.plan(now)
    schedule.save()
    return schedule
