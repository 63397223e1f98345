"""Template filters of the weekly review."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def money(amounts) -> str:
    """{"RUB": Decimal("1234.5"), "CNY": …} → "1 234,50 RUB · 20,00 CNY" ; "—" for none."""
    if not amounts:
        return "—"
    return " · ".join(f"{floatformat(amount, '2g')} {currency}" for currency, amount in amounts.items())


@register.filter
def amount_in(amounts, currency: str):
    """The amount of one currency, or None."""
    return (amounts or {}).get(currency)
