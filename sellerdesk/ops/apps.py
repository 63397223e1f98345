from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running and keeping SellerDesk: serve, backup, restore, workspace creation."""

    name = "sellerdesk.ops"
    label = "ops"
