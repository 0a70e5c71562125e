"""Concurrent saves of a role's change form, merged (roles.publishing.merge) instead of overwritten.

The form carries a signed token naming the role and the revision it was opened at (its base). On
save, the posted data is rewritten before the admin's forms read it: fields and rows that only
others changed since the base take their current values, rows only others deleted are dropped, and
what both changed is reported as a conflict (the form then comes back, nothing written, with a new
base, so saving again keeps what is in the boxes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion.models import Version

from roles.publishing import merge
from roles.publishing.versions import VersionState, role_latest_revision_id, role_state_at

BASE_FIELD = "editing_base"
TAKE_THEIRS_FIELD = "take_theirs"
_SALT = "roles.admin.concurrent.editing-base"


def editing_token(role) -> str:
    return signing.dumps({"role": role.pk, "revision": role_latest_revision_id(role)}, salt=_SALT)


class TamperedForm(Exception):
    pass


def read_token(value: str | None, role) -> int:
    if not value:
        raise TamperedForm("The form is missing the version it was opened at. Reload the page; nothing was saved.")
    try:
        token = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        raise TamperedForm("The form's version token is not valid. Reload the page; nothing was saved.") from None
    if not isinstance(token, dict) or token.get("role") != role.pk or not isinstance(token.get("revision"), int):
        raise TamperedForm("The form's version token belongs to another role. Reload the page; nothing was saved.")
    return token["revision"]


class FormData(MultiValueDict):
    """The merged form data the admin's forms read. The admin copies the posted data once per inline
    (for formsets that change it; ours do not), and copying a thousand fields thirteen times was most
    of a save's time on the largest role; the forms only read it, so they share this one."""

    def copy(self):
        return self


@dataclass
class Conflict:
    ident: str  # what a "use theirs" box posts: "role:summary", "faqs:12:answer", "faqs:12"
    where: str
    theirs: str
    mine: str
    note: str = ""
    can_take: bool = True  # field conflicts: a "use theirs" box; row conflicts are settled in the row


@dataclass
class SaveMerge:
    """The outcome for one POST: the data the admin's forms should read, and what to tell the editor."""

    data: object = None
    error: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    by: str = ""  # who saved since the base, and when
    changes: int = 0  # fields and rows this editor changed (0: the save changes nothing)


@dataclass
class Part:
    """The role form, or one inline: its prefix, model and editable form fields."""

    prefix: str
    model: type
    fields: dict
    label: str = ""
    can_add: bool = True


def posted_value(form_field, data, files, name):
    """The posted value as the model would store it, comparable with a version's field values."""
    raw = form_field.widget.value_from_datadict(data, files, name)
    if isinstance(form_field, forms.ModelChoiceField):
        return int(raw) if isinstance(raw, str) and raw.isdigit() else (raw or None)
    try:
        return form_field.clean(raw)
    except ValidationError:
        return raw


def as_posted(value, form_field):
    """A stored value as a browser posts it (None: the key is left out, an unticked box)."""
    if isinstance(form_field, forms.BooleanField):
        return "on" if value else None
    if isinstance(value, dict):  # a JSON field edited as text (roles.admin.facts.QualifiersField)
        return form_field.prepare_value(value)
    return "" if value is None else str(value)


def shown(value, model_field) -> str:
    if value in (None, ""):
        return "(empty)"
    if model_field.is_relation:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related else f"(deleted #{value})"
    return str(value)


def model_values(obj, part: Part) -> dict:
    return {name: part.model._meta.get_field(name).value_from_object(obj) for name in part.fields}


def version_values(values: dict, part: Part) -> dict:
    return {name: values.get(part.model._meta.get_field(name).attname) for name in part.fields}


def _set(data, name: str, value) -> None:
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


