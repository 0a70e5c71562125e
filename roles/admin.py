"""Admin for the content. Every model is registered so editors can inspect and correct it."""

from django.contrib import admin

from . import models

admin.site.register(models.SourceDocument, list_display=["file_name", "title", "format", "sha256"])
admin.site.register(models.Category, list_display=["name", "slug"], prepopulated_fields={"slug": ["name"]})
admin.site.register(
    models.Role,
    list_display=["title", "slug", "category", "median_salary", "is_published"],
    list_filter=["category", "is_published"],
    search_fields=["title", "summary"],
    prepopulated_fields={"slug": ["title"]},
)
admin.site.register(models.SlugHistory, list_display=["slug", "role", "created_at"])
for model in [
    models.Section,
    models.Duty,
    models.Skill,
    models.Certification,
    models.Tool,
    models.Step,
    models.EducationPath,
    models.Qualification,
    models.ProCon,
    models.FAQ,
    models.CareerLevel,
    models.RelatedRole,
    models.Figure,
]:
    admin.site.register(model, list_display=["__str__", "role", "order", "source"], list_filter=["role"])
