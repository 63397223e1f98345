"""The only way views load workspace objects for a person: membership first, then the object.

An object of a workspace the person is not a member of is a 404, never a 403, so that nothing
tells an outsider it exists. A member whose role lacks a permission gets a 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sellerdesk.accounts.models import Membership


def get_membership(user, slug: str) -> Membership:
    try:
        return Membership.objects.select_related("workspace", "user").get(workspace__slug=slug, user=user)
    except Membership.DoesNotExist:
        raise Http404("No such workspace") from None


def require(membership: Membership, permission: str) -> None:
    if not membership.can(permission):
        raise PermissionDenied


def workspace_view(permission: str = "view", *, write_methods_need: str | None = None):
    """Decorate a view taking `slug` first: resolve the membership, check the permission.

    `write_methods_need` names a permission that POST/PUT/DELETE additionally require, for views
    that show a page to everyone but change something on submit.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            membership = get_membership(request.user, slug)
            request.membership = membership
            request.workspace = membership.workspace
            require(membership, permission)
            if write_methods_need and request.method not in ("GET", "HEAD", "OPTIONS"):
                require(membership, write_methods_need)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
