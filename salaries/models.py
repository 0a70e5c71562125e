"""Salary figures: by experience level, by region, key-facts ranges and related roles' ranges."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from roles.importers.text import KNOWN_CURRENCIES
from roles.models import CareerLevel, RelatedRole, Role, RoleContent

CURRENCY_CHOICES = [(code, code) for code in KNOWN_CURRENCIES]


def headline_figure(band) -> int | None:
    """The single figure the source gives for anything shaped like a band: the median, else the average.

    A band with only a range has none: its midpoint is a figure in no document ("$37k–$95k+").
    """
    if band.median is not None:
        return band.median
    return band.average


class SalaryBandQuerySet(models.QuerySet):
    def for_published_roles(self):
        """Bands whose role is on the public site, with what a salary table needs."""
        return self.filter(role__is_published=True).select_related("role", "role__category", "source")

    def by_experience_level(self):
        """The "salary by experience level" rows."""
        return self.filter(kind=SalaryBand.EXPERIENCE_LEVEL)

    def regional(self):
        """The by-country and by-region rows."""
        return self.filter(kind=SalaryBand.REGIONAL)


class SalaryBandManager(models.Manager.from_queryset(SalaryBandQuerySet)):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class SalaryBand(RoleContent):
    """Pay for one audience (a level, a region, a related role), per year, in whole currency units."""

    EXPERIENCE_LEVEL = "experience_level"
    RANGE = "range"
    REGIONAL = "regional"
    RELATED_ROLE = "related_role"
    KIND_CHOICES = [
        (EXPERIENCE_LEVEL, "By experience level"),
        (RANGE, "Overall range"),
        (REGIONAL, "By region"),
        (RELATED_ROLE, "Related role"),
    ]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="salary_bands")
    career_level = models.ForeignKey(
        CareerLevel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salary_bands",
        help_text="The career level this pay is for, when it is for one.",
    )
    related_role = models.ForeignKey(
        RelatedRole,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="salary_bands",
        help_text="The related role this range is for, when it is for one.",
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    label = models.CharField(max_length=200, help_text='What the figures are for, e.g. "Senior Technical Support".')
    region = models.CharField(max_length=200, blank=True, help_text='Country or region, e.g. "United States".')
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, default="USD")
    min = models.PositiveIntegerField("minimum", null=True, blank=True, help_text="Per year.")
    max = models.PositiveIntegerField("maximum", null=True, blank=True, help_text="Per year.")
    max_open_ended = models.BooleanField(default=False, help_text='Tick when the source says "or more" ("$95k+").')
    median = models.PositiveIntegerField(null=True, blank=True, help_text="Per year.")
    average = models.PositiveIntegerField(null=True, blank=True, help_text="Per year.")
    usd_min = models.PositiveIntegerField("minimum in USD", null=True, blank=True)
    usd_max = models.PositiveIntegerField("maximum in USD", null=True, blank=True)
    source_note = models.CharField(max_length=300, blank=True, help_text="Who published the figures.")
    year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year the figures are for.")

    objects = SalaryBandManager()

    class Meta(RoleContent.Meta):
        indexes = [models.Index(fields=["kind", "role"], name="salaryband_kind_role_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min__isnull=True) | Q(max__isnull=True) | Q(min__lte=F("max")),
                name="salaryband_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(median__isnull=True) | Q(min__isnull=True) | Q(min__lte=F("median")),
                name="salaryband_min_lte_median",
            ),
            models.CheckConstraint(
                condition=Q(median__isnull=True) | Q(max__isnull=True) | Q(median__lte=F("max")),
                name="salaryband_median_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(usd_min__isnull=True) | Q(usd_max__isnull=True) | Q(usd_min__lte=F("usd_max")),
                name="salaryband_usd_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(min__isnull=False)
                | Q(max__isnull=False)
                | Q(median__isnull=False)
                | Q(average__isnull=False),
                name="salaryband_has_a_figure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.currency})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        figures = {"min": self.min, "max": self.max, "median": self.median, "average": self.average}
        for name, value in figures.items():
            if value is not None and value <= 0:
                errors[name] = "Salaries must be more than zero."
        if all(value is None for value in figures.values()):
            errors["median"] = "Give at least one figure: a minimum, maximum, median or average."
        if self.min is not None and self.max is not None and self.min > self.max:
            errors["max"] = "The maximum must not be less than the minimum."
        if self.median is not None:
            if self.min is not None and self.median < self.min:
                errors["median"] = "The median must not be less than the minimum."
            elif self.max is not None and self.median > self.max:
                errors["median"] = "The median must not be more than the maximum."
        if self.usd_min is not None and self.usd_max is not None and self.usd_min > self.usd_max:
            errors["usd_max"] = "The USD maximum must not be less than the USD minimum."
        if self.currency and self.currency not in KNOWN_CURRENCIES:
            errors["currency"] = f"Use one of: {', '.join(KNOWN_CURRENCIES)}."
        if self.career_level_id and self.role_id and self.career_level.role_id != self.role_id:
            errors["career_level"] = "Choose a career level of this band's own role."
        if self.related_role_id and self.role_id and self.related_role.role_id != self.role_id:
            errors["related_role"] = "Choose a related role listed on this band's own role."
        if errors:
            raise ValidationError(errors)

    @property
    def headline(self) -> int | None:
        return headline_figure(self)


# Official wages (BLS OEWS) live in their own package; imported here so Django finds the models.
from salaries.wages.models import Area, Occupation, Release, Wage  # noqa: E402, F401
