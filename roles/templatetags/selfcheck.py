"""{% skills_selfcheck role %} and {% compare_with role %}: the role page's self-check form and compare link."""

from __future__ import annotations

from django import template

from roles.presenters.selfcheck import selfcheck_lists

register = template.Library()


@register.inclusion_tag("roles/includes/selfcheck.html")
def skills_selfcheck(role):
    """Checkboxes for the role's skills and certifications and the next level's (at most one query)."""
    return {"role": role, **selfcheck_lists(role)}


@register.inclusion_tag("roles/includes/compare_with.html")
def compare_with(role):
    """A link into /compare/ with this role chosen (no query: the picker there lists the others)."""
    return {"role": role}
