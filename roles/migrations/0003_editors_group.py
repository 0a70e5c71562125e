"""The "Editors" group: add, change, delete and view the portal's content, and nothing else.

No users, groups or permissions, so an editor cannot grant themselves more. Old addresses
(SlugHistory) are view-only: they are written by renaming a role and must keep redirecting.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
CONTENT_MODELS = {
    "roles": [
        "sourcedocument",
        "category",
        "role",
        "section",
        "duty",
        "skill",
        "certification",
        "tool",
        "step",
        "educationpath",
        "qualification",
        "procon",
        "faq",
        "careerlevel",
        "relatedrole",
        "figure",
    ],
    "salaries": ["salaryband"],
}
VIEW_ONLY_MODELS = {"roles": ["slughistory"]}
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (app, f"{action}_{model}") for app, models in CONTENT_MODELS.items() for model in models for action in ACTIONS
    ]
    wanted += [(app, f"view_{model}") for app, models in VIEW_ONLY_MODELS.items() for model in models]
    group, _ = Group.objects.get_or_create(name=GROUP)
    permissions = [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0002_search_index"),
        ("salaries", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
