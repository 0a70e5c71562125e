from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every content save or delete, wherever it comes from (admin, import, loaddata), stales cached pages.
        from roles.caching import connect_signals

        connect_signals()
