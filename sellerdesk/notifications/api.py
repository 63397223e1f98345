"""How the rest of SellerDesk tells a member something.

`notify` is idempotent on (member, key): calling it twice for the same due item creates one
notification and sends at most one e-mail and one Telegram message for it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from sellerdesk.notifications.models import Delivery, Notification, NotificationSettings


def notify(member, *, key: str, kind: str, title: str, body: str = "", case=None, url: str = ""):
    """Record an in-app notification for `member` and queue its e-mail/Telegram sends per the
    member's choices (channels, quiet hours). Returns the Notification, or None when one with this
    key already exists. Must be called inside the caller's transaction: it only writes rows."""
    try:
        with transaction.atomic():  # a savepoint: a twin (a repeat, or a concurrent one) rolls back only this insert
            notification = Notification.objects.create(
                workspace_id=member.workspace_id, member=member, case=case, kind=kind, key=key,
                title=title[:300], body=body, url=url)
    except IntegrityError:
        return None
    prefs = NotificationSettings.read(member)
    due = prefs.outside_quiet_hours(timezone.now())
    Delivery.objects.bulk_create(
        Delivery(notification=notification, member=member, channel=channel, next_attempt_at=due)
        for channel in prefs.channels()
    )
    return notification
