"""``{% official_pay role %}``: the official national figures (BLS OEWS) in a role page's #salary section,
with the "Pay where you live" choice of state or metro area. Two queries: the national figures, and the
names of the areas with figures (names only: the figures of 500-odd areas cost a cold page 100 ms and
more to load, for a list of names).

The 500-odd ``<option>`` lines are joined here, not looped over in the template: two variable nodes per
area were half the template nodes of a role page. Each slug and name is escaped as autoescaping would
(``html.escape`` with quotes, as ``django.utils.html.escape`` does, without its per-call wrapper)."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe

from salaries.wages.models import Area, Wage
from salaries.wages.presenters import WageFigures

register = template.Library()


def area_options(areas) -> str:
    """The ``<option>`` lines of (slug, name) pairs, escaped, as one safe string."""
    options = [f'<option value="{escape(slug)}">{escape(name)}</option>' for slug, name in areas]
    return mark_safe("".join(options))  # noqa: S308 - every slug and name was escaped above


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
        (states if kind == Area.STATE else metros).append((slug, name))
    return {
        "role": role,
        "national": national and WageFigures(national),
        "state_options": area_options(states),
        "metro_options": area_options(metros),
    }