def merge_role_post(*, request, role, role_part: Part, inline_parts: list[Part]) -> SaveMerge:
    """Merge the posted change form of ``role`` with what others saved since it was opened."""
    data = FormData({key: list(values) for key, values in request.POST.lists()})
    result = SaveMerge(data=data)
    try:
        base_revision = read_token(data.get(BASE_FIELD), role)
        known = {part.prefix for part in inline_parts}
        for name in data:
            if name.endswith("-TOTAL_FORMS") and name.removesuffix("-TOTAL_FORMS") not in known:
                raise TamperedForm(
                    f"Rows were posted for “{name.removesuffix('-TOTAL_FORMS')}”, which cannot be edited on this "
                    "page; nothing was saved."
                )
        for part in inline_parts:
            total, initial = _counts(data, part.prefix)
            if not part.can_add and total > initial:
                raise TamperedForm(f"Rows cannot be added to “{part.label}”; nothing was saved.")
    except TamperedForm as exc:
        result.error = str(exc)
        return result
    base = role_state_at(role=role, revision_id=base_revision)
    if base is None and base_revision:
        result.error = "The version this form was opened at is not a version of this role. Nothing was saved."
        return result
    take_theirs = set(data.getlist(TAKE_THEIRS_FIELD))
    result.by = _saved_since(role, base)

    # The role's own fields.
    theirs = model_values(role, role_part)
    base_values = version_values(base.role, role_part) if base else theirs
    mine = {name: posted_value(f, data, request.FILES, name) for name, f in role_part.fields.items()}
    for name in role_part.fields:
        if f"role:{name}" in take_theirs:  # the editor chose their value after a conflict
            mine[name] = theirs[name]
            _set(data, name, as_posted(theirs[name], role_part.fields[name]))
    outcome = merge.merge_fields(base_values, theirs, mine)
    result.changes += len(outcome.mine_changed)
    for name in outcome.take_theirs:
        _set(data, name, as_posted(theirs[name], role_part.fields[name]))
        result.merged.append(_label(role_part, name))
    for name in outcome.conflicts:
        ident = f"role:{name}"
        model_field = role_part.model._meta.get_field(name)
        result.conflicts.append(
            Conflict(ident, _label(role_part, name), shown(theirs[name], model_field), shown(mine[name], model_field))
        )

    for part in inline_parts:
        _merge_inline(request, role, part, base, data, take_theirs, result)
    return result


def _counts(data, prefix: str) -> tuple[int, int]:
    try:
        return int(data.get(f"{prefix}-TOTAL_FORMS", 0)), int(data.get(f"{prefix}-INITIAL_FORMS", 0))
    except ValueError:
        raise TamperedForm("The form's row counts are not numbers. Reload the page; nothing was saved.") from None


