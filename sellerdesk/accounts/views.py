"""Signing in, workspaces, the team and personal settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sellerdesk.accounts import actions
from sellerdesk.accounts.access import workspace_view
from sellerdesk.accounts.forms import InviteForm, ProfileForm, RoleForm, SignUpForm, WorkspaceForm
from sellerdesk.accounts.models import Invite, Membership, Profile
from sellerdesk.cases.actions import ActionError


@login_required
def home(request):
    first = Membership.objects.filter(user=request.user).select_related("workspace").first()
    if first:
        return redirect("journal", first.workspace.slug)
    return redirect("workspace_new")


@login_required
def workspace_new(request):
    form = WorkspaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workspace = actions.create_workspace(form.cleaned_data["name"], form.cleaned_data["slug"], request.user)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            workspace.legal_name = form.cleaned_data["legal_name"]
            workspace.case_prefix = form.cleaned_data["case_prefix"]
            workspace.save(update_fields=["legal_name", "case_prefix"])
            messages.success(request, _("Workspace created. Add your shops next."))
            return redirect("shops", workspace.slug)
    return render(request, "accounts/workspace_new.html", {"form": form})


@workspace_view("view", write_methods_need="manage_members")
def members(request):
    invite_form = InviteForm(request.POST or None)
    if request.method == "POST" and invite_form.is_valid():
        actions.create_invite(request.workspace, request.membership, invite_form.cleaned_data["role"])
        messages.success(request, _("Invitation created: send the link to your colleague."))
        return redirect("members", request.workspace.slug)
    team = Membership.objects.filter(workspace=request.workspace).select_related("user")
    invites = Invite.objects.filter(workspace=request.workspace, accepted_at__isnull=True).order_by("-created_at")
    return render(request, "accounts/members.html", {
        "team": team, "invites": invites, "invite_form": invite_form, "role_form": RoleForm(),
        "invite_base": request.build_absolute_uri("/invite/"),
    })


def _member_of(request, pk: int) -> Membership:
    return get_object_or_404(Membership, pk=pk, workspace=request.workspace)


@require_POST
@workspace_view("manage_members")
def member_role(request, pk: int):
    member = _member_of(request, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            actions.change_role(member, form.cleaned_data["role"])
            messages.success(request, _("Role of %(name)s changed.") % {"name": member.display_name})
        except ActionError as exc:
            messages.error(request, exc.message)
    return redirect("members", request.workspace.slug)


@require_POST
@workspace_view("manage_members")
def member_remove(request, pk: int):
    member = _member_of(request, pk)
    try:
        actions.remove_member(member)
        messages.success(request, _("%(name)s was removed from the workspace.") % {"name": member.display_name})
    except ActionError as exc:
        messages.error(request, exc.message)
    if member.user_id == request.user.id:
        return redirect("home")
    return redirect("members", request.workspace.slug)


@require_POST
@workspace_view("manage_members")
def invite_revoke(request, pk: int):
    get_object_or_404(Invite, pk=pk, workspace=request.workspace, accepted_at__isnull=True).delete()
    messages.success(request, _("Invitation revoked."))
    return redirect("members", request.workspace.slug)


def invite_accept(request, token: str):
    invite = get_object_or_404(Invite.objects.select_related("workspace"), token=token)
    if not invite.is_usable:
        return render(request, "accounts/invite.html", {"invite": invite, "expired": True}, status=410)
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            return _join(request, invite, request.user)
    else:
        form = SignUpForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _join(request, invite, user)
    return render(request, "accounts/invite.html", {"invite": invite, "form": form})


def _join(request, invite: Invite, user):
    try:
        actions.accept_invite(invite, user)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("home")
    messages.success(request, _("Welcome to %(name)s.") % {"name": invite.workspace.name})
    return redirect("journal", invite.workspace.slug)


@login_required
def profile(request):
    instance, _created = Profile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        response = redirect("profile")
        if instance.language:
            translation.activate(instance.language)
            response.set_cookie("django_language", instance.language, samesite="Lax")
        messages.success(request, _("Settings saved."))
        return response
    return render(request, "accounts/profile.html", {"form": form})
