"""generate_catalog: roles shaped like the Technical Support Specialist guide, the same for a seed."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from roles.models import Role, Tool
from roles.publishing.fixture_writer import CONTENT_MODELS

TEMPLATE_SLUG = "technical-support-specialist"
GENERATED = "generated-catalog.txt"
# Generated roles link only to each other through levels and related roles; moves are read from prose.
SHAPED = [label for label in CONTENT_MODELS if label != "roles.careermove"]


def _counts(role: Role) -> dict[str, int]:
    return {label: apps.get_model(label).objects.filter(role=role).count() for label in SHAPED}


def _snapshot() -> list[tuple]:
    """What a reader sees of every generated role, without database ids."""
    out = []
    for role in Role.objects.filter(source__file_name=GENERATED).order_by("slug"):
        out.append(
            (
                role.title,
                role.slug,
                role.category.name,
                role.median_salary,
                tuple(role.sections.order_by("order").values_list("heading", "body")),
                tuple(role.tools.order_by("order").values_list("name", "category")),
                tuple(role.faqs.order_by("order").values_list("question", "answer")),
                tuple(role.career_levels.order_by("order").values_list("title", "linked_role__slug")),
                tuple(role.salary_bands.order_by("order").values_list("label", "median")),
            )
        )
    return out


@pytest.mark.django_db
def test_every_generated_role_has_the_template_guides_shape(catalog):
    out = StringIO()
    call_command("generate_catalog", roles=9, seed=3, no_search_index=True, stdout=out)
    template = Role.objects.get(slug=TEMPLATE_SLUG)
    expected = _counts(template)
    assert expected["roles.section"] > 10 and expected["roles.faq"] > 3
    generated = list(Role.objects.filter(source__file_name=GENERATED))
    assert len(generated) == 9
    template_tools = list(template.tools.order_by("order").values_list("name", "category"))
    for role in generated:
        assert _counts(role) == expected, role.title
        # Text fields copy the template's text (a tool's category is text, not the role's category id).
        assert list(role.tools.order_by("order").values_list("name", "category")) == template_tools
    assert Tool.objects.filter(role__in=generated, category__regex=r"^\d+$").count() == 0
    # The phases bench/run.py reads from the summary line.
    assert "load " in out.getvalue() and "search index " in out.getvalue()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_catalog_and_a_rerun_replaces_it(catalog):
    call_command("generate_catalog", roles=8, seed=11, verbosity=0)
    first = _snapshot()
    call_command("generate_catalog", roles=8, seed=12, verbosity=0)
    other = _snapshot()
    call_command("generate_catalog", roles=8, seed=11, verbosity=0)
    again = _snapshot()
    assert len(first) == 8
    assert again == first
    assert other != first
    assert Role.objects.filter(source__file_name=GENERATED).count() == 8
