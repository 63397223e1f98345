"""Panels of the case page (see cases/panels.py)."""


def documents(request, case):  # owner: documents (F)
    return None
