"""The shipped fixture, loaded: a broad sample of the facts in the three source documents."""

from decimal import Decimal

import pytest

from roles.models import FAQ, CareerLevel, Figure, RelatedRole, Role, Section, SourceDocument
from salaries.models import SalaryBand

pytestmark = pytest.mark.usefixtures("catalog")

TSS = "technical-support-specialist"
SENIOR = "senior-technical-support-specialist"
CUSTOMER = "customer-support-specialist"


def test_three_roles_with_slugs_from_titles_in_one_category():
    roles = {r.slug: r for r in Role.objects.select_related("category")}
    assert set(roles) == {TSS, SENIOR, CUSTOMER}
    assert {r.category.name for r in roles.values()} == {"Information Technology"}
    assert roles[TSS].title == "Technical Support Specialist"


def test_key_facts_of_the_guide_are_numbers_with_sources():
    role = Role.objects.get(slug=TSS)
    assert role.median_salary == 59660
    assert role.median_salary_currency == "USD"
    assert role.median_salary_source == "U.S. Bureau of Labor Statistics"
    assert role.median_salary_year == 2023
    assert role.growth_percent == Decimal("5")
    assert (role.growth_period_start, role.growth_period_end) == (2022, 2032)
    assert role.annual_openings == 80000
    assert (role.experience_years_min, role.experience_years_max) == (2, 4)
    assert role.typical_education.startswith("Associate's degree or postsecondary certificate")
    assert set(role.certifications.filter(is_key=True).values_list("name", flat=True)) == {"CompTIA A+", "ITIL"}
    national = role.salary_bands.get(kind=SalaryBand.RANGE)
    assert (national.min, national.max, national.max_open_ended, national.currency) == (37000, 95000, True, "USD")


def test_key_facts_of_the_job_descriptions():
    senior = Role.objects.get(slug=SENIOR)
    assert (senior.experience_years_min, senior.experience_years_max) == (5, 8)
    assert senior.typical_education == "Bachelor's degree in CS, IS, or equivalent experience"
    assert list(senior.certifications.filter(is_key=True).values_list("name", flat=True)) == [
        "ITIL 4 Foundation",
        "ITIL 4 Managing Professional",
    ]
    assert senior.employer_types == [
        "Enterprise IT organizations",
        "SaaS companies",
        "Cloud service providers",
        "Platform-specific vendors",
    ]
    assert senior.ai_impact.startswith("Mixed")
    customer = Role.objects.get(slug=CUSTOMER)
    assert (customer.experience_years_min, customer.experience_years_max) == (1, 3)
    assert not customer.certifications.filter(is_key=True).exists()


@pytest.mark.parametrize(
    ("label", "median", "average"),
    [
        ("Junior Technical Support Specialist", 50000, 55000),
        ("Technical Support Specialist", 65000, 68000),
        ("Senior Technical Support Specialist", 80000, 85000),
        ("Technical Support Lead", 95000, 98000),
        ("Technical Support Manager", 110000, 115000),
        ("Director of Technical Support", 145000, 150000),
    ],
)
def test_every_row_of_the_salary_by_experience_table(label, median, average):
    band = SalaryBand.objects.get(role__slug=TSS, kind=SalaryBand.EXPERIENCE_LEVEL, label=label)
    assert (band.median, band.average, band.currency, band.region) == (median, average, "USD", "United States")
    assert band.career_level is not None and band.career_level.title == label
    assert band.source.file_name.startswith("000_")


@pytest.mark.parametrize(
    ("region", "currency", "low", "high", "usd_low", "usd_high"),
    [
        ("Canada", "CAD", 40000, 75000, 30000, 55000),
        ("Germany, United Kingdom", "EUR", 35000, 55000, 38000, 60000),
        ("Poland, Romania", "EUR", 15000, 30000, 16000, 33000),
        ("Australia", "AUD", 50000, 80000, 33000, 53000),
        ("Brazil", "BRL", 40000, 70000, 8000, 14000),
    ],
)
def test_global_salaries_in_local_currency_with_usd(region, currency, low, high, usd_low, usd_high):
    band = SalaryBand.objects.get(role__slug=TSS, kind=SalaryBand.REGIONAL, region=region)
    assert (band.currency, band.min, band.max, band.usd_min, band.usd_max) == (
        currency,
        low,
        high,
        usd_low,
        usd_high,
    )


def test_career_ladder_has_six_levels_with_years_and_links():
    levels = list(CareerLevel.objects.filter(role__slug=TSS).select_related("linked_role"))
    assert [(lvl.title, lvl.years_min, lvl.years_max) for lvl in levels] == [
        ("Junior Technical Support Specialist", 0, 2),
        ("Technical Support Specialist", 2, 4),
        ("Senior Technical Support Specialist", 4, 7),
        ("Technical Support Lead", 7, 10),
        ("Technical Support Manager", 10, 15),
        ("Director of Technical Support", 15, None),
    ]
    senior = levels[2]
    assert senior.linked_role.slug == SENIOR
    assert senior.description.startswith("Handle the most challenging")
    assert "Mentor junior team members and review their work." in senior.focus_area_list
    assert levels[0].linked_role is None


