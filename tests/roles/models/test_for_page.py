"""``Role.objects.for_page()``: the sections and short content lists it reads in one query are the rows the
ORM loads, field for field (types included), in the same order, with their source documents."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import DocumentFact, EducationPath, Role, SourceDocument
from roles.models.role_page import CONTENT_LISTS

pytestmark = pytest.mark.usefixtures("catalog")

TSS = "technical-support-specialist"


def columns(row) -> list:
    # repr: Decimal("2.0") and Decimal("2") are equal but render differently; 1 and True too.
    return [(field.attname, repr(getattr(row, field.attname))) for field in type(row)._meta.concrete_fields]


def test_every_list_holds_what_the_orm_loads_field_for_field(django_assert_num_queries):
    role = Role.objects.get(slug=TSS)
    # Values JSON cannot carry as they are: decimals of the column's scale (2.0, not 2), booleans both ways.
    document = SourceDocument.objects.first()
    EducationPath.objects.create(
        role=role, name="Whole", duration_min=Decimal("2.0"), duration_max=Decimal("3.5"), cost_open_ended=True
    )
    EducationPath.objects.create(role=role, name="Empty", source=document, source_section="Ünïcode “quoted”\n")
    # A fact an editor hid is not shown: the one query leaves out what DocumentFact.objects leaves out.
    DocumentFact.objects.create(role=role, kind=DocumentFact.CONTRAST, title="Shown", median=50_000, order=1)
    DocumentFact.objects.create(role=role, kind=DocumentFact.CONTRAST, title="Hidden", median=1, hidden=True)
    (loaded,) = Role.objects.filter(slug=TSS).for_page()
    for name, model in CONTENT_LISTS.items():
        expected = list(model.objects.filter(role=role))
        got = getattr(loaded.page_content, name)
        assert [columns(row) for row in got] == [columns(row) for row in expected], name
        with django_assert_num_queries(0):
            assert [row.source.pk for row in got if row.source_id] == [row.source_id for row in got if row.source_id]
    assert len(loaded.page_content.education_paths) >= 2
    assert "Shown" in [fact.title for fact in loaded.page_content.document_facts]
    assert DocumentFact.all_objects.filter(role=role, title="Hidden").exists()


def test_roles_without_rows_get_empty_lists_and_the_query_count_stays():
    counts = []
    for slug in (TSS, "senior-technical-support-specialist"):
        with CaptureQueriesContext(connection) as queries:
            (loaded,) = Role.objects.filter(slug=slug).for_page()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    Role.objects.get(slug=TSS).faqs.all().delete()
    (loaded,) = Role.objects.filter(slug=TSS).for_page()
    assert loaded.page_content.faqs == []
