from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Workspace

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday")),
            (5, _("Saturday")), (6, _("Sunday"))]


def _default_zone() -> str:
    return settings.DISPLAY_TIME_ZONE


class DigestSchedule(models.Model):
    """When a workspace's weekly review goes out as a digest: a weekday and a time in a time zone.

    `next_run_at` is the worker's claim column (see reports.digest): the next moment the digest is due,
    None while it is switched off.
    """

    workspace = models.OneToOneField(Workspace, on_delete=models.CASCADE, related_name="digest_schedule")
    enabled = models.BooleanField(_("send the weekly digest"), default=True)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS, default=0)
    time = models.TimeField(_("time"), default=dt.time(9, 0))
    time_zone = models.CharField(_("time zone"), max_length=64, default=_default_zone)  # the form offers TIME_ZONES
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("digest schedule")

    def __str__(self) -> str:
        return f"digest of {self.workspace_id}: {self.weekday} {self.time:%H:%M} {self.time_zone}"

    def next_run_after(self, moment: dt.datetime) -> dt.datetime:
        """The first chosen weekday and time strictly after `moment`, in the schedule's zone (as an aware time)."""
        zone = ZoneInfo(self.time_zone)
        local = moment.astimezone(zone)
        day = local.date() + dt.timedelta(days=(self.weekday - local.weekday()) % 7)
        candidate = dt.datetime.combine(day, self.time, tzinfo=zone)
        if candidate <= local:
            candidate = dt.datetime.combine(day + dt.timedelta(days=7), self.time, tzinfo=zone)
        return candidate.astimezone(dt.UTC)

    def plan(self, now: dt.datetime) -> None:
        """Set `next_run_at` from the choices (unsaved)."""
        self.next_run_at = self.next_run_after(now) if self.enabled else None