@pytest.mark.parametrize(
    ("slug", "questions"),
    [
        (
            TSS,
            [
                "Do I need a specific degree or certification to become a Technical Support Specialist?",
                "What are the typical salary expectations for an entry-level and experienced Technical Support "
                "Specialist?",
                "What is the typical work schedule and environment like for a Technical Support Specialist?",
                "Is the role of a Technical Support Specialist in high demand, and is it a secure career path?",
                "What are the most important soft skills and technical aptitudes required for this role?",
                "What are the typical career advancement opportunities for a Technical Support Specialist?",
                "What are the biggest challenges Technical Support Specialists face daily?",
            ],
        ),
        (
            SENIOR,
            [
                "What distinguishes a Senior Technical Support Specialist from a regular Support Specialist?",
                "What certifications are expected at the senior level?",
                "How much mentoring is expected in a senior role?",
                "Is the Senior Technical Support Specialist a path toward management or engineering?",
                "How is AI changing what senior support specialists do?",
            ],
        ),
        (
            CUSTOMER,
            [
                "What metrics do Customer Support Specialists get measured on?",
                "Is Customer Support Specialist different from Technical Support?",
                "Do Customer Support Specialists need coding or technical skills?",
                "What tools do Customer Support Specialists use most?",
                "What career paths open up after Customer Support Specialist?",
            ],
        ),
    ],
)
def test_every_faq_of_each_document_in_order(slug, questions):
    faqs = list(FAQ.objects.filter(role__slug=slug))
    assert [f.question for f in faqs] == questions
    assert all(len(f.answer) > 80 for f in faqs)


@pytest.mark.parametrize(
    ("title", "low", "high"),
    [
        ("Senior Technical Support Analyst", 70000, 108000),
        ("Service Desk Support Technician", 40000, 65000),
        ("Senior Systems Administrator", 90000, 138000),
        ("Software Implementation Specialist", 62000, 98000),
        ("DevOps IT Service Management (ITSM) Engineer", 95000, 140000),
        ("IT Compliance Manager", 95000, 155000),
    ],
)
def test_every_related_role_of_the_senior_page_with_its_range(title, low, high):
    related = RelatedRole.objects.get(role__slug=SENIOR, title=title)
    assert len(related.blurb) > 100
    band = related.salary_bands.get()
    assert (band.min, band.max, band.currency, band.kind) == (low, high, "USD", SalaryBand.RELATED_ROLE)


def test_guide_related_careers_without_chrome():
    titles = list(RelatedRole.objects.filter(role__slug=TSS).values_list("title", flat=True))
    assert titles == [
        "IT Support Specialist",
        "Support Specialist",
        "Technical Support",
        "Technical Support Agent",
        "Technical Support Representative",
    ]


def test_lists_of_the_guide():
    role = Role.objects.get(slug=TSS)
    assert role.duties.count() == 7
    assert role.skills.filter(kind="technical").count() == 12
    assert role.skills.filter(kind="soft").count() == 8
    assert role.steps.count() == 7
    assert role.pros_cons.filter(kind="pro").count() == 7
    assert role.pros_cons.filter(kind="con").count() == 7
    associate = role.education_paths.get(name__icontains="associate")
    assert (associate.cost_min, associate.cost_max, associate.duration_min, associate.duration_unit) == (
        5000,
        20000,
        Decimal("24"),
        "months",
    )
    bootcamp = role.education_paths.get(name__icontains="bootcamp")
    assert (bootcamp.duration_min, bootcamp.duration_max, bootcamp.duration_unit) == (12, 24, "weeks")


def test_sections_have_stable_anchors_and_provenance():
    anchors = set(Section.objects.filter(role__slug=TSS).values_list("anchor", flat=True))
    assert {"overview", "how-to-become", "education", "salary", "career-path", "faq", "related"} <= anchors
    assert {"diversity-inclusion", "global-opportunities", "remote-work", "visa", "market-reality"} <= anchors
    for slug in (SENIOR, CUSTOMER):
        assert (
            Section.objects.filter(role__slug=slug, anchor="cover-letter").get().body.startswith("Dear Hiring Manager,")
        )
    assert not Section.objects.filter(body__icontains="View examples").exists()
    assert not Section.objects.filter(body__icontains="Himalayas").exists()
    for section in Section.objects.select_related("source"):
        assert section.source is not None and section.source_section


def test_every_number_is_data_with_its_source():
    figures = Figure.objects.filter(role__slug=TSS)
    bootcamp = figures.get(kind="money", value_min=10000, value_max=20000, source_section="Education & Training")
    assert bootcamp.unit == "USD"
    assert "Bootcamps" in bootcamp.context
    assert figures.filter(kind="percent", value_min=6).exists()  # "about a 6% growth"
    assert figures.filter(kind="count", value_min=57600).exists()  # "approximately 57,600 new jobs"
    senior = Figure.objects.filter(role__slug=SENIOR)
    assert senior.filter(kind="percent", value_min=61).exists() and senior.filter(kind="percent", value_min=74).exists()


def test_source_documents_are_recorded_with_hashes():
    docs = {d.file_name: d for d in SourceDocument.objects.all()}
    assert set(docs) == {"000_0abef9bbc078f129.txt", "001_a14770785156dc66.txt", "002_48a63475ebba2e71.txt"}
    assert docs["000_0abef9bbc078f129.txt"].format == "guide"
    assert docs["001_a14770785156dc66.txt"].format == "job_description"
    assert all(len(d.sha256) == 64 for d in docs.values())
