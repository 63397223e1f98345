"""Panels of the case page (see cases/panels.py). Each returns (template, context) or None."""


def reply(request, case):  # owner: replies (D)
    return None


def escalation(request, case):  # owner: ladder (E)
    return None


def agreements(request, case):  # owner: replies (D)
    return None


def clocks(request, case):  # owner: clocks (A)
    return None
