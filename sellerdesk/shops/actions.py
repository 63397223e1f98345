"""Changes to a workspace's shops."""

from __future__ import annotations

from sellerdesk.shops.models import CustomPlatform, Shop


def save_shop(form) -> Shop:
    """Save a validated ShopForm; existing cases keep pointing at the shop."""
    shop = form.save()
    if "platform" in form.changed_data and shop.pk:
        shop.cases.update(platform=shop.platform)
    return shop


def add_platform(workspace, form) -> CustomPlatform:
    platform = form.save(commit=False)
    platform.workspace = workspace
    platform.save()
    return platform
