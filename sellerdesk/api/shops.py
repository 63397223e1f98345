"""Shops of the workspace. Writes need the `manage_shops` permission and go through the same form
and action as the shop page, so the API checks exactly what the page checks (INN, platform, one
name per platform)."""

from __future__ import annotations

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from sellerdesk.api import schemas
from sellerdesk.api.access import form_error, member, plain_changes
from sellerdesk.shops.actions import save_shop
from sellerdesk.shops.forms import ShopForm
from sellerdesk.shops.models import Shop

router = Router(tags=["shops"])

ERRORS = {400: schemas.Error, 403: schemas.Error, 404: schemas.Error}
TEXT_FIELDS = ("cabinet_id", "inn", "legal_name", "contact_email", "contact_phone")


def _save(form: ShopForm) -> Shop:
    if not form.is_valid():
        raise form_error(form)
    return save_shop(form)


@router.get("", response=list[schemas.ShopOut], summary="List shops")
def list_shops(request):
    return Shop.objects.filter(workspace_id=member(request).workspace_id)


@router.post("", response={201: schemas.ShopOut, **ERRORS}, summary="Add a shop")
def create_shop(request, payload: schemas.ShopIn):
    membership = member(request, "manage_shops")
    data = plain_changes(payload.model_dump(), text_fields=TEXT_FIELDS)
    return Status(201, _save(ShopForm(data, workspace=membership.workspace)))


@router.patch("/{int:shop_id}", response={200: schemas.ShopOut, **ERRORS}, summary="Change a shop")
def update_shop(request, shop_id: int, payload: schemas.ShopPatch):
    """Only the fields sent change; the others keep their values."""
    membership = member(request, "manage_shops")
    shop = get_object_or_404(Shop, workspace=membership.workspace, pk=shop_id)
    data = model_to_dict(shop, fields=ShopForm.Meta.fields)
    data.update(plain_changes(payload.model_dump(exclude_unset=True), text_fields=TEXT_FIELDS))
    return _save(ShopForm(data, instance=shop, workspace=membership.workspace))
