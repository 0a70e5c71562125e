"""Official wage figures: occupations, areas, releases and one row of figures per occupation and area."""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, Subquery

# The figures of a wage row, in BLS's data-type order; hourly figures are dollars and cents, annual whole dollars.
HOURLY_FIELDS = ["hourly_mean", "hourly_p10", "hourly_p25", "hourly_median", "hourly_p75", "hourly_p90"]
ANNUAL_FIELDS = ["annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"]
FIGURE_FIELDS = ["employment", *HOURLY_FIELDS, *ANNUAL_FIELDS, "jobs_per_1000", "location_quotient"]


class Occupation(models.Model):
    """A detailed occupation of the Standard Occupational Classification, with BLS's title."""

    code = models.CharField("SOC code", max_length=7, unique=True, help_text='As "15-1232".')
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AreaQuerySet(models.QuerySet):
    def states(self):
        return self.filter(kind=Area.STATE).order_by("name")

    def metros(self):
        return self.filter(kind=Area.METRO).order_by("name")


class Area(models.Model):
    """The nation, a state or territory, or a metropolitan area, as BLS names it."""

    NATIONAL = "national"
    STATE = "state"
    METRO = "metro"
    KIND_CHOICES = [(NATIONAL, "National"), (STATE, "State"), (METRO, "Metropolitan area")]

    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    code = models.CharField(max_length=7, unique=True, help_text="BLS's area code.")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    state_code = models.CharField(max_length=2, help_text="FIPS code of the state (00 for the nation).")

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "name"], name="wage_area_kind_name_idx")]

    def __str__(self) -> str:
        return self.name


class Release(models.Model):
    """One OEWS release ("May 2025"), with where its figures came from."""

    code = models.CharField(max_length=10, unique=True, help_text='BLS\'s release code, e.g. "2025A01".')
    name = models.CharField(max_length=40, help_text='As BLS names it, e.g. "May 2025".')
    published = models.DateField(help_text="The day BLS published it.")
    source_files = models.JSONField(default=list, help_text="BLS's files the figures were built from, with SHA-256.")
    footnotes = models.JSONField(default=dict, help_text="BLS's footnotes by code.")
    database_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published"]
        get_latest_by = "published"

    def __str__(self) -> str:
        return self.name

    @property
    def citation(self) -> str:
        return f"BLS OEWS, {self.name}"


class WageQuerySet(models.QuerySet):
    def current(self):
        """Figures of the latest release only, without a query of its own."""
        latest = Release.objects.order_by("-published", "-pk").values("pk")[:1]
        return self.filter(release=Subquery(latest))

    def for_code(self, soc_code: str):
        return self.current().filter(occupation__code=soc_code).select_related("area", "occupation", "release")

    def for_role_codes(self):
        """Annotatable: the current figures of the occupation a role names (``OuterRef("soc_code")``)."""
        return self.current().filter(occupation__code=OuterRef("soc_code"))


class Wage(models.Model):
    """The figures of one occupation in one area for one release. A figure BLS did not publish is empty,
    with its reason in ``notes``; a top-coded wage holds BLS's ceiling and is flagged in ``top_coded``."""

    # No index of its own: the unique constraint's index starts with it.
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="wages", db_index=False)
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="wages")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="wages")

    employment = models.PositiveIntegerField(null=True, blank=True)
    hourly_mean = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p10 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p25 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_median = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p75 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hourly_p90 = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    annual_mean = models.PositiveIntegerField(null=True, blank=True)
    annual_p10 = models.PositiveIntegerField(null=True, blank=True)
    annual_p25 = models.PositiveIntegerField(null=True, blank=True)
    annual_median = models.PositiveIntegerField(null=True, blank=True)
    annual_p75 = models.PositiveIntegerField(null=True, blank=True)
    annual_p90 = models.PositiveIntegerField(null=True, blank=True)
    jobs_per_1000 = models.DecimalField("employment per 1,000 jobs", max_digits=9, decimal_places=3, null=True)
    location_quotient = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    top_coded = models.JSONField(default=list, blank=True, help_text='Figures at BLS\'s ceiling ("or more").')
    suppressed = models.JSONField(default=list, blank=True, help_text="Figures BLS did not publish.")
    notes = models.JSONField(default=dict, blank=True, help_text="BLS footnote codes by figure.")

    objects = WageQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release", "occupation", "area"], name="wage_release_occupation_area"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} in {self.area_id} ({self.release_id})"
