"""Re-importing a document into a role editors have changed: a three-way merge (roles.publishing.merge).

base   = the role as the document's last import wrote it (that import's version, or the role's first
         recorded version when it came from the fixture);
ours   = the role now, with editors' changes;
theirs = what the new document would write.

A field only the document changed takes the document's value; a field only editors changed keeps
theirs; a field both changed is a conflict, settled by a choice (keep the editor's, the default, or
take the document's). A row an editor deleted stays deleted unless the document changed it (a
conflict); a row the document dropped is removed unless an editor changed it (a conflict).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core import serializers
from django.db.models import Q
from django.utils.text import capfirst
from reversion.models import Version

from roles.models import DocumentFact, Role
from roles.publishing import merge
from roles.publishing.versions import VersionState, role_state_at

# Bookkeeping, not content: never compared or merged.
NOT_MERGED = {"id", "key", "role", "source", "source_section", "updated_at", "slug", "is_published", "category"}
FACTS = "roles.documentfact"
KEEP_EDITORS = "ours"
TAKE_DOCUMENTS = "theirs"


@dataclass
class Change:
    """One line of the preview."""

    ident: str  # "<model label>:<key>[:<field>]", what a conflict's choice is posted under
    kind: str  # "Duties", "Role"...
    row: str
    field: str  # the field's label, or "" for a whole row
    action: str  # "document", "editor" (kept), "conflict", "added", "removed", "kept-deleted", "kept-row"
    before: object = None  # base value
    after: object = None  # the value the import leaves (or, for a conflict, the document's)
    ours: object = None  # the editor's value


@dataclass
class ReimportMerge:
    base_label: str = ""
    changes: list[Change] = field(default_factory=list)
    keep_ours: dict[tuple[str, str], dict[str, object]] = field(default_factory=dict)  # attname -> editor's value
    skip_rows: set[tuple[str, str]] = field(default_factory=set)  # rows editors deleted: not written again
    keep_rows: set[tuple[str, str]] = field(default_factory=set)  # rows the document dropped: not removed

    @property
    def conflicts(self) -> list[Change]:
        return [c for c in self.changes if c.action == "conflict"]


def import_base(*, role: Role, file_name: str) -> VersionState | None:
    """The role as the document's last import left it, or as first recorded; None without versions."""
    versions = Version.objects.get_for_object(role).select_related("revision").order_by("-revision_id")
    prefix = f"Imported {file_name} "
    for version in versions.only("revision_id", "revision__comment"):
        if version.revision.comment.startswith(prefix):
            return role_state_at(role=role, revision_id=version.revision_id)
    return role_state_at(role=role, revision_id=0)


def _values(obj, names) -> dict:
    return {name: getattr(obj, obj._meta.get_field(name).attname) for name in names}


def _merged_fields(model) -> list[str]:
    if model is DocumentFact:  # its figures are always the document's; an editor only hides it
        return ["hidden"]
    return [f.name for f in model._meta.concrete_fields if f.name not in NOT_MERGED]


