"""``{% official_pay role %}``: the official national figures (BLS OEWS) in a role page's #salary section,
with the "Pay where you live" choice of state or metro area. One query: the occupation's rows in every area."""

from __future__ import annotations

from django import template

from salaries.wages.models import Area, Wage
from salaries.wages.presenters import WageFigures

register = template.Library()


@register.inclusion_tag("salaries/includes/official_pay.html")
def official_pay(role):
    if not role.soc_code:
        return {"role": role, "national": None}
    national, states, metros = None, [], []
    for wage in Wage.objects.for_code(role.soc_code).order_by("area__name"):
        if wage.area.kind == Area.NATIONAL:
            national = WageFigures(wage)
        else:
            (states if wage.area.kind == Area.STATE else metros).append(wage.area)
    return {"role": role, "national": national, "states": states, "metros": metros}
