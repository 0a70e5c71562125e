"""``{% official_pay role %}``: the official national figures (BLS OEWS) in a role page's #salary section,
with the "Pay where you live" choice of state or metro area. Two queries: the national figures, and the
names of the areas with figures (names only: the figures of 500-odd areas cost a cold page 100 ms and
more to load, for a list of names)."""

from __future__ import annotations

from django import template

from salaries.wages.models import Area, Wage
from salaries.wages.presenters import WageFigures

register = template.Library()


@register.inclusion_tag("salaries/includes/official_pay.html")
def official_pay(role):
    if not role.soc_code:
        return {"role": role, "national": None}
    wages = Wage.objects.for_code(role.soc_code)
    national = wages.filter(area__kind=Area.NATIONAL).first()
    states, metros = [], []
    areas = (
        wages.exclude(area__kind=Area.NATIONAL)
        .order_by("area__name")
        .values_list("area__kind", "area__slug", "area__name")
    )
    for kind, slug, name in areas:
        (states if kind == Area.STATE else metros).append({"slug": slug, "name": name})
    return {"role": role, "national": national and WageFigures(national), "states": states, "metros": metros}