def _merge_inline(request, role, part: Part, base: VersionState | None, data, take_theirs: set, result) -> None:
    total, initial = _counts(data, part.prefix)
    rows = []  # each: (pk or "", {suffix: [values]})
    for index in range(total):
        head = f"{part.prefix}-{index}-"
        values = {key[len(head) :]: data.getlist(key) for key in list(data) if key.startswith(head)}
        rows.append([values.get("id", [""])[0] if index < initial else "", values])
    current = {str(obj.pk): obj for obj in part.model._default_manager.filter(role=role)}
    base_rows = {}
    if base is not None:
        base_rows = {pk: version_values(v, part) for (model, pk), v in base.rows.items() if model is part.model}
    else:
        base_rows = {pk: model_values(obj, part) for pk, obj in current.items()}
    for pk, _ in rows:
        if pk and pk not in base_rows and pk not in current:
            result.error = f"A row of “{part.label}” that is not part of this role was posted. Nothing was saved."
            return
    theirs_rows = {pk: model_values(obj, part) for pk, obj in current.items()}
    mine_rows = {}
    for index, (pk, values) in enumerate(rows):
        if not pk:
            continue
        if values.get("DELETE", [""])[0]:
            mine_rows[pk] = None
        else:
            name_of = f"{part.prefix}-{index}-"
            mine_rows[pk] = {n: posted_value(f, data, request.FILES, name_of + n) for n, f in part.fields.items()}
            for name in part.fields:
                if f"{part.prefix}:{pk}:{name}" in take_theirs and pk in current:
                    mine_rows[pk][name] = model_values(current[pk], part)[name]
                    _set_row(values, name, as_posted(mine_rows[pk][name], part.fields[name]))

    kept, added = [], []
    outcomes = {row.key: row for row in merge.merge_rows(base_rows, theirs_rows, mine_rows)}
    for pk, values in rows:
        row = outcomes.get(pk)
        if row is None:  # a new row
            added.append(values)
            result.changes += 1
            continue
        result.changes += 1 if mine_rows[pk] is None else len(row.fields.mine_changed)
        label = f"{part.label}: {_row_label(current.get(pk), base_rows.get(pk))}"
        if row.outcome == merge.ACCEPT_DELETE:
            result.merged.append(f"{label} (deleted by someone else)")
            continue
        if row.outcome == merge.DELETED_BY_THEM:
            result.conflicts.append(
                Conflict(
                    f"{part.prefix}:{pk}",
                    label,
                    "(deleted)",
                    "(edited)",
                    "Your edit is kept below as a new row: save to keep it, or remove the row to accept the deletion.",
                    can_take=False,
                )
            )
            values.pop("id", None)
            added.append(values)
            continue
        if row.outcome == merge.DELETED_BY_ME:
            for name in part.fields:
                _set_row(values, name, as_posted(theirs_rows[pk][name], part.fields[name]))
            result.conflicts.append(
                Conflict(
                    f"{part.prefix}:{pk}",
                    label,
                    "(edited)",
                    "(deleted)",
                    "The row is shown with their edit; tick Delete again to delete it.",
                    can_take=False,
                )
            )
            values.pop("DELETE", None)
            kept.append((pk, values))
            continue
        for name in row.fields.take_theirs:
            _set_row(values, name, as_posted(theirs_rows[pk][name], part.fields[name]))
            result.merged.append(f"{label} ({_label(part, name).lower()})")
        for name in row.fields.conflicts:
            ident = f"{part.prefix}:{pk}:{name}"
            model_field = part.model._meta.get_field(name)
            result.conflicts.append(
                Conflict(
                    ident,
                    f"{label} — {_label(part, name).lower()}",
                    shown(theirs_rows[pk][name], model_field),
                    shown(mine_rows[pk][name], model_field),
                )
            )
        kept.append((pk, values))

    # Write the inline's rows back, numbered afresh: existing rows first, then new ones.
    for key in [key for key in list(data) if key.startswith(f"{part.prefix}-") and key.split("-")[1].isdigit()]:
        del data[key]
    for index, values in enumerate([values for _, values in kept] + added):
        for suffix, value_list in values.items():
            data.setlist(f"{part.prefix}-{index}-{suffix}", value_list)
    data[f"{part.prefix}-INITIAL_FORMS"] = str(len(kept))
    data[f"{part.prefix}-TOTAL_FORMS"] = str(len(kept) + len(added))


def _set_row(values: dict, name: str, value) -> None:
    if value is None:
        values.pop(name, None)
    else:
        values[name] = [value]


def _label(part: Part, name: str) -> str:
    return capfirst(part.model._meta.get_field(name).verbose_name)


def _row_label(obj, base_values) -> str:
    if obj is not None:
        text = str(obj)
    else:
        text = next((str(v) for v in (base_values or {}).values() if isinstance(v, str) and v), "a row")
    return f"“{text[:60]}”"


def _saved_since(role, base: VersionState | None) -> str:
    if base is None:
        return ""
    later = (
        Version.objects.get_for_object(role)
        .filter(revision_id__gt=base.revision_id)
        .select_related("revision__user")
        .order_by("-revision_id")
    )
    latest = later.first()
    if latest is None:
        return ""
    user = latest.revision.user
    when = date_format(timezone.localtime(latest.revision.date_created), "DATETIME_FORMAT")
    return f"{user.get_username() if user else 'an import'} ({when})"
