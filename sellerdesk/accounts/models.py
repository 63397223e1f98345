from __future__ import annotations

import secrets
from datetime import timedelta
from zoneinfo import available_timezones

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.roles import Role, role_can


class Workspace(models.Model):
    """One seller business: its shops, cases and team."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    case_prefix = models.CharField(_("case number prefix"), max_length=8, default="SD")
    # Last case number handed out; incremented under a row lock (see cases.actions.next_case_number).
    case_counter = models.PositiveIntegerField(default=0, editable=False)
    legal_name = models.CharField(_("legal entity"), max_length=300, blank=True)
    # Legal details for formal documents (pre-trial claims); the owner fills them on the "Legal details" page.
    inn = models.CharField(_("INN"), max_length=12, blank=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, blank=True)
    legal_address = models.CharField(_("legal address"), max_length=400, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory's position"), max_length=200, blank=True)
    answer_email = models.EmailField(_("e-mail for answers"), blank=True)
    answer_phone = models.CharField(_("phone for answers"), max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("workspace")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MANAGER)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("member")
        constraints = [models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")]
        ordering = ["user__first_name", "user__username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.username

    def can(self, permission: str) -> bool:
        return role_can(self.role, permission)

    # For templates, which cannot pass arguments.
    @property
    def can_change_cases(self) -> bool:
        return self.can("change_cases")

    @property
    def can_import_cases(self) -> bool:
        return self.can("import_cases")

    @property
    def can_manage_shops(self) -> bool:
        return self.can("manage_shops")

    @property
    def can_override_checks(self) -> bool:
        return self.can("override_checks")

    @property
    def can_manage_members(self) -> bool:
        return self.can("manage_members")


def _invite_token() -> str:
    return secrets.token_urlsafe(24)


def _invite_expiry():
    return timezone.now() + timedelta(days=7)


class Invite(models.Model):
    """A one-time link that lets a person join a workspace with a given role."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invites")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MANAGER)
    token = models.CharField(max_length=64, unique=True, default=_invite_token, editable=False)
    created_by = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(default=_invite_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invite")

    def __str__(self) -> str:
        return f"invite to {self.workspace} as {self.role}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


TIME_ZONES = sorted(available_timezones())


class Profile(models.Model):
    """A person's own preferences: interface language and the time zone times are shown in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, choices=[(tz, tz) for tz in TIME_ZONES]
    )

    def __str__(self) -> str:
        return f"profile of {self.user}"
