"""Roles in a workspace and what each may do. The only place permissions are decided."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    ACCOUNTANT = "accountant", _("Accountant")
    LOGISTICIAN = "logistician", _("Logistician")
    VIEWER = "viewer", _("Viewer")


_EDITORS = frozenset({Role.OWNER, Role.MANAGER, Role.ACCOUNTANT, Role.LOGISTICIAN})

PERMISSIONS: dict[str, frozenset[str]] = {
    "view": frozenset(Role.values),
    "change_cases": _EDITORS,
    "import_cases": frozenset({Role.OWNER, Role.MANAGER}),
    "manage_shops": frozenset({Role.OWNER, Role.MANAGER}),
    "edit_playbook": frozenset({Role.OWNER, Role.MANAGER}),
    "manage_members": frozenset({Role.OWNER}),
    "override_checks": frozenset({Role.OWNER}),
}


def role_can(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]
