"""SellerDesk: a self-hosted workspace for appeals to marketplace support."""

__version__ = "0.1.0"
