"""What editors see and correct of a role's facts: the facts other documents give about it, and the qualifiers
its source writes after a fact's label.

Facts from other documents are shown read-only, each naming the document it is recomputed from on every
import: their figures are that document's, so a wrong figure is corrected in the document and re-imported
(an edit here would be overwritten by the next import, or would need a merge against a document that is not
this role's). What an editor decides is whether a fact is shown: "Hidden" keeps a wrong one off the pages,
and every re-import and catalog load keeps it hidden (roles.publishing.facts_sync).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from roles import models as m
from roles.admin.inlines import RoleContentInline

# The facts a qualifier may be written after, as their labels read on the page.
QUALIFIED_FACTS = {
    "typical_education": "Typical education",
    "typical_experience": "Typical experience",
    "key_certifications": "Key certifications",
    "top_employer_types": "Top employer types",
    "growth_outlook": "Growth outlook",
    "ai_impact": "AI impact",
}
MAX_QUALIFIER = 200


class QualifiersField(forms.CharField):
    """``Role.fact_qualifiers`` as lines of "Fact label: qualifier", checked line by line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None), kwargs.pop("decoder", None)
        kwargs.setdefault("required", False)
        kwargs["help_text"] = (
            "What the source writes in brackets after a fact's label, shown after the label: one line each, "
            f'"Fact: qualifier", e.g. "AI impact: through 2030". Facts: {", ".join(QUALIFIED_FACTS.values())}.'
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dict):
            return "\n".join(f"{QUALIFIED_FACTS.get(key, key)}: {text}" for key, text in value.items())
        return value

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        by_label = {label.lower(): key for key, label in QUALIFIED_FACTS.items()}
        by_label.update({key: key for key in QUALIFIED_FACTS})
        qualifiers, errors = {}, []
        for number, line in enumerate(str(value or "").splitlines(), start=1):
            if not line.strip():
                continue
            label, colon, text = line.partition(":")
            key, text = by_label.get(label.strip().lower()), " ".join(text.split())
            if not colon or not text:
                errors.append(f'Line {number} ("{line.strip()[:60]}"): write "Fact: qualifier".')
            elif key is None:
                errors.append(f'Line {number}: "{label.strip()[:60]}" is not one of the facts listed below.')
            elif key in qualifiers:
                errors.append(f"Line {number}: {QUALIFIED_FACTS[key]} has a qualifier already.")
            elif len(text) > MAX_QUALIFIER:
                errors.append(f"Line {number}: a qualifier is at most {MAX_QUALIFIER} characters.")
            else:
                qualifiers[key] = text
        if errors:
            raise forms.ValidationError(errors)
        return qualifiers

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial or {}) != self.to_python(data)
        except forms.ValidationError:
            return True


class DocumentFactInline(RoleContentInline):
    """The facts other documents give about this role: read-only, each with where it is recomputed from;
    an editor may hide a wrong one."""

    model = m.DocumentFact
    verbose_name = "fact from another document"
    verbose_name_plural = "facts from other documents (recomputed from the document on every import)"
    fields = ["fact", "recomputed_from", "hidden"]
    readonly_fields = ["fact", "recomputed_from"]
    can_delete = False
    max_num = 0  # no row added by hand: a fact is a document's

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="Fact")
    def fact(self, obj):
        figures = []
        for label, value in (("median", obj.median), ("average", obj.average)):
            if value is not None:
                figures.append(f"{label} {value:,} {obj.currency}")
        if obj.min is not None:
            top = f"{obj.max:,}" if obj.max is not None else ""
            figures.append(f"range {obj.min:,}–{top}{'+' if obj.max_open_ended else ''} {obj.currency}")
        if obj.years_label:
            figures.append(obj.years_label)
        return format_html("{} “{}”{}", obj.get_kind_display(), obj.title, f": {', '.join(figures)}" if figures else "")

    @admin.display(description="Recomputed from")
    def recomputed_from(self, obj):
        if obj.source is None:
            return "—"
        section = f" (“{obj.pay_section or obj.source_section}”)" if obj.pay_section or obj.source_section else ""
        return f"{obj.source.title or obj.source.file_name}{section}, on every import of that document."
