"""The role change page's inlines: one per kind of content a role page shows."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.forms.models import BaseInlineFormSet

from roles import models as m
from roles.admin.text_input import NormalisedTextMixin
from roles.models import CareerLevel, RelatedRole
from salaries.admin import SalaryBandInline

SMALL_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


class RowFormSet(BaseInlineFormSet):
    """A row the editor did not change is neither validated nor written.

    It is stored and valid already; checking it again cost a query or two per row (its id, the
    model's constraints), which on the largest role was most of a save's time.
    """

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}


class LightInlineMixin(NormalisedTextMixin):
    """Rows without the add/change/view links beside each role link: the change page stays small."""

    formset = RowFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # Help in every row (stacked) or an aria-describedby in every cell pointing at nothing
            # (tabular): a fifth of the change page. The role's own fields keep theirs.
            field.help_text = ""
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget.can_add_related = field.widget.can_change_related = False
            field.widget.can_delete_related = field.widget.can_view_related = False
        return field


TABULAR_TEMPLATE = "admin/roles/role/includes/tabular.html"


class RoleContentInline(LightInlineMixin, admin.TabularInline):
    """A list of one kind of content on the role page; editors reorder it with the "order" numbers."""

    template = TABULAR_TEMPLATE
    fk_name = "role"
    extra = 0
    classes = ["collapse"]
    formfield_overrides = SMALL_TEXT


class SectionInline(RoleContentInline):
    """A table, not stacked boxes: a third of the markup per section on the longest guides."""

    model = m.Section
    fields = ["order", "level", "heading", "anchor", "body"]
    prepopulated_fields = {"anchor": ["heading"]}
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 6, "cols": 60})}}


class DutyInline(RoleContentInline):
    model = m.Duty
    fields = ["order", "text"]


class SkillInline(RoleContentInline):
    model = m.Skill
    fields = ["order", "kind", "name", "detail"]


class CertificationInline(RoleContentInline):
    model = m.Certification
    fields = ["order", "name", "is_key"]


class ToolInline(RoleContentInline):
    model = m.Tool
    fields = ["order", "name", "category"]


class StepInline(RoleContentInline):
    model = m.Step
    fields = ["order", "text"]


class EducationPathInline(LightInlineMixin, admin.StackedInline):
    model = m.EducationPath
    fk_name = "role"
    extra = 0
    classes = ["collapse"]
    fields = [
        ("order", "name"),
        "description",
        ("cost_min", "cost_max", "cost_open_ended", "currency"),
        ("duration_min", "duration_max", "duration_unit"),
    ]
    formfield_overrides = SMALL_TEXT


class QualificationInline(RoleContentInline):
    model = m.Qualification
    fields = ["order", "group", "text"]


class ProConInline(RoleContentInline):
    model = m.ProCon
    fields = ["order", "kind", "text"]


class FAQInline(RoleContentInline):
    model = m.FAQ
    fields = ["order", "question", "answer"]


class CareerLevelInline(RoleContentInline):
    model = m.CareerLevel
    fk_name = "role"  # not linked_role: that is the page the level points to
    fields = ["order", "title", "years_min", "years_max", "description", "focus_areas", "linked_role"]
    # A search box, not a list of every role in every row: the page stays small at any catalog size.
    autocomplete_fields = ["linked_role"]


class RelatedRoleInline(RoleContentInline):
    model = m.RelatedRole
    fk_name = "role"  # not target: that is the page the link points to
    fields = ["order", "title", "blurb", "target"]
    autocomplete_fields = ["target"]


class CareerMoveInline(RoleContentInline):
    model = m.CareerMove
    fk_name = "role"  # not from_role / to_role: those are the pages the move links
    fields = ["order", "kind", "from_title", "from_role", "to_title", "to_role", "evidence"]
    autocomplete_fields = ["from_role", "to_role"]


class RoleSalaryBandInline(LightInlineMixin, SalaryBandInline):
    """Salary bands on the role's page: the currency typed (checked against the known codes), not a
    list of every currency in every row; levels and related roles offered are the role's own."""

    template = TABULAR_TEMPLATE

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "currency":
            field.widget = forms.TextInput(attrs={"size": 3, "maxlength": 3, "class": "currency-code"})
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("career_level", "related_role"):
            # Chosen from the role's own rows in get_formset, which knows the role on every page.
            kwargs["queryset"] = db_field.related_model.objects.none()
            return admin.TabularInline.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # The role's own levels and related roles, whatever the page (change, restore, recover).
        for name, model in (("career_level", CareerLevel), ("related_role", RelatedRole)):
            field = formset.form.base_fields.get(name)
            if field is not None:
                field.queryset = model.objects.filter(role=obj) if obj is not None and obj.pk else model.objects.none()
                # Listed once for the page, not once per row (and not the list fixed by the parent class).
                field.choices = list(field.iterator(field))
        return formset
