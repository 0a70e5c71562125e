"""Dependency tags: which cached pages a content change makes stale.

A cached page is stored with the tags of what it shows and the version each tag had when the page
was rendered (careerguide.pagecache). A save bumps the versions of the tags it touches; a page
whose stored versions differ from the current ones is a miss. Tags:

- ``role:<slug>`` — one role: its row and every row that belongs to it or links to it. The role's own
  pages (its page, job description, API item: the slug in the address) depend on it, and so do pages
  that show other roles' details (compare, the career map, salaries, the self-check's lists), on the
  ``role:`` tags of every role they link to (the page cache finds the links in the rendered page).
- ``card:<slug>`` — what other pages show of a role that they link to (a ladder link, a related role,
  a list card): the role's own row (every field but ``updated_at``) and its skills and
  certifications (the role page's self-check lists the next level's). A role page depends on the
  ``card:`` tags of the roles it links to, so fixing a duty of one role re-renders that role's pages,
  not its neighbours'.
- ``cards-in:<category id>`` — a summary of the ``card:`` tags of every role in one category: bumped
  after them by every bump that bumps one (the role's category before and after the write). A page
  linking more than ``CARD_GROUP_FROM`` roles (the home page, the lists) depends on its roles' cards
  and on their categories' summaries. A hit checks the summaries and the page's other tags: while no
  summary moved, no card of theirs did, so a list's hit reads a dozen versions, not hundreds. When one
  moved, the hit reads the page's own ``card:`` tags: unchanged, it is served, and the worker's copy
  notes the summary's new version; changed, it is a miss. A card change thus re-renders the pages
  showing that role only, as with ``card:`` alone, and the others pay one longer check.
- ``list`` — what lists show as a whole: which roles are published, and the fields they are sorted,
  grouped and filtered by (title, slug, category, median salary, experience). A role whose title
  changes is on the list pages that link to it already (its role tag) but may move to another page.
- ``words:<two letters>`` — the searches for words starting with those two letters (accents
  dropped): bumped for every word whose number of occurrences a save changed in the search index's
  text, old against new (``roles.search`` sends them). Two letters, not the word: both databases
  stem words ("supporting" matches "support") and two words sharing a stem share at least its first
  two letters (Snowball's few irregular forms, ``IRREGULAR_STEMS``, are bumped under their stem too).
- ``content`` — any content change at all (searches whose words cannot be listed, the sitemap).
- ``site`` — a change no role owns (a category's name, a source document) and bulk writes that send
  no signals (``content_version_bump()``): every page depends on it.

Every save bumps ``content``. Bumps are made when the row is written and again after the
transaction commits, as pages rendered in between may have read the old rows.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.db import DEFAULT_DB_ALIAS, transaction

from careerguide.cachestore import new_series, store

TAG_PREFIX = "careerguide:tag:"
CONTENT = "content"
LIST = "list"
SITE = "site"
CONTENT_APPS = ("roles", "salaries")
DERIVED_MODELS = frozenset({"SearchEntry", "SearchTerm"})
# The Role fields lists are ordered, grouped, filtered and paged by.
LIST_FIELDS = (
    "slug",
    "title",
    "category_id",
    "is_published",
    "median_salary",
    "experience_years_min",
    "experience_years_max",  # the search's experience filter
)
# Rows whose presence decides whether a role is on a list (the salaries page lists roles with bands).
LIST_MEMBERSHIP_MODELS = frozenset({"SalaryBand"})
# Rows of a role that other roles' pages show (the role page's self-check lists the next level's).
CARD_CHILD_MODELS = frozenset({"Skill", "Certification"})
# Role fields only the role's own pages show.
NOT_ON_CARDS = frozenset({"updated_at"})


def role_tag(slug: str) -> str:
    return f"role:{slug}"


def card_tag(slug: str) -> str:
    return f"card:{slug}"


SUMMARY_PREFIX = "cards-in:"


def category_cards_tag(category_id) -> str:
    return f"{SUMMARY_PREFIX}{category_id}"


def is_summary(tag: str) -> bool:
    return tag.startswith(SUMMARY_PREFIX)


def is_summary_key(key: str) -> bool:
    return key.startswith(TAG_PREFIX + SUMMARY_PREFIX)


def _card_tags(slug: str, category_id) -> set[str]:
    return {card_tag(slug), category_cards_tag(category_id)}


def _role_and_card(roles) -> set[str]:
    """The role and card tags of (slug, category id) pairs."""
    return {tag for slug, category_id in roles for tag in (role_tag(slug), *_card_tags(slug, category_id))}


# Snowball English (PostgreSQL's stemmer) maps these to a stem with other first two letters.
IRREGULAR_STEMS = {"dying": "die", "lying": "lie", "tying": "tie"}


def word_tag(word: str) -> str:
    letters = unicodedata.normalize("NFKD", word.lower())
    letters = "".join(c for c in letters if not unicodedata.combining(c))
    return f"words:{letters[:2]}"


def word_tags(words) -> set[str]:
    """The tags of searches for ``words`` (or of the text the words were added to or taken from)."""
    words = set(words)
    return {word_tag(w) for w in words | {IRREGULAR_STEMS[w] for w in words if w in IRREGULAR_STEMS}}


def tag_key(tag: str) -> str:
    if len(tag) > 100:  # a long slug from an address: keys stay short (and valid for memcached)
        return TAG_PREFIX + "h:" + hashlib.blake2b(tag.encode(), digest_size=16).hexdigest()
    return TAG_PREFIX + tag


def bump(tags, *, wait: bool = True) -> None:
    """Give each tag a new version. When the cache refuses the write (full, under noeviction), the
    tags are deleted instead — a missing tag matches no stored page. On Redis the bump is announced
    to every worker's copy of the versions, and ``wait`` waits until each has heard
    (careerguide.tagmirror)."""
    tags = set(tags)
    if store.bump([tag_key(tag) for tag in tags], wait=wait):
        return
    # Summaries after the tags they sum up (moved or deleted): a reader who sees one moved finds them moved.
    for group in ([t for t in tags if not is_summary(t)], [t for t in tags if is_summary(t)]):
        refused = [
            tag_key(tag)
            for tag in group
            if store.incr(tag_key(tag)) is None and not store.add(tag_key(tag), new_series(), None)
        ]
        if refused and not store.delete_many(refused):
            store.keep_unsent(refused)  # the cache did not answer: bumped once it does


def read_versions(tags) -> dict[str, int]:
    """The versions of the tags that exist; none is created (any address can name a tag)."""
    tags = list(tags)
    found = store.get_many([tag_key(t) for t in tags])
    return {t: found[tag_key(t)] for t in tags if tag_key(t) in found}


def current_versions(tags) -> dict[str, int]:
    """The tags' versions, creating missing ones; a tag the cache cannot give is left out."""
    tags = list(tags)
    found = read_versions(tags)
    missing = [t for t in tags if t not in found]
    for tag in missing:
        store.add(tag_key(tag), new_series(), None)
    if missing:
        found.update(read_versions(missing))
    return found


