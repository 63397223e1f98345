from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.choices import (
    CURRENCIES,
    Channel,
    EntityKind,
    EventKind,
    Kind,
    Outcome,
    Priority,
    Status,
)
from sellerdesk.shops.models import Shop

MONEY = {"max_digits": 14, "decimal_places": 2, "default": Decimal("0")}


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=playbook.lifecycle().open)

    def overdue(self, now=None):
        return self.open().filter(deadline__lt=now or timezone.now())


class Case(models.Model):
    """One problem brought to a marketplace's support: the unit of the journal."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="cases")
    number = models.CharField(_("number"), max_length=32, editable=False)
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="cases", verbose_name=_("shop"))
    platform = models.CharField(_("platform"), max_length=30, editable=False)  # copied from the shop
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    category = models.CharField(_("category"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.TICKET)
    external_number = models.CharField(_("external number"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    critical_reason = models.CharField(_("why critical"), max_length=300, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="RUB")
    money_at_risk = models.DecimalField(_("money at risk"), **MONEY)
    money_recovered = models.DecimalField(_("money recovered"), **MONEY)
    responsible = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="responsible_for",
        verbose_name=_("responsible"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("appeal text"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome details"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    # Words the journal search runs over: subject, body, numbers, entity references.
    search_text = models.TextField(blank=True, editable=False)
    # The appeal wizard's structured fields (who, where, when, steps, request…), kept to recompose the text.
    appeal = models.JSONField(default=dict, blank=True, editable=False)
    # SimHash of the description (analysis.similar) for the duplicate guard; None when too short.
    signature = models.BigIntegerField(null=True, blank=True, editable=False)
    # The last check's readiness score, 0–100; None until the text was checked.
    readiness = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Clocks (followup.clocks.recompute sets them from the status, the channel and the playbook):
    # support's first answer, support's next update, our own reaction; `deadline` is the earliest of them.
    first_answer_due = models.DateTimeField(_("first answer due"), null=True, blank=True, editable=False)
    update_due = models.DateTimeField(_("next update due"), null=True, blank=True, editable=False)
    follow_up_due = models.DateTimeField(_("our reaction due"), null=True, blank=True, editable=False)
    # Set while the case is "on us": the clocks stand still, and the time they stood is added on resuming.
    clock_paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    paused_seconds = models.PositiveIntegerField(default=0, editable=False)
    # When the worker next has to remind somebody of this case (its claim column); None when nothing is due.
    next_alert_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    # The escalation ladder's level reached (0 = none yet).
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        constraints = [models.UniqueConstraint(fields=["workspace", "number"], name="unique_case_number")]
        indexes = [
            models.Index(fields=["workspace", "updated_at"], name="case_ws_updated"),
            models.Index(fields=["workspace", "status", "updated_at"], name="case_ws_status"),
            models.Index(fields=["workspace", "deadline"], name="case_ws_deadline"),
            models.Index(fields=["workspace", "external_number"], name="case_ws_external"),
            models.Index(fields=["shop", "updated_at"], name="case_shop"),
            models.Index(fields=["shop", "kind", "status"], name="case_shop_kind_status"),
            models.Index(fields=["responsible", "updated_at"], name="case_responsible"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in playbook.lifecycle().open

    @property
    def is_overdue(self) -> bool:
        return bool(self.deadline and self.is_open and self.deadline < timezone.now())

    @property
    def next_statuses(self) -> list[str]:
        return list(playbook.lifecycle().transitions.get(self.status, ()))

    @property
    def evidence_folder(self) -> str:
        return self.number


class EntityRef(models.Model):
    """An identifier the case is about (order, supply, posting, nmID…), searchable exactly."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entities")
    kind = models.CharField(_("type"), max_length=20, choices=EntityKind.choices)
    value = models.CharField(_("value"), max_length=120)

    class Meta:
        indexes = [models.Index(fields=["workspace", "value"], name="entity_ws_value")]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "value"], name="unique_entity_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class CaseEvent(models.Model):
    """One line of a case's history: a change, a message, a call or a note. Never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)  # kept when the member leaves
    created_at = models.DateTimeField(default=timezone.now, db_index=False)
    occurred_at = models.DateTimeField(default=timezone.now)  # a call logged later happened earlier
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    # {"field": [old, new], …} for changes; free data for other kinds.
    changes = models.JSONField(default=dict, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["case", "occurred_at"], name="event_case_time")]
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"{instance.case.evidence_folder}/{filename}"


class Evidence(models.Model):
    """A file attached to a case, kept in the case's own folder."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        ordering = ["uploaded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "sha256"], name="unique_evidence_per_case")]

    def __str__(self) -> str:
        return self.original_name