def role_reimport_merge(*, role: Role, file_name: str, records: list[dict], choices: dict[str, str]) -> ReimportMerge:
    """What importing ``records`` into ``role`` does, field by field, with ``choices`` for conflicts."""
    base = import_base(role=role, file_name=file_name)
    result = ReimportMerge(base_label="the last import" if base else "")
    base_rows: dict[tuple[str, str], dict] = {}
    if base is not None:
        base_rows[("roles.role", str(role.key))] = base.role
        for (model, _pk), values in base.rows.items():
            base_rows[(model._meta.label_lower, str(values.get("key")))] = values
    labels = {"roles.role", FACTS} | {r["model"] for r in records if r["model"] != "roles.role"}
    ours: dict[tuple[str, str], object] = {("roles.role", str(role.key)): role}
    for label in labels - {"roles.role", "roles.category", "roles.sourcedocument"}:
        rows = apps.get_model(label)._default_manager.filter(role=role)
        if label == FACTS:  # the facts this document gives about other roles are its rows too
            rows = DocumentFact.all_objects.filter(Q(role=role) | Q(source__file_name=file_name))
        for obj in rows.select_related("source"):
            ours[(label, str(obj.key))] = obj
    documents = {}
    for deserialized in serializers.deserialize("python", records, handle_forward_references=True):
        obj = deserialized.object
        label = obj._meta.label_lower
        if label in ("roles.category", "roles.sourcedocument"):
            continue
        documents[(label, str(obj.key))] = obj

    for key, doc_obj in documents.items():
        model = type(doc_obj)
        names = _merged_fields(model)
        kind = capfirst(model._meta.verbose_name_plural) if key[0] != "roles.role" else "Role"
        our_obj, base_values = ours.get(key), base_rows.get(key)
        theirs = _values(doc_obj, names)
        row = str(our_obj or doc_obj)[:80]
        if model is DocumentFact and our_obj is not None:
            _fact_figures_changed(result, f"{key[0]}:{key[1]}", kind, row, our_obj, doc_obj)
        if base_values is None:
            if our_obj is None:
                result.changes.append(Change(f"{key[0]}:{key[1]}", kind, row, "", "added"))
            continue  # a row new to this role, or one editors added under the same key: written as is
        base_values = {name: base_values.get(model._meta.get_field(name).attname) for name in names}
        if our_obj is None:  # an editor deleted it
            document_changed = any(not merge.same(theirs[n], base_values[n]) for n in names)
            ident = f"{key[0]}:{key[1]}"
            if not document_changed or choices.get(ident, KEEP_EDITORS) == KEEP_EDITORS:
                result.skip_rows.add(key)
            action = "conflict" if document_changed else "kept-deleted"
            result.changes.append(Change(ident, kind, row, "", action, ours="(deleted)", after="(changed)"))
            continue
        mine = _values(our_obj, names)
        fields = merge.merge_fields(base_values, theirs, mine)
        keep = {}
        for name in names:
            label = capfirst(model._meta.get_field(name).verbose_name)
            ident = f"{key[0]}:{key[1]}:{name}"
            attname = model._meta.get_field(name).attname
            if name in fields.conflicts:
                if choices.get(ident, KEEP_EDITORS) == KEEP_EDITORS:
                    keep[attname] = mine[name]
                result.changes.append(
                    Change(ident, kind, row, label, "conflict", base_values[name], theirs[name], mine[name])
                )
            elif name in fields.mine_changed:
                keep[attname] = mine[name]
                result.changes.append(
                    Change(ident, kind, row, label, "editor", base_values[name], mine[name], mine[name])
                )
            elif name in fields.take_theirs:
                result.changes.append(
                    Change(ident, kind, row, label, "document", base_values[name], theirs[name], mine[name])
                )
        if keep:
            result.keep_ours[key] = keep

    # Rows of this document the new version no longer has.
    for key, our_obj in ours.items():
        if key in documents or key[0] == "roles.role" or getattr(our_obj, "source", None) is None:
            continue
        if our_obj.source.file_name != file_name:
            continue
        base_values = base_rows.get(key)
        model = type(our_obj)
        names = _merged_fields(model)
        kind = capfirst(model._meta.verbose_name_plural)
        ident = f"{key[0]}:{key[1]}"
        attnames = [model._meta.get_field(n).attname for n in names]
        # A fact the document no longer gives goes, hidden or not: there is nothing left to hide.
        edited = (
            model is not DocumentFact
            and base_values is not None
            and any(not merge.same(getattr(our_obj, a), base_values.get(a)) for a in attnames)
        )
        if edited:
            if choices.get(ident, KEEP_EDITORS) == KEEP_EDITORS:
                result.keep_rows.add(key)
            result.changes.append(
                Change(ident, kind, str(our_obj)[:80], "", "conflict", ours="(edited)", after="(removed)")
            )
        else:
            result.changes.append(Change(ident, kind, str(our_obj)[:80], "", "removed"))
    return result


def _fact_figures_changed(result: ReimportMerge, ident: str, kind: str, row: str, ours, theirs) -> None:
    """A fact's figures are the document's: each one the new version changes is listed, and taken."""
    for f in DocumentFact._meta.concrete_fields:
        if f.name in NOT_MERGED or f.name == "hidden":
            continue
        before, after = getattr(ours, f.attname), getattr(theirs, f.attname)
        if not merge.same(before, after):
            result.changes.append(
                Change(f"{ident}:{f.name}", kind, row, capfirst(f.verbose_name), "document", before, after, before)
            )
