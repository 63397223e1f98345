"""Changes to workspaces and their teams. Views and commands call these, never the models directly."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Invite, Membership, Workspace
from sellerdesk.accounts.roles import Role
from sellerdesk.cases.actions import ActionError
from sellerdesk.knowledge.actions import seed_starter_articles


def create_workspace(name: str, slug: str, owner_user: User) -> Workspace:
    """A new workspace with `owner_user` as its owner."""
    if not name.strip():
        raise ActionError(_("A workspace needs a name."), "name")
    try:
        validate_slug(slug)
    except ValidationError:
        raise ActionError(_("The address may contain only Latin letters, digits, hyphens and underscores."),
                          "slug") from None
    taken = ActionError(_("The address “%(slug)s” is taken.") % {"slug": slug}, "slug")
    if Workspace.objects.filter(slug=slug).exists():
        raise taken
    try:
        with transaction.atomic():
            workspace = Workspace.objects.create(name=name.strip(), slug=slug)
            Membership.objects.create(workspace=workspace, user=owner_user, role=Role.OWNER)
            seed_starter_articles(workspace)
    except IntegrityError:  # somebody took the address a moment ago
        raise taken from None
    return workspace


def _owners(workspace: Workspace):
    return Membership.objects.filter(workspace=workspace, role=Role.OWNER)


@transaction.atomic
def change_role(member: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ActionError(_("Unknown role."), "role")
    member = Membership.objects.select_for_update().get(pk=member.pk)
    if member.role == Role.OWNER and role != Role.OWNER and _owners(member.workspace).count() == 1:
        raise ActionError(_("A workspace must keep at least one owner."), "role")
    member.role = role
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_member(member: Membership) -> None:
    """Take a person out of the workspace. Their cases stay, with nobody responsible."""
    member = Membership.objects.select_for_update().get(pk=member.pk)
    if member.role == Role.OWNER and _owners(member.workspace).count() == 1:
        raise ActionError(_("A workspace must keep at least one owner."))
    member.delete()


def create_invite(workspace: Workspace, by: Membership, role: str) -> Invite:
    if role not in Role.values:
        raise ActionError(_("Unknown role."), "role")
    return Invite.objects.create(workspace=workspace, role=role, created_by=by)


@transaction.atomic
def accept_invite(invite: Invite, user: User) -> Membership:
    invite = Invite.objects.select_for_update().get(pk=invite.pk)
    if not invite.is_usable:
        raise ActionError(_("This invitation has expired or was already used."))
    membership, created = Membership.objects.get_or_create(
        workspace=invite.workspace, user=user, defaults={"role": invite.role}
    )
    if not created:
        raise ActionError(_("You are already a member of this workspace."))
    invite.accepted_by = user
    invite.accepted_at = timezone.now()
    invite.save(update_fields=["accepted_by", "accepted_at"])
    return membership
