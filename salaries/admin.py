"""Admin for salary bands: edited on their role's page, and listed here across roles."""

from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from roles.models import CareerLevel, RelatedRole
from salaries.models import SalaryBand

SALARY_BAND_FIELDS = [
    "order",
    "kind",
    "label",
    "region",
    "currency",
    "min",
    "median",
    "max",
    "max_open_ended",
    "average",
    "career_level",
    "related_role",
    "year",
    "source_note",
]


class SalaryBandInline(admin.TabularInline):
    """The salary tables of a role, on the role's change page."""

    model = SalaryBand
    fk_name = "role"
    fields = SALARY_BAND_FIELDS
    extra = 0
    classes = ["collapse"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A band may only point at a level or related role of the role being edited.
        role_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if db_field.name == "career_level":
            kwargs["queryset"] = CareerLevel.objects.filter(role_id=role_id) if role_id else CareerLevel.objects.none()
        elif db_field.name == "related_role":
            kwargs["queryset"] = RelatedRole.objects.filter(role_id=role_id) if role_id else RelatedRole.objects.none()
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("career_level", "related_role"):
            # Every row offers the same few choices: one query for the page, not one per row.
            # Saving still checks the value against the queryset.
            field.choices = list(field.choices)
        return field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name in ("min", "median", "max", "average", "year", "order"):
            field.widget = forms.NumberInput(attrs={"class": "vIntegerField", "min": 0})
        return field


@admin.register(SalaryBand)
class SalaryBandAdmin(VersionAdmin):
    list_display = ["label", "role", "kind", "region", "currency", "min", "median", "max", "year"]
    list_filter = ["kind", "currency", "role"]
    search_fields = ["label", "region", "role__title", "source_note"]
    list_select_related = ["role"]
    autocomplete_fields = ["role"]
    ordering = ["role__title", "kind", "order"]
    fieldsets = [
        (None, {"fields": ["role", "kind", "label", "region", "order"]}),
        (
            "Pay per year",
            {
                "fields": ["currency", ("min", "median", "max"), "max_open_ended", "average", ("usd_min", "usd_max")],
                "description": "Whole amounts per year, without symbols or commas: 52000, not $52k. "
                "The median must lie between the minimum and the maximum.",
            },
        ),
        ("What it is for", {"fields": ["career_level", "related_role", "year", "source_note"]}),
        ("Where it came from", {"fields": ["source", "source_section"], "classes": ["collapse"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("career_level", "related_role"):
            kwargs["queryset"] = db_field.related_model.objects.select_related("role")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
