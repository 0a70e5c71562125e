from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save

# Every write to content a role page shows re-indexes what it changed, raw saves from ``loaddata``
# included.
SEARCH_INDEXED_MODELS = [
    "roles.Role",
    "roles.Section",
    "roles.Duty",
    "roles.Skill",
    "roles.Certification",
    "roles.Tool",
    "roles.Step",
    "roles.EducationPath",
    "roles.Qualification",
    "roles.ProCon",
    "roles.FAQ",
    "roles.CareerLevel",
    "roles.RelatedRole",
    "salaries.SalaryBand",
]


class RolesConfig(AppConfig):
    name = "roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Every signal receiver of the project, connected in one place."""
        from careerguide import pagecache
        from roles import search

        for label in SEARCH_INDEXED_MODELS:
            post_save.connect(search.index_saved_row, sender=label, dispatch_uid=f"search-save-{label}")
            post_delete.connect(search.index_deleted_row, sender=label, dispatch_uid=f"search-delete-{label}")
        # A search is stale when text holding one of its words changes.
        search.search_words_changed.connect(pagecache.search_words_changed, dispatch_uid="page-cache-search-words")
        # Every content save or delete, wherever it comes from (admin, import, loaddata), stales the cached
        # pages that show it (careerguide.pagetags).
        for model in pagecache.content_models():
            label = model._meta.label
            pre_save.connect(pagecache.content_before_save, sender=model, dispatch_uid=f"page-cache-pre-{label}")
            post_save.connect(pagecache.content_saved, sender=model, dispatch_uid=f"page-cache-save-{label}")
            post_delete.connect(pagecache.content_deleted, sender=model, dispatch_uid=f"page-cache-delete-{label}")
