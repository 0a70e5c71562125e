"""The role change page's inlines: one per kind of content a role page shows."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models

from roles import models as m
from roles.admin.text_input import NormalisedTextMixin

SMALL_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


class RoleContentInline(NormalisedTextMixin, admin.TabularInline):
    """A list of one kind of content on the role page; editors reorder it with the "order" numbers."""

    fk_name = "role"
    extra = 0
    classes = ["collapse"]
    formfield_overrides = SMALL_TEXT


class SectionInline(NormalisedTextMixin, admin.StackedInline):
    model = m.Section
    fk_name = "role"
    extra = 0
    classes = ["collapse"]
    fields = [("order", "level"), ("heading", "anchor"), "body"]
    prepopulated_fields = {"anchor": ["heading"]}
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 6, "cols": 90})}}


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


class EducationPathInline(NormalisedTextMixin, admin.StackedInline):
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


class CareerLevelInline(NormalisedTextMixin, admin.StackedInline):
    model = m.CareerLevel
    fk_name = "role"  # not linked_role: that is the page the level points to
    extra = 0
    classes = ["collapse"]
    fields = [("order", "title"), ("years_min", "years_max"), "description", "focus_areas", "linked_role"]
    # A search box, not a list of every role in every row: the page stays small at any catalog size.
    autocomplete_fields = ["linked_role"]
    formfield_overrides = SMALL_TEXT


class RelatedRoleInline(RoleContentInline):
    model = m.RelatedRole
    fk_name = "role"  # not target: that is the page the link points to
    fields = ["order", "title", "blurb", "target"]
    autocomplete_fields = ["target"]


class CareerMoveInline(NormalisedTextMixin, admin.StackedInline):
    model = m.CareerMove
    fk_name = "role"  # not from_role / to_role: those are the pages the move links
    extra = 0
    classes = ["collapse"]
    fields = [("order", "kind"), ("from_title", "from_role"), ("to_title", "to_role"), "evidence"]
    autocomplete_fields = ["from_role", "to_role"]
    formfield_overrides = SMALL_TEXT


class FigureInline(RoleContentInline):
    """Numbers found in the source text: kept for reference, corrected rarely, never added by hand."""

    model = m.Figure
    fields = ["order", "text", "kind", "value_min", "value_max", "unit", "context"]
    readonly_fields = ["text", "kind", "value_min", "value_max", "unit", "context"]
    max_num = 0  # no empty rows to add: figures come from imports
    verbose_name_plural = "figures found in the source (read-only)"
