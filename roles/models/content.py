"""The rows of a role page: sections, duties, skills, certifications, tools, steps, education,
qualifications, pros and cons, FAQs and the figures read from the text."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from roles.importers.text import KNOWN_CURRENCIES
from roles.models.base import KeyedModel, SourceDocument


class RoleContent(KeyedModel):
    """A row of role content: ordered, and knowing where it was imported from."""

    order = models.PositiveIntegerField(default=0, help_text="Position on the page; lower comes first.")
    source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The document this was imported from (empty when an editor added it).",
    )
    source_section = models.CharField(
        max_length=300, blank=True, help_text="The heading it stood under in the source document."
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def natural_key(self):
        return (str(self.key),)

    natural_key.dependencies = ["roles.role", "roles.sourcedocument"]


class Section(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="sections")
    anchor = models.SlugField(max_length=100, help_text="The #id of the section on the role page. Keep it stable.")
    heading = models.CharField(max_length=300)
    body = models.TextField(
        blank=True, help_text="Plain text; separate paragraphs with a blank line. Empty for a heading over a list."
    )
    level = models.PositiveSmallIntegerField(default=2, choices=[(2, "Section"), (3, "Subsection")])

    class Meta(RoleContent.Meta):
        constraints = [models.UniqueConstraint(fields=["role", "anchor"], name="section_unique_anchor_per_role")]

    def __str__(self) -> str:
        return self.heading

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class Duty(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="duties")
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return self.text[:80]


class Skill(RoleContent):
    TECHNICAL = "technical"
    SOFT = "soft"
    KIND_CHOICES = [(TECHNICAL, "Technical"), (SOFT, "Soft")]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="skills")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES, default=TECHNICAL)
    name = models.CharField(max_length=300)
    detail = models.TextField(blank=True, help_text="Examples or why it matters.")

    def __str__(self) -> str:
        return self.name


class Certification(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=300)
    is_key = models.BooleanField(default=False, help_text="Listed among the key certifications at a glance.")

    def __str__(self) -> str:
        return self.name


class Tool(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="tools")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=200, blank=True, help_text='e.g. "Ticketing systems".')

    def __str__(self) -> str:
        return self.name


class Step(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="steps")
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "how-to-become step"

    def __str__(self) -> str:
        return self.text[:80]


class EducationPath(RoleContent):
    DURATION_UNITS = [("weeks", "weeks"), ("months", "months"), ("years", "years")]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="education_paths")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cost_min = models.PositiveIntegerField(null=True, blank=True)
    cost_max = models.PositiveIntegerField(null=True, blank=True)
    cost_open_ended = models.BooleanField(default=False, help_text='Tick when the top of the range is "+".')
    currency = models.CharField(max_length=3, default="USD")
    duration_min = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    duration_max = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    duration_unit = models.CharField(max_length=8, choices=DURATION_UNITS, blank=True)

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True) | Q(cost_max__isnull=True) | Q(cost_min__lte=F("cost_max")),
                name="educationpath_cost_ordered",
            ),
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True)
                | Q(duration_max__isnull=True)
                | Q(duration_min__lte=F("duration_max")),
                name="educationpath_duration_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.cost_min is not None and self.cost_max is not None and self.cost_min > self.cost_max:
            raise ValidationError({"cost_max": "The highest cost must not be less than the lowest."})
        if self.duration_min is not None and self.duration_max is not None and self.duration_min > self.duration_max:
            raise ValidationError({"duration_max": "The longest duration must not be less than the shortest."})
        if self.currency and self.currency not in KNOWN_CURRENCIES:
            raise ValidationError({"currency": f"Use one of: {', '.join(KNOWN_CURRENCIES)}."})


class Qualification(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="qualifications")
    group = models.CharField(max_length=200, help_text='e.g. "Education" or "Experience".')
    text = models.TextField()

    def __str__(self) -> str:
        return f"{self.group}: {self.text[:60]}"


class ProCon(RoleContent):
    PRO = "pro"
    CON = "con"
    KIND_CHOICES = [(PRO, "Pro"), (CON, "Con")]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="pros_cons")
    kind = models.CharField(max_length=3, choices=KIND_CHOICES)
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "pro or con"
        verbose_name_plural = "pros and cons"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class FAQ(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=500)
    answer = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self) -> str:
        return self.question


class Figure(RoleContent):
    """A number from the source text (an amount, a percentage, a duration...) kept as data."""

    KIND_CHOICES = [
        ("money", "Money"),
        ("percent", "Percentage"),
        ("duration", "Duration"),
        ("count", "Count"),
        ("year", "Year"),
    ]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    value_min = models.DecimalField(max_digits=16, decimal_places=2)
    value_max = models.DecimalField(max_digits=16, decimal_places=2)
    open_ended = models.BooleanField(default=False)
    unit = models.CharField(max_length=16, blank=True, help_text='A currency code, "%", or "years", "months"...')
    text = models.CharField(max_length=200, help_text="The characters as they stand in the source.")
    context = models.TextField(blank=True, help_text="The sentence the number stands in.")

    class Meta(RoleContent.Meta):
        constraints = [models.CheckConstraint(condition=Q(value_min__lte=F("value_max")), name="figure_range_ordered")]

    def __str__(self) -> str:
        return self.text
