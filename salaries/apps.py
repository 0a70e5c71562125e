from django.apps import AppConfig


class SalariesConfig(AppConfig):
    name = "salaries"
    default_auto_field = "django.db.models.BigAutoField"
