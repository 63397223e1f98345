"""Bearer-token authentication: the token names a membership, and with it the workspace.

Endpoints therefore take no workspace in the path; everything they touch is scoped to
`request.auth.workspace`. A token of a removed member is gone with the membership (cascade),
and a deactivated person's token stops working at once.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import HttpBearer

from sellerdesk.accounts.models import Membership
from sellerdesk.api.models import TOKEN_PREFIX, ApiToken, hash_token

# Writing last_used_at on every call would turn each read into a write; once a minute is enough
# to tell a member which of their tokens is still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Membership | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        found = (
            ApiToken.objects.select_related("membership__workspace", "membership__user__profile")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if found is None or not found.membership.user.is_active:
            return None
        _touch(found)
        membership = found.membership
        request.membership = membership
        request.workspace = membership.workspace
        _use_profile_language(request, membership)
        return membership


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def _use_profile_language(request: HttpRequest, membership: Membership) -> None:
    """Answer in the member's chosen language unless the client asked for one (Accept-Language)."""
    profile = getattr(membership.user, "profile", None)
    if profile is not None and profile.language and "Accept-Language" not in request.headers:
        translation.activate(profile.language)
        request.LANGUAGE_CODE = profile.language
