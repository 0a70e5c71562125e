"""Editors may hide a fact another document gives about a role (DocumentFact.hidden): they view and change
facts in the role's admin page; they neither add nor delete them (a fact is its document's)."""

import django.db.models.manager
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ACTIONS = ["change", "view"]


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
            content_type__app_label="roles", codename__in=[f"{action}_documentfact" for action in ACTIONS]
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*group.permissions.filter(codename__endswith="_documentfact"))


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0029_role_fact_qualifiers"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="documentfact",
            options={"default_manager_name": "all_objects", "ordering": ["order", "id"]},
        ),
        migrations.AlterModelManagers(
            name="documentfact",
            managers=[
                ("all_objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.AddField(
            model_name="documentfact",
            name="hidden",
            field=models.BooleanField(
                default=False,
                help_text="Hide a wrong fact from the role's pages. Re-imports keep it hidden; untick to show it again.",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
