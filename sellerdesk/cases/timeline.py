"""Turn stored events into lines a person reads: field labels, choice labels, old → new."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db.models import DecimalField
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from sellerdesk.cases.choices import EntityKind
from sellerdesk.cases.models import Case, CaseEvent

EXTRA_LABELS = {
    "entities": _("References"),
    "merged_into": _("Merged into"),
    "merged_from": _("Merged from"),
    "duplicate_of": _("Filed despite a live case"),
    "checks_overridden": _("Checks overridden"),
    "level": _("Escalation level"),
}
APPEAL_LABEL = _("Appeal: %(field)s")


@dataclass
class Change:
    label: str
    old: object
    new: object


def _label(field: str) -> str:
    if field in EXTRA_LABELS:
        return str(EXTRA_LABELS[field])
    if field.startswith("appeal."):
        return str(APPEAL_LABEL) % {"field": field.removeprefix("appeal.").replace("_", " ")}
    try:
        return str(Case._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field


def _value(field: str, value):
    if value in (None, "", []):
        return None
    if field == "entities" and isinstance(value, list):
        return ", ".join(_entity(str(v)) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    try:
        model_field = Case._meta.get_field(field)
    except FieldDoesNotExist:
        return value
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, DecimalField):
        try:
            return number_format(Decimal(str(value)), 2, force_grouping=True)
        except InvalidOperation:
            return value
    if field == "deadline" and isinstance(value, str):
        moment = parse_datetime(value)
        return date_format(localtime(moment), "d.m.Y H:i") if moment else value
    return value


def _entity(stored: str) -> str:
    """History keeps references as "supply:24815162"; people read "Поставка 24815162" in their language."""
    kind, _sep, number = stored.partition(":")
    return f"{EntityKind(kind).label} {number}" if kind in EntityKind.values else stored


def describe_events(events) -> list[tuple[CaseEvent, list[Change]]]:
    lines = []
    for event in events:
        changes = [
            Change(_label(field), _value(field, pair[0]), _value(field, pair[1]))
            for field, pair in (event.changes or {}).items()
            if isinstance(pair, list) and len(pair) == 2
        ]
        lines.append((event, changes))
    return lines

