"""Editors may also add, change, delete and view career moves (a content model added in 0004)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    roles = apps.get_app_config("roles")
    roles.models_module = True
    create_permissions(roles, apps=apps, verbosity=0)
    roles.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="roles", codename__in=[f"{action}_careermove" for action in ACTIONS]
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*group.permissions.filter(codename__endswith="_careermove"))


class Migration(migrations.Migration):
    dependencies = [("roles", "0004_career_moves")]

    operations = [migrations.RunPython(grant, revoke)]
