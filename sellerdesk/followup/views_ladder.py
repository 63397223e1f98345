"""Placeholder: its owner fills it in (see /work/notes/issue4.md)."""


def escalation_panel(request, case):
    return None