class _PendingBumps:
    """Tags to bump again when the transaction commits, one callback per transaction."""

    def __init__(self):
        self.by_alias: dict[str, set[str]] = {}

    def add(self, tags: set[str], using: str) -> None:
        pending = self.by_alias.get(using)
        if pending is None:
            pending = self.by_alias[using] = set()

            def flush():
                bump(self.by_alias.pop(using, set()))

            transaction.on_commit(flush, using=using)
        pending |= tags


_pending = _PendingBumps()


def invalidate(tags: set[str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    tags = {*tags, CONTENT}
    # Inside a transaction no other process can see the write yet: the bump made when it commits waits.
    in_transaction = transaction.get_connection(using).in_atomic_block
    bump(tags, wait=not in_transaction)
    if in_transaction:
        _pending.add(tags, using)


def content_models() -> list:
    """The models pages are made of. The search index is derived from them, so it is left out:
    a receiver on a model turns off Django's fast bulk delete for it, and rebuilding the index
    deletes everything in it."""
    from django.apps import apps

    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if model.__name__ not in DERIVED_MODELS
    ]


def _role_model():
    from django.apps import apps

    return apps.get_model("roles", "Role")


def _role_links(model) -> list[str]:
    """The attnames of the model's foreign keys to Role."""
    role = _role_model()
    return [f.attname for f in model._meta.get_fields() if f.many_to_one and f.concrete and f.related_model is role]


def _roles(role_ids, using: str) -> set[tuple[str, int]]:
    """(slug, category id) of the roles."""
    ids = {i for i in role_ids if i is not None}
    if not ids:
        return set()
    return set(_role_model().objects.using(using).filter(pk__in=ids).values_list("slug", "category_id"))


def card_tags_of_links(slugs) -> set[str]:
    """The tags of the cards of the linked roles and their categories' summaries (``cards-in:``)."""
    slugs = set(slugs)
    categories = _role_model().objects.filter(slug__in=slugs).values_list("category_id", flat=True).distinct()
    return {card_tag(s) for s in slugs} | {category_cards_tag(c) for c in categories}


def tags_before_save(instance, using: str, raw: bool) -> set[str]:
    """Tags for what the row showed before this write (old slug, old links, old list fields)."""
    model = type(instance)
    if instance.pk is None or raw:
        return set()
    role = _role_model()
    if model is role:
        fields = [f.attname for f in role._meta.concrete_fields if f.attname not in NOT_ON_CARDS]
        old = role.objects.using(using).filter(pk=instance.pk).values(*fields).first()
        if old is None:
            return {LIST}
        tags = {role_tag(old["slug"])}
        if any(old[f] != getattr(instance, f) for f in fields):
            tags |= _card_tags(old["slug"], old["category_id"]) | {category_cards_tag(instance.category_id)}
        if any(old[f] != getattr(instance, f) for f in LIST_FIELDS):
            tags.add(LIST)
        return tags
    links = _role_links(model)
    if not links:
        return set()
    old = model._default_manager.using(using).filter(pk=instance.pk).values(*links).first() or {}
    roles = _roles(old.values(), using)
    return _role_and_card(roles) if model.__name__ in CARD_CHILD_MODELS else {role_tag(s) for s, _c in roles}


def tags_of_row(instance, using: str, *, created: bool = False, deleted: bool = False, raw: bool = False) -> set[str]:
    """Tags for what the row shows now."""
    model = type(instance)
    if raw:
        return {SITE}  # loaddata: a bulk load; its rows' old state is not read
    if model is _role_model():
        tags = {role_tag(instance.slug)}
        if created or deleted:
            tags |= {LIST, *_card_tags(instance.slug, instance.category_id)}
        return tags
    links = _role_links(model)
    if not links:
        return {SITE}
    roles = _roles([getattr(instance, a) for a in links], using)
    tags = _role_and_card(roles) if model.__name__ in CARD_CHILD_MODELS else {role_tag(s) for s, _c in roles}
    if (created or deleted) and model.__name__ in LIST_MEMBERSHIP_MODELS:
        tags.add(LIST)
    return tags
