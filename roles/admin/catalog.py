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
