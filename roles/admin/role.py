"""The editors' admin: a role and all its content on one page, versioned, with document import.

Every change made here is a django-reversion version (who, when, what); see ``roles.admin.versions``
for what a version carries.
"""

from __future__ import annotations

import base64
import re
import uuid

import reversion
from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from reversion.admin import VersionAdmin
from reversion.models import Version

from roles import models as m
from roles.admin import concurrent, diff, presence
from roles.admin.facts import DocumentFactInline, QualifiersField
from roles.admin.inlines import (
    CareerLevelInline,
    CertificationInline,
    DutyInline,
    EducationPathInline,
    FAQInline,
    ProConInline,
    QualificationInline,
    RelatedRoleInline,
    RoleSalaryBandInline,
    SectionInline,
    SkillInline,
    StepInline,
    ToolInline,
)
from roles.admin.text_input import NormalisedTextMixin
from roles.importers import MAX_DOCUMENT_BYTES, DocumentError, parse_bytes
from roles.publishing.facts_sync import (
    role_fact_headlines,
    role_facts_after_restore,
    role_facts_now,
    role_headline_from_facts,
)
from roles.publishing.imports import role_import_document, role_import_plan, role_keep_address_after_revert
from roles.publishing.versions import role_record_first_version
from salaries.models import Occupation


class RoleAdminForm(forms.ModelForm):
    class Meta:
        model = m.Role
        fields = [  # the ModelAdmin's fieldsets choose what shows; this is what the form may change
            "title",
            "slug",
            "category",
            "summary",
            "is_published",
            "typical_education",
            "typical_experience",
            "experience_years_min",
            "experience_years_max",
            "top_employer_types",
            "growth_outlook",
            "growth_percent",
            "growth_period_start",
            "growth_period_end",
            "growth_source",
            "annual_openings",
            "annual_openings_source",
            "median_salary",
            "median_salary_currency",
            "median_salary_source",
            "median_salary_year",
            "ai_impact",
            "fact_qualifiers",
            "soc_code",
        ]
        field_classes = {"fact_qualifiers": QualifiersField}
        help_texts = {
            # The admin shows help text as HTML, so the model's "/roles/<slug>/" would lose its <slug>.
            "slug": "The end of the role page's web address: technical-support-specialist gives "
            "/roles/technical-support-specialist/. Changing it keeps the old address working (it redirects).",
            "category": "The group the role is listed under on the site.",
            "typical_education": "As the source words it, e.g. \"Associate's or bachelor's degree\".",
            "experience_years_min": "The fewest years of experience, as a whole number.",
            "median_salary": "Per year, a whole number without symbols or commas: 52000, not $52k.",
            "median_salary_currency": "A three-letter currency code such as USD, EUR or GBP.",
        }

    def clean(self):
        cleaned = super().clean()
        # Set by RoleAdmin.get_form for a save of this form (roles.admin.concurrent).
        outcome = getattr(self, "save_merge", None)
        if outcome is not None and outcome.error:
            raise forms.ValidationError(outcome.error)
        if outcome is not None and outcome.conflicts:
            raise forms.ValidationError(
                f"Someone else saved this role while you were editing it ({outcome.by}) and changed "
                f"{len(outcome.conflicts)} of the things you changed. Nothing was saved. Each conflict is listed "
                "below with their value and yours: tick “use theirs”, or keep or edit yours, then save again."
            )
        return cleaned

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        other = m.Role.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if other:
            raise forms.ValidationError(f'"{slug}" is already the address of "{other.title}". Choose another.')
        return slug


