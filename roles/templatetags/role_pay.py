"""``{% card_median role as median %}``: a role card's median with what it is and where it came from."""

from __future__ import annotations

from django import template

from roles.presenters.medians import card_median as present_card_median

register = template.Library()


@register.simple_tag
def card_median(role):
    return present_card_median(role)
