"""Roles: the occupations the portal describes, their at-a-glance facts and their old addresses."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from roles.importers.text import KNOWN_CURRENCIES
from roles.models import role_page
from roles.models.base import Category, KeyedManager, KeyedModel, KeyedQuerySet, SourceDocument, years_text
from roles.models.careers import CareerLevel, CareerMove, RelatedRole

# "1-3 years in customer-facing roles": the range, then what the years are of.
_YEARS_THEN_QUALIFIER = re.compile(r"^\s*\d+\s*(?:[-–]\s*\d+)?\s*\+?\s*(?:years?|yrs?)\b[\s,:;]*(.*)$", re.IGNORECASE)


class RoleQuerySet(KeyedQuerySet):
    def published(self):
        """Roles visitors may see."""
        return self.filter(is_published=True)

    def with_card_data(self):
        """What a role card or list row shows: the role, its category, and in the same query what its median
        is (``median_ladder_of``: the ladder whose level gave it) or, without one, the official national
        median of its occupation (``official_median``, ``official_release``); ``shown_median`` is whichever it shows."""
        from roles.models.facts import DocumentFact
        from salaries.wages.models import Area, Wage

        ladder = DocumentFact.objects.filter(
            role=OuterRef("pk"), kind=DocumentFact.LADDER_LEVEL, median=OuterRef("median_salary")
        ).order_by("pk")
        national = Wage.objects.for_role_codes().filter(area__kind=Area.NATIONAL)
        return (
            self.select_related("category")
            .annotate(
                median_ladder_of=Subquery(ladder.values("stated_for_title")[:1]),
                official_median=Subquery(national.values("annual_median")[:1]),
                official_release=Subquery(national.values("release__name")[:1]),
            )
            # The median the card or row shows, so "best-paid first" is the order of the figures on the page.
            .annotate(shown_median=Coalesce(F("median_salary"), F("official_median"), output_field=IntegerField()))
        )

    def with_ladders(self):
        """A role with its career ladder (levels and the roles they link to) and its related roles."""
        return self.select_related("category").prefetch_related(
            Prefetch("career_levels", queryset=CareerLevel.objects.select_related("linked_role")),
            Prefetch("related_roles", queryset=RelatedRole.objects.select_related("target")),
            Prefetch(
                "ladder_positions",
                queryset=CareerLevel.objects.select_related("role").filter(role__is_published=True),
            ),
            Prefetch("career_moves", queryset=CareerMove.objects.select_related("from_role", "to_role")),
        )

    def for_page(self, *lookups) -> list[Role]:
        """The roles, evaluated, with everything the role page renders: each relation it shows (in a fixed
        number of queries whatever the content size) and every row's source document.

        Terminal, like ``get()`` or ``in_bulk()``: filter before it; ``lookups`` are prefetched after the page's
        own (they may go through them, e.g. ``ladder_positions__salary_bands``). Page data only comes from
        here, so no caller can load it without its source documents.
        """
        roles = list(self.select_related("category").prefetch_related(*role_page.page_prefetches()))
        role_page.prefetch_ladders(roles)
        prefetch_related_objects(roles, *lookups)
        role_page.link_salary_bands(roles)
        role_page.attach_content(roles)
        role_page.attach_sources(roles)
        return roles


class RoleManager(KeyedManager.from_queryset(RoleQuerySet)):
    pass


class Role(KeyedModel):
    """An occupation with its at-a-glance facts; its content hangs off it."""

    title = models.CharField(max_length=200, help_text="The job title as people search for it.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The web address: /roles/<slug>/. Changing it keeps the old address working (it redirects).",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="roles")
    summary = models.TextField(help_text="One paragraph shown at the top of the role page and in search results.")
    is_published = models.BooleanField(default=True, help_text="Untick to hide the role from the public site.")

    typical_education = models.TextField(blank=True)
    typical_experience = models.CharField(
        max_length=200, blank=True, help_text='As the source words it, e.g. "5-8 years".'
    )
    experience_years_min = models.PositiveSmallIntegerField(null=True, blank=True)
    experience_years_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for an open-ended range such as 8+ years."
    )
    key_certifications_text = models.CharField(
        max_length=300,
        blank=True,
        help_text='The key certifications as the source words them, e.g. "None typically required".',
    )
    top_employer_types = models.TextField(blank=True, help_text="One employer type per line.")
    growth_outlook = models.TextField(blank=True)
    growth_percent = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    growth_period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_source = models.CharField(max_length=300, blank=True)
    annual_openings = models.PositiveIntegerField(null=True, blank=True)
    annual_openings_text = models.CharField(
        max_length=40, blank=True, help_text='As the source writes it, qualifiers kept, e.g. "≈80k".'
    )
    annual_openings_source = models.CharField(max_length=300, blank=True)
    median_salary = models.PositiveIntegerField(null=True, blank=True, help_text="Per year, in whole currency units.")
    median_salary_currency = models.CharField(max_length=3, default="USD")
    median_salary_source = models.CharField(max_length=300, blank=True)
    median_salary_year = models.PositiveSmallIntegerField(null=True, blank=True)
    median_salary_period = models.CharField(
        max_length=60, blank=True, help_text='The date the source gives for the median, as written, e.g. "May 2023".'
    )
    ai_impact = models.TextField("AI impact", blank=True)
    fact_qualifiers = models.JSONField(
        default=dict,
        blank=True,
        help_text='The qualifier a source writes after a fact\'s label, by fact: {"ai_impact": "through 2030"}.',
    )
    soc_code = models.CharField(
        "SOC code",
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^\d\d-\d{4}$", 'A SOC code looks like "15-1232".')],
        help_text='The occupation in the Standard Occupational Classification, e.g. "15-1232"; '
        "the official wages (BLS OEWS) shown on the role page are this occupation's.",
    )

    source = models.ForeignKey(SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles")
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RoleManager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["category", "title"], name="role_category_title_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_years_min__isnull=True)
                | Q(experience_years_max__isnull=True)
                | Q(experience_years_min__lte=F("experience_years_max")),
                name="role_experience_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(growth_period_start__isnull=True)
                | Q(growth_period_end__isnull=True)
                | Q(growth_period_start__lte=F("growth_period_end")),
                name="role_growth_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)
        # Renaming a slug must never break a link someone shared: remember the old one.
        # It lives here rather than in a service because every path (admin, import, shell) saves through it.
        previous = None
        if self.pk and not kwargs.get("raw"):
            previous = Role.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)
        if previous and previous != self.slug:
            SlugHistory.objects.update_or_create(slug=previous, defaults={"role": self})
            SlugHistory.objects.filter(slug=self.slug).delete()

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if (
            self.experience_years_min is not None
            and self.experience_years_max is not None
            and self.experience_years_min > self.experience_years_max
        ):
            errors["experience_years_max"] = "The most years of experience must not be less than the fewest."
        if self.median_salary_currency and self.median_salary_currency not in KNOWN_CURRENCIES:
            errors["median_salary_currency"] = f"Use one of: {', '.join(KNOWN_CURRENCIES)}."
        if self.median_salary is not None and self.median_salary <= 0:
            errors["median_salary"] = "A salary must be more than zero."
        if not self.slug:
            self.slug = slugify(self.title)
        clash = SlugHistory.objects.filter(slug=self.slug).exclude(role_id=self.pk).first()
        if clash:
            errors["slug"] = f'"{self.slug}" is an old address of "{clash.role}" and must keep redirecting there.'
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (str(self.key),)

    natural_key.dependencies = ["roles.sourcedocument", "roles.category"]

    @property
    def employer_types(self) -> list[str]:
        return [line.strip() for line in self.top_employer_types.splitlines() if line.strip()]

    @property
    def experience_qualifier(self) -> str:
        """What the document says the years are of, after the range ("in customer-facing roles" of
        "1-3 years in customer-facing roles"); empty when it says only the years."""
        if self.experience_years_min is None:
            return ""
        match = _YEARS_THEN_QUALIFIER.match(self.typical_experience)
        return match.group(1).strip() if match else ""

    @property
    def experience_label(self) -> str:
        if self.experience_years_min is None:
            return self.typical_experience
        return years_text(self.experience_years_min, self.experience_years_max)


class SlugHistory(models.Model):
    """An old address of a role; /roles/<old-slug>/... answers 301 to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self) -> str:
        return f"{self.slug} → {self.role.slug}"
