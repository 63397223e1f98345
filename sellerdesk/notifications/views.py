"""Placeholder: its owner fills it in (see /work/notes/issue4.md)."""


def deliveries_panel(request, case):
    return None
