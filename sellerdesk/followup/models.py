from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.models import Case


class AgreementSource(models.TextChoices):
    REPLY = "reply", _("Support's written reply")
    PHONE = "phone", _("Phone call")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")


class AgreementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(fulfilled_at__isnull=True, broken_at__isnull=True)

    def past_due(self, now=None):
        """Open promises whose date has passed, on cases still alive: what the weekly review lists as "promises
        past due" (a resolved or closed case has nothing left to chase)."""
        return self.open().filter(due_at__lt=now or timezone.now()).exclude(
            case__status__in=("resolved", "closed"))


class Agreement(models.Model):
    """Something support promised: in a written reply, or by phone or chat (then it needs a written confirmation).

    `next_alert_at` is the worker's claim column: the earliest reminder still owed (the promised date passing,
    or no written confirmation within the wait), recomputed by every action that changes the agreement.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    source = models.CharField(_("where it was agreed"), max_length=10, choices=AgreementSource.choices)
    counterpart = models.CharField(_("who promised"), max_length=200, blank=True)
    made_at = models.DateTimeField(_("when"))
    promise = models.TextField(_("what was promised"))
    due_at = models.DateTimeField(_("promised by"), null=True, blank=True)
    confirmation_requested_at = models.DateTimeField(_("confirmation requested"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed in writing"), null=True, blank=True)
    confirmation_text = models.TextField(_("written confirmation"), blank=True)
    ticket_number = models.CharField(_("ticket number"), max_length=100, blank=True)
    fulfilled_at = models.DateTimeField(_("fulfilled"), null=True, blank=True)
    broken_at = models.DateTimeField(_("broken"), null=True, blank=True)
    # Reminders already sent, so that each is sent once; cleared when its date moves.
    due_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmation_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_alert_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    created_by = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        ordering = ["made_at", "id"]
        indexes = [models.Index(fields=["workspace", "due_at"], name="agreement_ws_due")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.promise[:60]}"

    @property
    def is_open(self) -> bool:
        return self.fulfilled_at is None and self.broken_at is None

    @property
    def is_past_due(self) -> bool:
        return bool(self.is_open and self.due_at and self.due_at < timezone.now())

    @property
    def needs_confirmation(self) -> bool:
        """Agreed by phone or chat and not yet confirmed in writing."""
        return self.source != AgreementSource.REPLY and self.confirmed_at is None and self.is_open

    @property
    def state(self) -> str:
        if self.fulfilled_at:
            return "fulfilled"
        if self.broken_at:
            return "broken"
        if self.is_past_due:
            return "past_due"
        return "open"
