"""Access for API endpoints: the token's membership first, then the object within its workspace.

Same rule as the pages (sellerdesk.accounts.access): another workspace's object is a 404, a role
without the permission a 403.
"""

from __future__ import annotations

from enum import Enum

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from sellerdesk.accounts.access import require
from sellerdesk.accounts.models import Membership
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.models import Case


def member(request, permission: str = "view") -> Membership:
    """The membership the token stands for, after checking it may do `permission`."""
    membership: Membership = request.auth
    require(membership, permission)
    return membership


def get_case(membership: Membership, number: str) -> Case:
    cases = Case.objects.select_related("shop", "responsible__user", "merged_into")
    return get_object_or_404(cases, workspace_id=membership.workspace_id, number=number)


def plain_changes(data: dict, *, text_fields: tuple[str, ...], nullable: tuple[str, ...] = ()) -> dict:
    """Turn parsed JSON into model values: enum members to their codes, `null` in a text field to
    an empty text. `null` for a field that cannot be empty is refused."""
    result = {}
    for field, value in data.items():
        if isinstance(value, Enum):
            value = value.value
        if value is None and field in text_fields:
            value = ""
        elif value is None and field not in nullable:
            raise ActionError(_("This field cannot be empty."), field)
        result[field] = value
    return result


def form_error(form: forms.Form) -> ActionError:
    """The first problem of an invalid form (shared with the pages) as an API error."""
    field, errors = next(iter(form.errors.items()))
    return ActionError(str(errors[0]), None if field == NON_FIELD_ERRORS else field)
