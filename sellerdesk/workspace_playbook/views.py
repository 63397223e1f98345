"""The Playbook pages: what SellerDesk knows about each platform, and a workspace's edits of it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sellerdesk import playbook
from sellerdesk.accounts.access import workspace_view
from sellerdesk.playbook.books import shipped_text
from sellerdesk.workspace_playbook.actions import (
    PlaybookRejected,
    book_for,
    effective,
    kind_clocks_for,
    reset_override,
    save_override,
)
from sellerdesk.workspace_playbook.models import PlaybookOverride
from sellerdesk.workspace_playbook.present import platform_rows, problem_lines, sections


def _platform_or_404(workspace, code: str) -> None:
    if code not in playbook.platforms() and not workspace.custom_platforms.filter(code=code).exists():
        raise Http404("No such platform")


@require_safe
@workspace_view("view")
def index(request):
    overrides = PlaybookOverride.objects.filter(workspace=request.workspace).select_related("updated_by")
    return render(request, "workspace_playbook/index.html", {
        "platforms": platform_rows(request.workspace, {o.platform: o for o in overrides}),
        "can_edit": request.membership.can("edit_playbook"),
    })


@require_safe
@workspace_view("view")
def platform(request, code: str):
    _platform_or_404(request.workspace, code)
    book = book_for(request.workspace, code)
    return render(request, "workspace_playbook/platform.html", {
        "book": book, **sections(book, kind_clocks_for(request.workspace, code)),
        "current": effective(request.workspace, code),
        "can_edit": request.membership.can("edit_playbook"),
    })


@workspace_view("edit_playbook")
def edit(request, code: str):
    _platform_or_404(request.workspace, code)
    current = effective(request.workspace, code)
    text, problems = current.text, []
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            save_override(request.workspace, request.user, code, text)
        except PlaybookRejected as rejected:
            problems = problem_lines(rejected.problems, text)
        else:
            messages.success(request, _("Playbook saved."))
            return redirect("playbook_platform", request.workspace.slug, code)
    return render(request, "workspace_playbook/edit.html", {
        "book": book_for(request.workspace, code), "text": text, "problems": problems, "current": current,
        "shipped": shipped_text(code) if current.overridden else "",
    }, status=400 if problems else 200)


@require_POST
@workspace_view("edit_playbook")
def reset(request, code: str):
    _platform_or_404(request.workspace, code)
    if reset_override(request.workspace, request.user, code):
        messages.success(request, _("The playbook is back to the shipped version."))
    return redirect("playbook_platform", request.workspace.slug, code)
