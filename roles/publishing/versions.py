"""Versions as the base of a merge: the first version of a role, and the state a version holds."""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.db import transaction
from reversion.models import Revision, Version

from roles.models import Role

FIRST_VERSION_COMMENT = "First recorded version: the role as it was before its first change here."
# The revisions no editor made: a document's import (through the admin or a catalog load), the first version.
MACHINE_COMMENTS = ("Imported ", FIRST_VERSION_COMMENT)


@transaction.atomic
def role_record_first_version(*, role: Role) -> bool:
    """Record the role as it is, when it has no version yet (it was loaded from a fixture).

    Called before the first change is written, so that change has a version to be compared with,
    merged against and undone to. Outside any other revision: it must be a version of its own.
    """
    if Version.objects.get_for_object(role).exists():
        return False
    with reversion.create_revision():
        reversion.set_comment(FIRST_VERSION_COMMENT)
        reversion.add_to_revision(role)
    return True


def role_field_last_change(*, role: Role, attname: str) -> Revision | None:
    """The revision that made the newest change to the role's ``attname``; None when no version records one.

    The role's versions are read newest first until one holds another value: the version after it made
    the change. A value no version holds yet was written outside any revision (editors' saves and
    restores are always versioned, so by no editor); a value unchanged since the first version is as loaded.
    """
    newer_value, newer_revision = getattr(role, attname), None
    versions = Version.objects.get_for_object(role).select_related("revision").order_by("-revision_id")
    for version in versions:
        value = version.field_dict.get(attname)
        if value != newer_value:
            return newer_revision
        newer_value, newer_revision = value, version.revision
    return None


def made_by_an_editor(revision: Revision) -> bool:
    return not revision.comment.startswith(MACHINE_COMMENTS)


@dataclass
class VersionState:
    """A role and its rows as one revision holds them: field values by attribute name."""

    revision_id: int
    role: dict
    rows: dict[tuple[type, str], dict]  # (model, object id) -> field values


def role_latest_revision_id(role: Role) -> int:
    """The newest revision holding the role, or 0 when it has none."""
    latest = Version.objects.get_for_object(role).order_by("-revision_id").values_list("revision_id", flat=True)
    return latest.first() or 0


def role_state_at(*, role: Role, revision_id: int) -> VersionState | None:
    """The role and its rows in ``revision_id`` (0: its first version); None when there is none."""
    versions = Version.objects.get_for_object(role)
    version = versions.filter(revision_id=revision_id).first() if revision_id else versions.order_by("pk").first()
    if version is None:
        return None
    rows = {}
    for child in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        model = child.content_type.model_class()
        if model is not None:
            rows[(model, str(child.object_id))] = child.field_dict
    return VersionState(revision_id=version.revision_id, role=version.field_dict, rows=rows)
