"""Template side of roles.presenters.seo: ``{% role_jsonld role %}`` in a page's ``structured_data`` block."""

from django import template

from roles.presenters.seo import role_structured_data

register = template.Library()


@register.inclusion_tag("careerguide/includes/jsonld.html", takes_context=True)
def role_jsonld(context, role, extra_crumb_name="", extra_crumb_path=""):
    extra = (extra_crumb_name, extra_crumb_path) if extra_crumb_name else None
    return {"jsonld": role_structured_data(context["request"], role, extra_crumb=extra)}


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's one address: a view's ``canonical_url``, else this path without its query string."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request else ""
