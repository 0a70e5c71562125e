"""Facts one document gives about a role another document covers, shown on that role's pages with their source.

A career guide's ladder prices its levels ("Senior Technical Support Specialist: median $80k, 4–7
years"); a job description lists related roles with salary ranges; a FAQ contrasts the role with
another. When the level, related role or contrasted role is a role of the catalog, the fixture
writer joins the fact to it as a ``DocumentFact`` of that role, naming the document it came from.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from roles.models.base import KeyedManager, years_text
from roles.models.content import RoleContent


class ShownFactManager(KeyedManager):
    """The facts pages show: ``DocumentFact.objects`` leaves out the ones an editor hid.

    Not the default manager (``all_objects`` is): loaddata, the admin, reversion and the related manager
    ``role.document_facts`` see every row, so a hidden fact is still matched, merged and versioned.
    """

    def get_queryset(self):
        return super().get_queryset().filter(hidden=False)


class DocumentFact(RoleContent):
    """A fact about ``role`` stated in a document of another role (``stated_for``), or a contrast its own makes.

    Recomputed from the documents on every import; an editor does not edit its figures (they are the
    document's: correct the document and re-import it) but may hide a wrong one (``hidden``), which every
    re-import and catalog load keeps (roles.publishing.facts_sync).
    """

    LADDER_LEVEL = "ladder_level"
    RELATED_ROLE = "related_role"
    CONTRAST = "contrast"
    CONTRASTED = "contrasted"
    KIND_CHOICES = [
        (LADDER_LEVEL, "A level of another role's career ladder"),
        (RELATED_ROLE, "Listed as a related role"),
        (CONTRAST, "Contrasted in another role's FAQ"),
        (CONTRASTED, "Its own FAQ contrasts it with another role"),
    ]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="document_facts")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    stated_for = models.ForeignKey(
        "roles.Role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The other role of the fact: the one whose document states it, or the one a FAQ contrasts.",
    )
    # The other role's title and address, kept with the fact so the page draws it from the one row.
    stated_for_title = models.CharField(max_length=200, blank=True)
    stated_for_slug = models.SlugField(max_length=200, blank=True)
    title = models.CharField(max_length=300, help_text="The role or question as the document writes it.")
    text = models.TextField(blank=True, help_text="What the document says with it (a description, a FAQ answer).")
    currency = models.CharField(max_length=3, default="USD")
    median = models.PositiveIntegerField(null=True, blank=True)
    average = models.PositiveIntegerField(null=True, blank=True)
    min = models.PositiveIntegerField("minimum", null=True, blank=True)
    max = models.PositiveIntegerField("maximum", null=True, blank=True)
    max_open_ended = models.BooleanField(default=False)
    years_min = models.PositiveSmallIntegerField(null=True, blank=True)
    years_max = models.PositiveSmallIntegerField(null=True, blank=True)
    pay_section = models.CharField(max_length=300, blank=True, help_text="The heading the pay stood under.")
    region = models.CharField(max_length=200, blank=True, help_text='Where the pay is for, e.g. "United States".')
    hidden = models.BooleanField(
        default=False,
        help_text="Hide a wrong fact from the role's pages. Re-imports keep it hidden; untick to show it again.",
    )

    all_objects = KeyedManager()
    objects = ShownFactManager()

    class Meta(RoleContent.Meta):
        default_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(min__isnull=True) | Q(max__isnull=True) | Q(min__lte=F("max")),
                name="documentfact_min_lte_max",
            ),
            models.CheckConstraint(
                condition=Q(years_min__isnull=True) | Q(years_max__isnull=True) | Q(years_min__lte=F("years_max")),
                name="documentfact_years_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def stated_for_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.stated_for_slug}) if self.stated_for_slug else ""

    @property
    def has_pay(self) -> bool:
        return any(value is not None for value in (self.median, self.average, self.min, self.max))

    @property
    def years_label(self) -> str:
        return years_text(self.years_min, self.years_max)
