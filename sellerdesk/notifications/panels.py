"""Panels of the case page (see cases/panels.py)."""


def deliveries(request, case):  # owner: notifications (B)
    return None
