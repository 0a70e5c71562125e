"""Admins for the catalog's reference rows: categories, source documents and old addresses."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from roles import models as m


@admin.register(m.Category)
class CategoryAdmin(VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(m.SourceDocument)
class SourceDocumentAdmin(VersionAdmin):
    list_display = ["file_name", "title", "format"]
    list_filter = ["format"]
    search_fields = ["file_name", "title"]
    readonly_fields = ["sha256"]


@admin.register(m.SlugHistory)
class SlugHistoryAdmin(admin.ModelAdmin):
    """Old addresses are written by renaming a role; editors see them, only administrators remove one."""

    list_display = ["slug", "role", "created_at"]
    search_fields = ["slug", "role__title"]
    list_select_related = ["role"]
    readonly_fields = ["slug", "role", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.Figure)
class FigureAdmin(VersionAdmin):
    """Numbers found in a role's source text: kept for reference, reordered rarely, never added by hand.

    Listed here rather than on the role's change page, which they made several times larger.
    """

    list_display = ["text", "role", "kind", "value_min", "value_max", "unit", "order"]
    list_editable = ["order"]
    list_filter = ["kind"]
    search_fields = ["text", "context", "role__title"]
    list_select_related = ["role"]
    fields = ["role", "order", "text", "kind", "value_min", "value_max", "unit", "context", "source", "source_section"]
    readonly_fields = ["role", "text", "kind", "value_min", "value_max", "unit", "context", "source", "source_section"]
    ordering = ["role__title", "order"]

    def has_add_permission(self, request):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # The role's change page links to its figures with ?role__id__exact=<pk>.
        return lookup == "role__id__exact" or super().lookup_allowed(lookup, value, request)


@admin.register(m.CareerMove)
class CareerMoveAdmin(VersionAdmin):
    """Moves between roles read from the sources' prose, for the career map; on their own page for the
    same reason as figures."""

    list_display = ["__str__", "role", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["from_title", "to_title", "evidence", "role__title"]
    list_select_related = ["role"]
    fields = ["role", "order", "kind", "from_title", "from_role", "to_title", "to_role", "evidence"]
    autocomplete_fields = ["role", "from_role", "to_role"]
    ordering = ["role__title", "order"]

    def lookup_allowed(self, lookup, value, request=None):
        return lookup == "role__id__exact" or super().lookup_allowed(lookup, value, request)
