"""Who the token speaks for, and the team: member ids are what `responsible` takes."""

from __future__ import annotations

from ninja import Router

from sellerdesk.accounts.models import Membership
from sellerdesk.api import schemas
from sellerdesk.api.access import member

router = Router(tags=["members"])


@router.get("/me", response=schemas.MeOut, summary="The member this token belongs to")
def me(request):
    return member(request)


@router.get("/members", response=list[schemas.MemberOut], summary="Members of the workspace")
def list_members(request):
    return Membership.objects.filter(workspace_id=member(request).workspace_id).select_related("user")
