"""Placeholder: its owner fills it in (see /work/notes/issue4.md)."""


def reply_panel(request, case):
    return None


def agreements_panel(request, case):
    return None
