"""The dates a loaded catalog shows: when each document version was imported, when each role last changed.

Fixture rows carry no dates (the fixture depends on the sources alone), so ``loaddata`` leaves a
document's ``imported_at`` empty and stamps a role with the time of the load. These two functions,
run around a load, keep the dates of everything whose documents did not change. Rows that carry their own
date (a ``dumpdata`` of a catalog) keep it. ``document_dates`` and ``date_documents`` do the documents'
part for an import of one document through the admin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from roles.models import Role, SourceDocument


@dataclass
class CatalogDates:
    documents: dict[str, tuple[str, object]]  # file name -> (sha256, imported_at)
    roles: dict[str, object]  # role key -> updated_at


def document_dates(file_names: list[str] | None = None) -> dict[str, tuple[str, object]]:
    """Each document's version and import date (of these files, or of all), before they are written again."""
    documents = SourceDocument.objects.all()
    if file_names is not None:
        documents = documents.filter(file_name__in=file_names)
    return {name: (sha, at) for name, sha, at in documents.values_list("file_name", "sha256", "imported_at")}


def catalog_dates() -> CatalogDates:
    """The dates before a load."""
    return CatalogDates(
        documents=document_dates(),
        roles={str(key): at for key, at in Role.objects.values_list("key", "updated_at")},
    )


def date_documents(
    before: dict[str, tuple[str, object]], file_names: list[str] | None = None, *, now: dt.datetime | None = None
) -> set[int]:
    """After documents were written: each keeps the date its version was first imported, else is dated now.

    A version seen before keeps that date; a row that brought its own date keeps it; any other is new or
    changed, and is dated now. Returns the ids of the documents dated now.
    """
    now = now or timezone.now()
    changed: set[int] = set()
    documents = SourceDocument.objects.only("pk", "file_name", "sha256", "imported_at")
    if file_names is not None:
        documents = documents.filter(file_name__in=file_names)
    for document in documents:
        sha, imported_at = before.get(document.file_name, (None, None))
        if sha == document.sha256 and imported_at is not None:
            keep = imported_at
        elif document.imported_at is not None:
            continue
        else:
            keep = now
            changed.add(document.pk)
        if document.imported_at != keep:
            SourceDocument.objects.filter(pk=document.pk).update(imported_at=keep)
    return changed


def _roles_of_documents(document_ids: set[int]) -> set[int]:
    """Roles with any row from these documents (the role itself or its sections)."""
    if not document_ids:
        return set()
    Section = apps.get_model("roles", "Section")
    ids = set(Role.objects.filter(source_id__in=document_ids).values_list("pk", flat=True))
    ids |= set(Section.objects.filter(source_id__in=document_ids).values_list("role_id", flat=True))
    return ids


def restore_catalog_dates(before: CatalogDates) -> None:
    """After a load: date new or changed documents now, and keep the dates of roles none of whose documents changed."""
    now = timezone.now()
    changed = date_documents(before.documents, now=now)
    touched = _roles_of_documents(changed)
    for pk, key, updated_at in Role.objects.exclude(Q(pk__in=touched)).values_list("pk", "key", "updated_at"):
        previous = before.roles.get(str(key))
        if previous is not None and previous != updated_at:
            Role.objects.filter(pk=pk).update(updated_at=previous)
    Role.objects.filter(pk__in=touched).update(updated_at=now)
