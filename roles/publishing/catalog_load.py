"""Loading the built catalog into a database editors have worked in: their changes are never overwritten.

A role that has versions (an editor changed it, or it was imported through the admin) is merged as a
re-import is (roles.publishing.reimport): the fixture is the new document, and conflicts keep the
editor's value and are reported for an editor to settle. Everything else loads as ``loaddata`` would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.core import serializers
from django.db import transaction
from reversion.models import Version

from roles.models import Role
from roles.publishing.imports import remove_rows_dropped_from_document
from roles.publishing.reimport import role_reimport_merge

EDITOR_OWNED = ("slug", "is_published", "category")


@dataclass
class CatalogLoadReport:
    merged_roles: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # editors' changes the load left as they were
    conflicts: list[str] = field(default_factory=list)  # both changed: the editor's value stays, to check


def split_edited_roles(records: list[dict]) -> tuple[list[dict], dict[str, list[dict]]]:
    """The records to load as they are, and per role editors have worked on (by key) that role's records."""
    role_keys = [r["fields"]["key"] for r in records if r.get("model") == "roles.role" and r["fields"].get("key")]
    edited = {
        str(role.key)
        for role in Role.objects.filter(key__in=role_keys)
        if Version.objects.get_for_object(role).exists()
    }
    plain, by_role = [], {key: [] for key in edited}
    for record in records:
        fields = record["fields"]
        if record["model"] == "roles.role":
            key = fields.get("key")
        else:  # a role named by its natural key; a fixture dumped without natural keys loads as it is
            key = fields["role"][0] if isinstance(fields.get("role"), list) and fields["role"] else None
        (by_role[key] if key in edited else plain).append(record)
    return plain, by_role


@transaction.atomic
def role_load_merged(*, records: list[dict], report: CatalogLoadReport) -> None:
    """Load one edited role's records from the catalog, merged with what editors changed."""
    role_record = next(r for r in records if r["model"] == "roles.role")
    role = Role.objects.select_related("category").get(key=role_record["fields"]["key"])
    file_name = role_record["fields"]["source"][0] if role_record["fields"].get("source") else ""
    role_record["fields"].update(slug=role.slug, is_published=role.is_published, category=[role.category.slug])
    merged = role_reimport_merge(role=role, file_name=file_name, records=records, choices={})
    with reversion.create_revision():
        reversion.set_comment(f"Imported {file_name} (catalog load).")
        written: dict[str, set[str]] = {}
        for obj in serializers.deserialize("python", records, handle_forward_references=True):
            key = (obj.object._meta.label_lower, str(obj.object.key))
            if key in merged.skip_rows:
                continue
            for attname, value in merged.keep_ours.get(key, {}).items():
                setattr(obj.object, attname, value)
            obj.save()
            if obj.deferred_fields:
                obj.save_deferred_fields()
            written.setdefault(key[0], set()).add(key[1])
        for label, key in merged.keep_rows:
            written.setdefault(label, set()).add(key)
        remove_rows_dropped_from_document(role=role, file_name=file_name, written=written)
        reversion.add_to_revision(role)
    report.merged_roles.append(role.title)
    for change in merged.changes:
        where = f"{role.title}: {change.kind} “{change.row}”" + (f" — {change.field}" if change.field else "")
        if change.action == "editor":
            report.kept.append(where)
        elif change.action == "conflict":
            report.conflicts.append(where)
