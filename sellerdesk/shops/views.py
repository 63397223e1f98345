from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.access import workspace_view
from sellerdesk.shops.actions import add_platform, save_shop
from sellerdesk.shops.forms import CustomPlatformForm, ShopForm
from sellerdesk.shops.models import Shop


@workspace_view("view", write_methods_need="manage_shops")
def shops(request):
    platform_form = CustomPlatformForm(request.POST or None)
    if request.method == "POST" and platform_form.is_valid():
        if platform_form.cleaned_data["code"] in playbook.platforms():
            platform_form.add_error("code", _("This code belongs to a built-in platform."))
        elif request.workspace.custom_platforms.filter(code=platform_form.cleaned_data["code"]).exists():
            platform_form.add_error("code", _("This platform already exists."))
        else:
            add_platform(request.workspace, platform_form)
            messages.success(request, _("Platform added."))
            return redirect("shops", request.workspace.slug)
    rows = request.workspace.shops.annotate(
        open_cases=Count("cases", filter=Q(cases__status__in=playbook.lifecycle().open))
    )
    return render(request, "shops/shops.html", {
        "shops": rows, "platform_form": platform_form, "custom_platforms": request.workspace.custom_platforms.all(),
    })


@workspace_view("manage_shops")
def shop_edit(request, pk: int | None = None):
    shop = get_object_or_404(Shop, pk=pk, workspace=request.workspace) if pk else None
    form = ShopForm(request.POST or None, instance=shop, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        save_shop(form)
        messages.success(request, _("Shop saved."))
        return redirect("shops", request.workspace.slug)
    return render(request, "shops/shop_form.html", {"form": form, "shop": shop})
