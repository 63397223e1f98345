"""What SellerDesk tells a member (Notification), how the member wants to hear it (NotificationSettings)
and each e-mail or Telegram send with its retries (Delivery)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Membership, Profile, Workspace
from sellerdesk.accounts.roles import Role

# Who gets the weekly review digest until they choose (reports.digest sends it to them when they have no settings).
DIGEST_BY_DEFAULT = (Role.OWNER, Role.MANAGER)


class Notification(models.Model):
    """One thing a member is told in the app (the bell). `key` names the due item it is about,
    so the same reminder is never recorded twice for the same member."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(max_length=200)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        constraints = [models.UniqueConstraint(fields=["member", "key"], name="one_notification_per_key")]
        indexes = [models.Index(fields=["member", "read_at"])]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    TELEGRAM = "telegram", _("Telegram")


class NotificationSettings(models.Model):
    """A member's channels and quiet hours in one workspace. In-app notifications are always on."""

    member = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="notification_settings")
    email = models.BooleanField(_("by e-mail"), default=True)
    telegram = models.BooleanField(_("by Telegram"), default=False)
    telegram_chat_id = models.CharField(_("Telegram chat id"), max_length=64, blank=True)
    quiet_from = models.TimeField(_("quiet from"), null=True, blank=True)
    quiet_to = models.TimeField(_("quiet until"), null=True, blank=True)
    digest = models.BooleanField(_("weekly review digest"), default=False)

    class Meta:
        verbose_name = _("notification settings")

    def __str__(self) -> str:
        return f"notification settings of {self.member}"

    @classmethod
    def _defaults(cls, member: Membership) -> dict:
        return {"email": bool(member.user.email), "digest": member.role in DIGEST_BY_DEFAULT}

    @classmethod
    def of(cls, member: Membership) -> NotificationSettings:
        """The member's settings, created with the defaults on first use (the settings page)."""
        found, _created = cls.objects.get_or_create(member=member, defaults=cls._defaults(member))
        return found

    @classmethod
    def read(cls, member: Membership) -> NotificationSettings:
        """The member's settings for sending: the saved row, or the defaults unsaved. Workers read, never
        create: two workers creating the same member's row inside their batches would lock each other."""
        return cls.objects.filter(member=member).first() or cls(member=member, **cls._defaults(member))

    def channels(self) -> list[str]:
        """The channels a notification goes out by now (each needs its address)."""
        chosen = []
        if self.email and self.member.user.email:
            chosen.append(Channel.EMAIL)
        if self.telegram and self.telegram_chat_id and settings.TELEGRAM_BOT_TOKEN:
            chosen.append(Channel.TELEGRAM)
        return chosen

    def zone(self) -> zoneinfo.ZoneInfo:
        profile = Profile.objects.filter(user_id=self.member.user_id).first()
        return zoneinfo.ZoneInfo((profile and profile.time_zone) or settings.DISPLAY_TIME_ZONE)

    def outside_quiet_hours(self, when: datetime) -> datetime:
        """`when`, or the end of the quiet period it falls in (quiet hours are in the member's zone)."""
        start, end = self.quiet_from, self.quiet_to
        if start is None or end is None or start == end:
            return when
        local = when.astimezone(self.zone())
        now = local.time()
        quiet = start <= now < end if start < end else (now >= start or now < end)
        if not quiet:
            return when
        day = local.date() if now < end else local.date() + timedelta(days=1)
        return datetime.combine(day, end, tzinfo=local.tzinfo).astimezone(when.tzinfo)


class Delivery(models.Model):
    """One e-mail or Telegram send of a notification. Pending ones of the same member and channel
    that fall due together go out as one message."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the worker takes it next: due, leased by a worker while it sends, or None when done.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.channel} to {self.member}: {self.status}"