@admin.register(m.Role)
class RoleAdmin(NormalisedTextMixin, VersionAdmin):
    form = RoleAdminForm
    list_display = ["title", "slug", "category", "median_salary", "is_published", "updated_at", "view_link"]
    list_display_links = ["title"]
    list_filter = ["is_published", "category", "source__format"]
    search_fields = ["title", "slug", "summary", "old_slugs__slug"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["key", "updated_at", "source", "old_addresses", "official_occupation", "figures", "career_moves"]
    save_on_top = True
    history_latest_first = True
    object_history_template = "admin/roles/role/object_history.html"
    change_list_template = "admin/roles/role/change_list.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "is_published"]}),
        (
            "At a glance",
            {
                "fields": [
                    "typical_education",
                    "typical_experience",
                    ("experience_years_min", "experience_years_max"),
                    "top_employer_types",
                    "fact_qualifiers",
                ]
            },
        ),
        (
            "Pay and outlook",
            {
                "fields": [
                    ("median_salary", "median_salary_currency", "median_salary_year"),
                    "median_salary_source",
                    "growth_outlook",
                    ("growth_percent", "growth_period_start", "growth_period_end"),
                    "growth_source",
                    ("annual_openings", "annual_openings_source"),
                    "ai_impact",
                ]
            },
        ),
        ("Official wages (BLS OEWS)", {"fields": ["soc_code", "official_occupation"]}),
        (
            "Record",
            {
                "fields": ["figures", "career_moves", "old_addresses", "source", "updated_at", "key"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [
        SectionInline,
        DutyInline,
        SkillInline,
        CertificationInline,
        ToolInline,
        StepInline,
        EducationPathInline,
        QualificationInline,
        ProConInline,
        FAQInline,
        CareerLevelInline,
        RoleSalaryBandInline,
        RelatedRoleInline,
        DocumentFactInline,
    ]

    @admin.display(description="Page")
    def view_link(self, obj):
        return format_html('<a href="{}">View</a>', obj.get_absolute_url())

    @admin.display(description="Official occupation title")
    def official_occupation(self, obj):
        if not obj.soc_code:
            return "No SOC code: the role page shows no official wages."
        occupation = Occupation.objects.filter(code=obj.soc_code).first()
        return occupation.title if occupation else f"{obj.soc_code} is not in the imported OEWS release."

    # Long lists read from the source text are edited on their own pages: the change page stays light.
    def _own_page(self, obj, model_name: str, rows):
        if not obj.pk:
            return "—"
        url = reverse(f"admin:roles_{model_name}_changelist") + f"?role__id__exact={obj.pk}"
        return format_html('<a href="{}">{} rows, on their own page</a>', url, rows.count())

    @admin.display(description="Figures found in the source")
    def figures(self, obj):
        return self._own_page(obj, "figure", obj.figures)

    @admin.display(description="Career moves read from the source")
    def career_moves(self, obj):
        return self._own_page(obj, "careermove", obj.career_moves)

    @admin.display(description="Old addresses (they redirect here)")
    def old_addresses(self, obj):
        slugs = [h.slug for h in obj.old_slugs.all()] if obj.pk else []
        return ", ".join(slugs) or "—"

    # Concurrent saves merge (roles.admin.concurrent) -----------------------------------------

    def _parts(self, request, role) -> tuple[concurrent.Part, list[concurrent.Part]]:
        role_part = concurrent.Part("", m.Role, dict(super().get_form(request, role, change=True).base_fields))
        inline_parts = []
        for inline in self.get_inline_instances(request, role):
            formset = inline.get_formset(request, role)
            can_add = inline.get_max_num(request, role) != 0 and inline.has_add_permission(request, role)
            inline_parts.append(
                concurrent.Part(
                    formset.get_default_prefix(),
                    inline.model,
                    dict(formset.form.base_fields),
                    capfirst(inline.verbose_name_plural),
                    can_add,
                )
            )
        return role_part, inline_parts

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        response.add_post_render_callback(compact_whitespace)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        outcome = getattr(request, "role_save_merge", None)
        return type(form.__name__, (form,), {"save_merge": outcome}) if outcome is not None else form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        role = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        outcome = None
        if role is not None and request.method == "POST" and self.has_change_permission(request, role):
            role_part, inline_parts = self._parts(request, role)
            outcome = concurrent.merge_role_post(
                request=request, role=role, role_part=role_part, inline_parts=inline_parts
            )
            if outcome.changes and not (outcome.error or outcome.conflicts):
                # Before this save's own revision: the first change of a role loaded from a fixture needs
                # a version of the role before it, to compare with, merge against and go back to.
                role_record_first_version(role=role)
            request.POST = outcome.data
            request.role_save_merge = outcome
            context["save_merge"] = outcome
        if role is not None:
            context["editing_base"] = concurrent.editing_token(role)
            context["also_editing"] = presence.note_and_list_others(role_pk=role.pk, user=request.user)
        response = super().change_view(request, object_id, form_url, context)
        if outcome is not None and response.status_code == 302 and outcome.merged:
            messages.info(
                request,
                f"Merged with what was saved while you were editing ({outcome.by}): " + "; ".join(outcome.merged) + ".",
            )
        return response

    # Saving: a save that changes nothing writes nothing (no row, no version) ------------------

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
        # A change is written in save_related, once it is known whether anything changed at all.

    def save_related(self, request, form, formsets, change):
        if change:
            restoring = getattr(request, "role_restoring", False)
            if restoring or form.has_changed() or any(formset.has_changed() for formset in formsets):
                # Saved even when only rows changed, so the role's version (with its rows) records the change.
                super().save_model(request, form.instance, form, change)
            else:
                messages.info(request, "Nothing was changed, so nothing was saved.")
        super().save_related(request, form, formsets, change)
        if any(formset.model is m.DocumentFact and formset.has_changed() for formset in formsets):
            # A fact hidden or shown again: the headline median follows the facts shown, if it was a fact's.
            role_headline_from_facts(role=form.instance, from_facts=role_fact_headlines(form.instance))

    # Deleting ------------------------------------------------------------------------------

    def _snapshot_before_delete(self, request, obj):
        # A role loaded from a fixture has no version yet; without this it could not be recovered.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Deleted.")
            reversion.add_to_revision(obj)
            for old in obj.old_slugs.all():
                reversion.add_to_revision(old)

    def delete_model(self, request, obj):
        self._snapshot_before_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._snapshot_before_delete(request, obj)
        super().delete_queryset(request, queryset)

    # Reverting keeps the address being replaced ---------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # A restore is saved (and so versioned) even when the form is the restored content unchanged.
        request.role_restoring = True
        role = m.Role.objects.filter(pk=unquote(object_id)).only("slug").first()
        if role is not None:
            # What the documents give now, put back over the version's facts once it is reverted.
            request.role_facts_documents_give = role_facts_now(role.pk)
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302 and role:
            role_keep_address_after_revert(role=role, previous_slug=role.slug)
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        documents_give = getattr(request, "role_facts_documents_give", None)
        if documents_give is not None and object_id:
            # Inside the restore's transaction, after the revert: the preview and the save show current facts.
            role = m.Role.objects.filter(pk=unquote(object_id)).first()
            if role is not None:
                role_facts_after_restore(role=role, documents_give=documents_give)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.role_restoring = True
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = get_object_or_404(Version, pk=version_id)
            role = m.Role.objects.filter(pk=version.object_id).first()
            if role:
                role_keep_address_after_revert(role=role, previous_slug="")
        return response

    # History with comparison ----------------------------------------------------------------

    def _versions(self, object_id):
        return (
            Version.objects.get_for_object_reference(m.Role, unquote(object_id))
            .select_related("revision", "revision__user")
            .order_by("-pk")
        )

    def history_view(self, request, object_id, extra_context=None):
        context = {"versions": self._versions(object_id)}
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        role = get_object_or_404(m.Role, pk=unquote(object_id))
        versions = self._versions(object_id)
        try:
            chosen = [get_object_or_404(versions, pk=int(request.GET[name])) for name in ("a", "b")]
        except (KeyError, ValueError):
            messages.error(request, "Choose two versions to compare.")
            return redirect("admin:roles_role_history", object_id)
        older, newer = sorted(chosen, key=lambda v: v.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": role,
            "title": f"Compare versions of {role}",
            "older": older,
            "newer": newer,
            "role_changes": diff.field_changes(older.field_dict, newer.field_dict),
            "child_changes": diff.child_changes(older, newer),
        }
        return TemplateResponse(request, "admin/roles/role/compare.html", context)

    # Import ---------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="roles_role_import"),
            path("<path:object_id>/history/compare/", view(self.compare_view), name="roles_role_compare"),
        ] + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": "Import a document"}
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirm(request)
        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["document"]
            data = upload.read()
            try:
                parsed = parse_bytes(data, upload.name)
                plan = role_import_plan(parsed=parsed)
            except DocumentError as exc:
                form.add_error("document", str(exc))
            else:
                token = uuid.uuid4().hex
                # The bytes wait in the session (not on disk) until the editor confirms.
                request.session[IMPORT_SESSION_KEY] = {
                    "token": token,
                    "name": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                }
                context.update(
                    plan=plan,
                    parsed=parsed,
                    token=token,
                    title="Check the import",
                    merge_changes=_with_diffs(plan.merge.changes) if plan.merge else [],
                )
                return TemplateResponse(request, "admin/roles/role/import_preview.html", context)
        context["form"] = form
        return TemplateResponse(request, "admin/roles/role/import_form.html", context)

    def _import_confirm(self, request):
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token"):
            messages.error(request, "That import has expired. Upload the document again.")
            return redirect("admin:roles_role_import")
        try:
            parsed = parse_bytes(base64.b64decode(pending["data"]), pending["name"])
            choices = {
                name.removeprefix("choice:"): value
                for name, value in request.POST.items()
                if name.startswith("choice:")
            }
            role = role_import_document(parsed=parsed, user=request.user, choices=choices)
        except DocumentError as exc:
            messages.error(request, str(exc))
            return redirect("admin:roles_role_import")
        del request.session[IMPORT_SESSION_KEY]
        self.log_change(request, role, f"Imported {pending['name']}.")
        messages.success(request, f'Imported "{pending["name"]}" into {role.title}.')
        return redirect("admin:roles_role_change", role.pk)


IMPORT_SESSION_KEY = "roles_admin_import"


def _with_diffs(changes) -> list[dict]:
    """The re-import's changes for the preview, each with a word diff of what it does."""
    rows = []
    for change in changes:
        if change.action == "editor":
            before, after = change.before, change.ours
        elif change.action == "conflict":
            before, after = change.ours, change.after
        else:
            before, after = change.before, change.after
        rows.append({"change": change, "before": before, "after": after, "diff": diff.word_diff(before, after)})
    return rows


# Blank lines and indentation, a third of the change page as the admin's templates render it. Text whose
# whitespace matters (textareas, pre, scripts) is left exactly as rendered.
_VERBATIM = re.compile(r"(<(textarea|pre|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_INDENTED_LINES = re.compile(r"\n\s+")


def compact_whitespace(response):
    parts = _VERBATIM.split(response.content.decode(response.charset))
    # split() gives: text, verbatim block, its tag name, text, ...; the tag names are dropped.
    html = "".join(
        _INDENTED_LINES.sub("\n", part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2
    )
    response.content = html.encode(response.charset)
    return response


class DocumentUploadForm(forms.Form):
    document = forms.FileField(
        help_text="A career guide or a job-description page saved as a plain-text (.txt, UTF-8) file. "
        "Nothing is saved until you have checked the preview and confirmed."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_document(self):
        # Checked on the size the upload declares, before a byte of it is read into memory.
        document = self.cleaned_data["document"]
        if document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(
                f"{document.name}: the file is {document.size:,} bytes; "
                f"a source document is at most {MAX_DOCUMENT_BYTES:,} bytes ({MAX_DOCUMENT_BYTES // 2**20} MB)."
            )
        return document
