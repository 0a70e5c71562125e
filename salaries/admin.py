from django.contrib import admin

from .models import SalaryBand

admin.site.register(
    SalaryBand,
    list_display=["label", "role", "kind", "region", "currency", "min", "median", "max"],
    list_filter=["kind", "currency", "role"],
    search_fields=["label", "region", "role__title"],
)
