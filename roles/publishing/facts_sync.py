"""Cross-document facts stay what the documents give: after an import or a catalog load, a fact a document
no longer gives is gone, a changed figure has replaced the old one (same key: the row is updated), a fact
an editor hid stays hidden, and a role whose headline median came from a fact follows the fact.

Rows are deleted one by one so each deletion bumps its role's page tag (careerguide.pagecache).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType

from roles.importers.text import title_key
from roles.models import DocumentFact, Role
from roles.publishing.versions import made_by_an_editor, role_field_last_change

HEADLINE_FIELDS = ["median_salary", "median_salary_currency", "median_salary_source"]


def fact_identity(fact: DocumentFact) -> tuple:
    """What a fact is about, whatever its key or figures: its document, role, kind and title."""
    return (fact.source.file_name if fact.source else "", fact.role_id, fact.kind, title_key(fact.title))


def headline_source(fact: DocumentFact) -> str:
    """The headline median's source when it is this fact's median (as the fixture writer words it)."""
    return ", ".join(part for part in (fact.source.title if fact.source else "", fact.pay_section) if part)[:300]


@dataclass
class FactsBefore:
    """The facts of some documents before they are written again."""

    hidden: set[tuple] = field(default_factory=set)  # identities of the facts editors hid
    headlines: dict[int, set[tuple]] = field(default_factory=dict)  # role id -> (median, source) facts gave
    medians: dict[str, int | None] = field(default_factory=dict)  # key -> median
    values: dict[str, tuple] = field(default_factory=dict)  # key -> what the page may show of it


def _shown_values(fact: DocumentFact) -> tuple:
    return tuple(getattr(fact, f.attname) for f in DocumentFact._meta.concrete_fields if f.name != "id")


def facts_before(file_names: Collection[str]) -> FactsBefore:
    before = FactsBefore()
    rows = DocumentFact.all_objects.filter(source__file_name__in=list(file_names)).select_related("source")
    for fact in rows:
        before.medians[str(fact.key)] = fact.median
        before.values[str(fact.key)] = _shown_values(fact)
        if fact.hidden:
            before.hidden.add(fact_identity(fact))
        if fact.median is not None:
            before.headlines.setdefault(fact.role_id, set()).add((fact.median, headline_source(fact)))
    return before


def facts_after(*, file_names: Collection[str], keys: Collection[str], before: FactsBefore) -> set[int]:
    """Once the documents ``file_names`` have written the facts ``keys``: remove the rest of theirs, hide
    again what editors hid, and refresh the headline median of every role a fact of theirs priced.
    Returns the roles whose facts changed (a fact gone, new or different): their pages changed."""
    rows = list(DocumentFact.all_objects.filter(source__file_name__in=list(file_names)).select_related("source"))
    keys = {str(key) for key in keys}
    headlines = {role_id: set(pairs) for role_id, pairs in before.headlines.items()}
    touched, changed = set(), set()  # roles whose headline may have to follow their facts; roles whose facts changed
    for fact in rows:
        key = str(fact.key)
        if fact.median is not None:
            headlines.setdefault(fact.role_id, set()).add((fact.median, headline_source(fact)))
        if key not in keys:
            fact.delete()
            touched.add(fact.role_id)
            changed.add(fact.role_id)
            continue
        hidden = fact_identity(fact) in before.hidden
        if fact.hidden != hidden:
            fact.hidden = hidden
            fact.save(update_fields=["hidden"])
        if hidden or before.medians.get(key, -1) != fact.median:
            touched.add(fact.role_id)
        if before.values.get(key) != _shown_values(fact):
            changed.add(fact.role_id)
    for role in Role.objects.filter(pk__in=sorted(touched & set(headlines))):
        role_headline_from_facts(role=role, from_facts=headlines[role.pk])
    return changed


def _emptied_by_an_editor(role: Role) -> bool:
    """Whether an editor emptied the role's headline median (the newest change to it was an editor's save
    while a shown fact gave the role a median). In a save that hid the role's last fact with a median, the
    headline followed the facts: that emptying is not the editor's, and the median comes back with the fact.
    """
    revision = role_field_last_change(role=role, attname="median_salary")
    if revision is None or not made_by_an_editor(revision):
        return False
    facts = revision.version_set.filter(content_type=ContentType.objects.get_for_model(DocumentFact))
    for version in facts:
        fact = version.field_dict
        if fact.get("role_id") == role.pk and not fact.get("hidden") and fact.get("median") is not None:
            return True
    return False


def role_fact_headlines(role: Role) -> set[tuple]:
    """The (median, source) pairs the role's facts give, shown or hidden: the headlines a fact can have given it."""
    facts = DocumentFact.all_objects.filter(role=role, median__isnull=False).select_related("source")
    return {(fact.median, headline_source(fact)) for fact in facts}


def role_headline_from_facts(*, role: Role, from_facts: set[tuple]) -> bool:
    """Give ``role`` the median of the first fact shown for it, when its headline median is one a fact gave
    (``from_facts``: (median, source) pairs) or it has none; a median of its own or an editor's stays.
    A median an editor emptied stays empty. Returns whether the role changed."""
    current = (role.median_salary, role.median_salary_source)
    if role.median_salary is not None and current not in from_facts:
        return False
    if role.median_salary is None and _emptied_by_an_editor(role):
        return False
    best = DocumentFact.objects.filter(role=role, median__isnull=False).select_related("source").first()
    values = (
        {"median_salary": best.median, "median_salary_currency": best.currency, "median_salary_source": ""}
        if best
        else {"median_salary": None, "median_salary_currency": "USD", "median_salary_source": ""}
    )
    if best:
        values["median_salary_source"] = headline_source(best)
    if all(getattr(role, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(role, name, value)
    role.save(update_fields=[*HEADLINE_FIELDS, "updated_at"])  # its page changed
    if reversion.is_active():
        reversion.add_to_revision(role)
    return True


def role_facts_now(role_id: int) -> dict[str, dict]:
    """The role's facts as the documents gave them at their last import: key -> field values."""
    fields = DocumentFact._meta.concrete_fields
    return {
        str(fact.key): {f.attname: getattr(fact, f.attname) for f in fields}
        for fact in DocumentFact.all_objects.filter(role_id=role_id)
    }


def role_facts_after_restore(*, role: Role, documents_give: dict[str, dict]) -> None:
    """After a version of ``role`` was restored (reverted): its facts are the ones the documents give now
    (``documents_give``, from ``role_facts_now`` before the revert), not the version's, which may be out of
    date; whether each is hidden is the version's, an editor's choice. The headline median, when the
    version had one from a fact, follows the current facts; a version without one keeps none.
    """
    restored = {str(fact.key): fact for fact in DocumentFact.all_objects.filter(role=role).select_related("source")}
    from_facts = {(fact.median, headline_source(fact)) for fact in restored.values() if fact.median is not None}
    for key in list(restored):
        if key not in documents_give:
            restored.pop(key).delete()  # one by one: each deletion bumps the role's page tag
    kept_ids = {fact.pk for fact in restored.values()}
    for key, values in documents_give.items():
        fact = restored.get(key)
        if fact is None:  # gone in the version: back as it is now (under a new id, should its id be taken)
            DocumentFact(**{**values, "id": None if values["id"] in kept_ids else values["id"]}).save()
            continue
        current = DocumentFact(**{**values, "id": fact.pk, "hidden": fact.hidden})
        if _shown_values(fact) != _shown_values(current):
            current.save()
    if role.median_salary is None:
        return
    role_headline_from_facts(role=role, from_facts=from_facts | role_fact_headlines(role))
