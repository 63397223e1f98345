"""The owner's page for the workspace's legal details, used by pre-trial claims."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sellerdesk.accounts.access import workspace_view
from sellerdesk.accounts.forms_legal import LegalDetailsForm


@workspace_view("manage_members")
def workspace_legal(request):
    form = LegalDetailsForm(request.POST or None, instance=request.workspace)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Legal details saved. New claims will use them."))
        return redirect("workspace_legal", request.workspace.slug)
    return render(request, "accounts/legal.html", {"form": form})
