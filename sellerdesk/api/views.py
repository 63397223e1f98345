"""The API tokens page: each member makes and revokes their own tokens.

Every member may, a viewer too: a token can do what its member's role allows and no more.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sellerdesk.accounts.access import workspace_view
from sellerdesk.api.models import ApiToken


class TokenForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("What is it for?"), max_length=100,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("e.g. nightly export to 1C")}),
    )


@workspace_view()
def tokens(request) -> HttpResponse:
    """List the member's tokens; on POST make one and show its key in this very answer, once.

    The key is rendered rather than redirected to, so it is never stored anywhere (not even in
    the session); the answer is marked uncacheable.
    """
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.issue(request.membership, form.cleaned_data["label"].strip())
        form = TokenForm()
    response = render(request, "api/tokens.html", {
        "form": form,
        "tokens": ApiToken.objects.filter(membership=request.membership),
        "new_key": new_key,
        "read_only": not request.membership.can_change_cases,
    })
    add_never_cache_headers(response)
    return response


@require_POST
@workspace_view()
def revoke(request, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, membership=request.membership)
    token.delete()
    messages.success(request, _("Token “%(label)s” revoked: programs using it are refused from now on.")
                     % {"label": token.label})
    return redirect("api_tokens", request.workspace.slug)
