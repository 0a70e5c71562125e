"""{% career_map %}: the one career map of all roles, for any page (the career-paths page shows it)."""

from __future__ import annotations

from django import template

from roles.presenters.careermap import NODE_HEIGHT, NODE_WIDTH, build_career_map

register = template.Library()

# Arrow colours match the line colours in static/css/explore.css (markers cannot inherit them).
ARROW_COLOURS = [
    ("ladder", "#212529"),
    ("promotion", "#0b5ed7"),
    ("management", "#6f42c1"),
    ("engineering", "#146c43"),
    ("specialisation", "#9a4d00"),
    ("lateral", "#6c757d"),
    ("related", "#6c757d"),
]


@register.inclusion_tag("roles/includes/career_map.html")
def career_map(roles=None):
    """The map of ``roles`` (default: every role), in a fixed number of queries (see roles.presenters.careermap)."""
    return {
        "map": build_career_map(None if roles is None else [role.pk for role in roles]),
        "arrow_colours": ARROW_COLOURS,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
        "node_text_x": NODE_WIDTH // 2,
    }
