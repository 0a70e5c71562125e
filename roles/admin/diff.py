"""What changed between two versions of a role, or between a role and an imported document, for editors."""

from __future__ import annotations

import difflib

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from reversion.models import Version

from roles import models as m


def _field_label(model, name: str) -> str:
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def field_changes(old: dict, new: dict, model=m.Role) -> list[dict]:
    """Fields whose values differ, with a word-level diff for text."""
    changes = []
    for name in sorted(set(old) | set(new)):
        if name in ("updated_at", "id"):
            continue
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        label = _field_label(model, name)
        changes.append({"field": label, "before": before, "after": after, "diff": word_diff(before, after)})
    return changes


def word_diff(before, after) -> list[tuple[str, str]]:
    if not isinstance(before, str) or not isinstance(after, str):
        return []
    ops = []
    a, b = before.split(" "), after.split(" ")
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(a[i1:i2])))
        else:
            if i1 != i2:
                ops.append(("removed", " ".join(a[i1:i2])))
            if j1 != j2:
                ops.append(("added", " ".join(b[j1:j2])))
    return ops


def _child_rows(version: Version) -> dict[tuple[str, str], Version]:
    rows = {}
    for child in version.revision.version_set.exclude(pk=version.pk).select_related("content_type"):
        if child.content_type.model_class() is m.SlugHistory:
            continue
        rows[(child.content_type.model_class()._meta.verbose_name_plural, child.object_id)] = child
    return rows


def child_changes(older: Version, newer: Version) -> list[dict]:
    """Rows added, removed or changed between two versions of a role, by kind."""
    before, after = _child_rows(older), _child_rows(newer)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (str(k[0]), k[1])):
        kind, _ = key
        if key not in before:
            changes.append({"kind": kind, "change": "added", "label": after[key].object_repr, "fields": []})
        elif key not in after:
            changes.append({"kind": kind, "change": "removed", "label": before[key].object_repr, "fields": []})
        else:
            fields = field_changes(before[key].field_dict, after[key].field_dict, after[key]._model)
            if fields:
                changes.append({"kind": kind, "change": "changed", "label": after[key].object_repr, "fields": fields})
    return changes
