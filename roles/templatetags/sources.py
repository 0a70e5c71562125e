"""``{{ source|source_name }}``: a source document as a reader names it, its title and kind, never its stored
file name ("the <cite>Customer Support Specialist</cite> job description", "the <cite>Complete … Career
Guide</cite> <span class="text-nowrap">(career guide)</span>"). A filter, not an ``{% include %}``: the role
page names a source under most of its sections, and an include's context and lookups per section cost more
than the few words it writes."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def source_name(source) -> str:
    if source.title_says_kind:
        return format_html('the <cite>{}</cite> <span class="text-nowrap">({})</span>', source.title, source.kind)
    return format_html("the <cite>{}</cite> {}", source.title, source.kind)
