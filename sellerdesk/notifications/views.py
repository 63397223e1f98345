"""The bell's pages: a member's notifications and how they reach them; and the case page's panel of
reminders sent and sends that failed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellerdesk.accounts.access import workspace_view
from sellerdesk.notifications.delivery import SendError, send_test
from sellerdesk.notifications.forms import SettingsForm, TestForm
from sellerdesk.notifications.models import Channel, Notification, NotificationSettings

UNREAD_SHOWN = 200
READ_SHOWN = 50


@workspace_view()
def notification_list(request):
    mine = Notification.objects.filter(member=request.membership).select_related("case")
    return render(request, "notifications/list.html", {
        "unread": mine.filter(read_at=None).order_by("-created_at")[:UNREAD_SHOWN],
        "earlier": mine.exclude(read_at=None).order_by("-created_at")[:READ_SHOWN],
    })


@workspace_view()
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk, member=request.membership)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk, read_at=None).update(read_at=timezone.now())
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications", request.workspace.slug)


@require_POST
@workspace_view()
def read_all(request):
    Notification.objects.filter(member=request.membership, read_at=None).update(read_at=timezone.now())
    return redirect("notifications", request.workspace.slug)


@workspace_view()
def notification_settings(request):
    prefs = NotificationSettings.of(request.membership)
    form = SettingsForm(request.POST or None, instance=prefs)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("notification_settings", request.workspace.slug)
    return render(request, "notifications/settings.html", {
        "form": form, "prefs": prefs, "email": request.user.email, "telegram_ready": bool(settings.TELEGRAM_BOT_TOKEN)})


@require_POST
@workspace_view()
def notification_test(request):
    form = TestForm(request.POST)
    if form.is_valid():
        channel = Channel(form.cleaned_data["channel"])
        try:
            send_test(NotificationSettings.of(request.membership), channel)
        except SendError as exc:
            messages.error(request, _("The test message by %(channel)s was not sent: %(error)s")
                           % {"channel": channel.label, "error": exc})
        else:
            messages.success(request, _("A test message was sent by %(channel)s.") % {"channel": channel.label})
    return redirect("notification_settings", request.workspace.slug)


def deliveries_panel(request, case):
    """The reminders sent about this case, with each e-mail/Telegram send and why one failed."""
    sent = list(Notification.objects.filter(case=case).select_related("member__user")
                .prefetch_related("deliveries").order_by("-created_at")[:30])
    if not sent:
        return None
    return "notifications/_deliveries.html", {"case_notifications": sent}
