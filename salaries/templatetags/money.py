"""Money as a job seeker reads it: "$59,660", "€35,000–€55,000", "AUD 50,000–80,000", "R$40,000".

Symbols are used only where they are unambiguous for the currency; others print their ISO code
once in front of the range, so "$" always means US dollars on this site.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()

# Prefix symbols, repeated on both ends of a range ("€35,000–€55,000").
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "BRL": "R$", "INR": "₹", "JPY": "¥"}
EN_DASH = "–"


def _number(value) -> str:
    return f"{round(Decimal(str(value))):,}"


def format_money(amount, currency: str = "USD") -> str:
    """One amount with its currency, or "" when there is none."""
    if amount is None or amount == "":
        return ""
    currency = (currency or "USD").upper()
    if currency in SYMBOLS:
        return f"{SYMBOLS[currency]}{_number(amount)}"
    return f"{currency} {_number(amount)}"


def format_money_range(low, high, currency: str = "USD", open_ended: bool = False) -> str:
    """A range such as "$37,000–$95,000", "AUD 50,000–80,000" or "$40,000+"."""
    currency = (currency or "USD").upper()
    plus = "+" if open_ended else ""
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        single = low if high is None else high
        return f"{format_money(single, currency)}{plus}"
    if currency in SYMBOLS:
        return f"{format_money(low, currency)}{EN_DASH}{format_money(high, currency)}{plus}"
    return f"{currency} {_number(low)}{EN_DASH}{_number(high)}{plus}"


@register.filter
def money(amount, currency="USD"):
    """{{ role.median_salary|money:role.median_salary_currency }} → "$59,660"."""
    return format_money(amount, currency)


@register.simple_tag
def money_range(low, high, currency="USD", open_ended=False):
    """{% money_range band.min band.max band.currency band.max_open_ended %} → "€35,000–€55,000"."""
    return format_money_range(low, high, currency, open_ended)


@register.simple_tag
def band_range(band):
    """A salary band's min–max range, or "" when it has neither."""
    return format_money_range(band.min, band.max, band.currency, band.max_open_ended)


@register.simple_tag
def band_usd_range(band):
    """The USD equivalent the source gave for a band in another currency, or ""."""
    if band.currency == "USD" or (band.usd_min is None and band.usd_max is None):
        return ""
    return format_money_range(band.usd_min, band.usd_max, "USD")
