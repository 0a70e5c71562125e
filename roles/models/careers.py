"""Where a role leads: its career ladder, its related roles and the moves its documents describe."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from roles.models.base import years_text
from roles.models.content import RoleContent


class CareerLevel(RoleContent):
    """A rung of a role's career ladder. It links to the Role of the same title when one exists."""

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="career_levels")
    title = models.CharField(max_length=200)
    years_min = models.PositiveSmallIntegerField(null=True, blank=True)
    years_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text='Leave empty for an open-ended level such as "15+ years".'
    )
    description = models.TextField(blank=True)
    focus_areas = models.TextField(blank=True, help_text="Key focus areas, one per line.")
    linked_role = models.ForeignKey(
        "roles.Role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ladder_positions",
        help_text="The role page this level links to, when the level is a role of its own.",
    )

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(years_min__isnull=True) | Q(years_max__isnull=True) | Q(years_min__lte=F("years_max")),
                name="careerlevel_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.years_min is not None and self.years_max is not None and self.years_min > self.years_max:
            raise ValidationError({"years_max": "The most years must not be less than the fewest."})

    @property
    def years_label(self) -> str:
        return years_text(self.years_min, self.years_max)

    @property
    def focus_area_list(self) -> list[str]:
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]


class RelatedRole(RoleContent):
    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="related_roles")
    title = models.CharField(max_length=200)
    blurb = models.TextField(blank=True)
    target = models.ForeignKey(
        "roles.Role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_from",
        help_text="The role page this links to, when the portal has one.",
    )

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | ~Q(target=F("role")),
                name="relatedrole_not_self",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.target_id and self.target_id == self.role_id:
            raise ValidationError({"target": "A role cannot be related to itself."})


class CareerMove(RoleContent):
    """A move the role's documents describe ("often move toward IT Manager"), read from the prose on import.

    ``role`` is the role whose document says it; the move starts at ``from_title`` (usually that role).
    Both ends link to a Role of the same title when the portal has one, like CareerLevel.linked_role.
    """

    PROMOTION = "promotion"
    LATERAL = "lateral"
    SPECIALISATION = "specialisation"
    MANAGEMENT = "management"
    ENGINEERING = "engineering"
    KIND_CHOICES = [
        (PROMOTION, "Promotion"),
        (LATERAL, "Lateral move"),
        (SPECIALISATION, "Specialisation"),
        (MANAGEMENT, "Into management"),
        (ENGINEERING, "Into engineering"),
    ]

    role = models.ForeignKey("roles.Role", on_delete=models.CASCADE, related_name="career_moves")
    from_title = models.CharField(
        max_length=200, help_text="Where the move starts, as the sentence names it (usually this role's title)."
    )
    from_role = models.ForeignKey(
        "roles.Role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moves_out",
        help_text="The role page the move starts from, when the portal has one.",
    )
    to_title = models.CharField(max_length=200, help_text="Where the move leads, as the sentence names it.")
    to_role = models.ForeignKey(
        "roles.Role",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moves_in",
        help_text="The role page the move leads to, when the portal has one.",
    )
    kind = models.CharField(max_length=16, choices=KIND_CHOICES, help_text="What sort of step the move is.")
    evidence = models.TextField(help_text="The sentence the move was read from.")

    def __str__(self) -> str:
        return f"{self.from_title} → {self.to_title}"
