"""Sending queued e-mail and Telegram deliveries, grouped per member and channel, with retries.

A round (`process_due`) works in three steps so that no network call runs inside a transaction:

1. claim: through `followup.claim.process_due_rows`, every due pending delivery gets a lease (its
   `next_attempt_at` moves to `now + LEASE`) and one more attempt, and commits. Another worker skips
   it until the lease runs out;
2. send: the claimed rows of one member and channel go out as one message, outside any transaction;
3. record: sent, retry later (backoff) or failed, each update conditional on the lease still being
   ours, so a late worker never overwrites what another one recorded.

A sent delivery is never sent again. Only a worker killed between sending and recording leaves a
row that goes out once more when its lease runs out (at-least-once, rather than a lost reminder).
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from datetime import timedelta
from functools import cache
from time import monotonic

import httpx
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sellerdesk.accounts.models import Profile
from sellerdesk.followup.claim import process_due_rows
from sellerdesk.notifications.models import Channel, Delivery, Notification, NotificationSettings

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=15)
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 30, 120, 360)]  # waits before retries 1…5; then failed
TIMEOUT = 10  # seconds, for SMTP and the Bot API
TELEGRAM_LIMIT = 4096  # characters in one Telegram message


class SendError(Exception):
    """A send did not go through. `permanent`: retrying will not help; `retry_after`: the server's wait."""

    def __init__(self, message: str, *, permanent: bool = False, retry_after: timedelta | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


def process_due(now, *, limit: int = 1000) -> int:
    """Send what is due at `now`; return how many deliveries were taken."""
    lease = now + LEASE
    claimed: list[Delivery] = []

    def claim(delivery: Delivery, now) -> None:
        delivery.next_attempt_at = lease
        delivery.attempts += 1
        delivery.save(update_fields=["next_attempt_at", "attempts"])
        claimed.append(delivery)

    pending = (Delivery.objects.filter(status=Delivery.Status.PENDING)
               .select_related("notification", "member__user", "member__workspace"))
    process_due_rows(pending, "next_attempt_at", now, claim, limit=limit)
    by_recipient = defaultdict(list)
    for delivery in claimed:
        by_recipient[delivery.member_id, delivery.channel].append(delivery)
    groups = list(by_recipient.values())
    started = monotonic()
    for index, group in enumerate(groups):
        if monotonic() - started > LEASE.total_seconds() / 2:  # hand the rest back before our lease runs out
            rest = [d.pk for g in groups[index:] for d in g]
            Delivery.objects.filter(pk__in=rest, next_attempt_at=lease).update(
                next_attempt_at=now, attempts=F("attempts") - 1)
            break
        _send_group(group, now, lease)
    return len(claimed)


def _send_group(group: list[Delivery], now, lease) -> None:
    member = group[0].member
    prefs = NotificationSettings.read(member)
    prefs.member = member  # loaded with its user by the claim
    notifications = [d.notification for d in group]
    try:
        if group[0].channel not in prefs.channels():
            raise SendError(_("The member turned this channel off."), permanent=True)
        send(prefs, group[0].channel, notifications)
    except Exception as exc:  # a bug in one send must not stop the others; it is retried like a failure
        if not isinstance(exc, SendError):
            log.exception("sending %s to member %s broke", group[0].channel, member.pk)
            exc = SendError(f"{exc.__class__.__name__}: {exc}")
        log.warning("%s to member %s failed: %s", group[0].channel, member.pk, exc)
        for delivery in group:
            _record_failure(delivery, prefs, exc, now, lease)
    else:
        Delivery.objects.filter(pk__in=[d.pk for d in group], next_attempt_at=lease).update(
            status=Delivery.Status.SENT, sent_at=now, next_attempt_at=None, last_error="")


def _record_failure(delivery: Delivery, prefs, exc: SendError, now, lease) -> None:
    if exc.permanent or delivery.attempts > len(BACKOFF):
        status, next_at = Delivery.Status.FAILED, None
    else:
        retry = exc.retry_after or BACKOFF[delivery.attempts - 1]
        status, next_at = Delivery.Status.PENDING, prefs.outside_quiet_hours(now + retry)
    Delivery.objects.filter(pk=delivery.pk, next_attempt_at=lease).update(
        status=status, next_attempt_at=next_at, last_error=str(exc)[:2000])


def send_test(prefs: NotificationSettings, channel: str) -> None:
    """Send a test message by `channel` right now (the settings page's button). Raises SendError."""
    note = Notification(title=gettext_lazy("Test message"),
                        body=gettext_lazy("If you read this, SellerDesk reaches you here."),
                        url=reverse("notifications", args=[prefs.member.workspace.slug]))
    send(prefs, channel, [note])


# --- composing and sending one message ----------------------------------------------------------

def send(prefs: NotificationSettings, channel: str, notifications: list) -> None:
    """Send `notifications` to the member as one message by `channel`, in the member's language.
    Raises SendError."""
    profile = Profile.objects.filter(user_id=prefs.member.user_id).first()
    with translation.override((profile and profile.language) or settings.LANGUAGE_CODE):
        subject, text = compose(notifications)
        if channel == Channel.EMAIL:
            where = reverse("notification_settings", args=[prefs.member.workspace.slug])
            footer = _("Choose how SellerDesk notifies you: %(url)s") % {"url": f"{settings.SITE_URL}{where}"}
            send_email(prefs.member.user.email, subject, f"{text}\n\n-- \n{footer}")
        else:
            send_telegram(prefs.telegram_chat_id, f"{subject}\n\n{text}")


def compose(notifications: list) -> tuple[str, str]:
    if len(notifications) == 1:
        subject = _("SellerDesk: %(title)s") % {"title": " ".join(str(notifications[0].title).split())}
    else:
        count = len(notifications)
        subject = ngettext("SellerDesk: %(count)d notification", "SellerDesk: %(count)d notifications",
                           count) % {"count": count}
    parts = []
    for n in notifications:
        lines = [f"• {n.title}", n.body.strip(), f"{settings.SITE_URL}{n.url}" if n.url else ""]
        parts.append("\n".join(line for line in lines if line))
    return subject, "\n\n".join(parts)


def send_email(address: str, subject: str, text: str) -> None:
    if not address:
        raise SendError(_("The member has no e-mail address."), permanent=True)
    try:
        EmailMessage(subject, text, to=[address], connection=get_connection(timeout=TIMEOUT)).send()
    except smtplib.SMTPRecipientsRefused as exc:
        raise SendError(_("The mail server refused the address: %(error)s") % {"error": exc.recipients},
                        permanent=True) from exc
    except smtplib.SMTPResponseException as exc:
        message = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        raise SendError(f"SMTP {exc.smtp_code}: {message}", permanent=exc.smtp_code >= 500) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"SMTP: {exc}") from exc


