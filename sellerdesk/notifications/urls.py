"""Notifications pages, under /w/<slug>/notifications/ (owner: B)."""

urlpatterns: list = []