@cache
def _http() -> httpx.Client:
    """One client for the process: its SSL context and connections are reused (it is thread-safe)."""
    return httpx.Client(timeout=TIMEOUT)


def send_telegram(chat_id: str, text: str) -> None:
    if not settings.TELEGRAM_BOT_TOKEN:
        raise SendError(_("No Telegram bot is set up (TELEGRAM_BOT_TOKEN)."), permanent=True)
    if not chat_id:
        raise SendError(_("No Telegram chat is linked."), permanent=True)
    url = f"{settings.TELEGRAM_API_URL}/bot{settings.TELEGRAM_BOT_TOKEN}/sendMessage"
    try:
        response = _http().post(url, json={"chat_id": chat_id, "text": text[:TELEGRAM_LIMIT]})
    except httpx.HTTPError as exc:  # the message may hold the URL, and the URL the token
        reason = str(exc).replace(settings.TELEGRAM_BOT_TOKEN, "…")
        raise SendError(f"Telegram: {exc.__class__.__name__}: {reason}") from exc
    if response.status_code == 200:
        return
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    error = f"Telegram {response.status_code}: {answer.get('description') or response.text[:200]}"
    if response.status_code == 429:
        wait = (answer.get("parameters") or {}).get("retry_after") or 60
        raise SendError(error, retry_after=timedelta(seconds=int(wait)))
    raise SendError(error, permanent=400 <= response.status_code < 500)
