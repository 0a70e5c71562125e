"""Content of the portal: roles and everything a role page shows.

Every content row carries a stable ``key`` (a UUID) that is its natural key,
so fixtures and ``dumpdata --natural-primary`` round-trip without primary
keys, and loading the same fixture twice updates rows instead of adding them.
Imported rows also record the source document and heading they came from.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from roles import natural_keys, page_data
from roles.importers.document import FORMAT_GUIDE, FORMAT_JOB_DESCRIPTION
from roles.importers.text import KNOWN_CURRENCIES


class KeyedQuerySet(models.QuerySet):
    pass


class KeyedManager(models.Manager.from_queryset(KeyedQuerySet)):
    def get_by_natural_key(self, key):
        return natural_keys.get_by_natural_key(self, key=key)


class KeyedModel(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    objects = KeyedManager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (str(self.key),)


class SourceDocumentManager(models.Manager):
    def get_by_natural_key(self, file_name):
        return natural_keys.get_by_natural_key(self, file_name=file_name)


class SourceDocument(models.Model):
    """A document the content was imported from, identified by its file name."""

    FORMAT_CHOICES = [(FORMAT_GUIDE, "Career guide"), (FORMAT_JOB_DESCRIPTION, "Job description")]

    file_name = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=300)
    format = models.CharField(max_length=32, choices=FORMAT_CHOICES)
    sha256 = models.CharField("SHA-256", max_length=64, help_text="Hash of the file's bytes when it was imported.")

    objects = SourceDocumentManager()

    class Meta:
        ordering = ["file_name"]

    def __str__(self) -> str:
        return f"{self.title} ({self.file_name})"

    def natural_key(self):
        return (self.file_name,)


class CategoryManager(models.Manager):
    def get_by_natural_key(self, slug):
        return natural_keys.get_by_natural_key(self, slug=slug)


class Category(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    objects = CategoryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    def natural_key(self):
        return (self.slug,)


class RoleQuerySet(KeyedQuerySet):
    # The short content lists a role page shows. They are read together in one UNION query
    # (see _attach_content_lists) instead of one prefetch each, so the role page stays within
    # its query budget whatever the content size.
    CONTENT_LISTS = {
        "duties": ("Duty", {"text": "text"}),
        "skills": ("Skill", {"kind": "kind", "name": "name", "text": "detail"}),
        "certifications": ("Certification", {"name": "name", "flag": "is_key"}),
        "tools": ("Tool", {"name": "name", "kind": "category"}),
        "steps": ("Step", {"text": "text"}),
        "education_paths": (
            "EducationPath",
            {
                "name": "name",
                "text": "description",
                "flag": "cost_open_ended",
                "kind": "currency",
                "unit": "duration_unit",
                "num1": "cost_min",
                "num2": "cost_max",
                "dec1": "duration_min",
                "dec2": "duration_max",
            },
        ),
        "qualifications": ("Qualification", {"kind": "group", "text": "text"}),
        "pros_cons": ("ProCon", {"kind": "kind", "text": "text"}),
        "faqs": ("FAQ", {"name": "question", "text": "answer"}),
    }

    def _clone(self):
        clone = super()._clone()
        clone._with_page_data = getattr(self, "_with_page_data", False)
        return clone

    def _fetch_all(self):
        super()._fetch_all()
        if getattr(self, "_with_page_data", False) and not getattr(self, "_page_data_done", False):
            self._page_data_done = True
            if self._iterable_class is models.query.ModelIterable:
                _attach_page_data(self._result_cache)

    def published(self):
        """Roles visitors may see."""
        return self.filter(is_published=True)

    def with_card_data(self):
        """What a role card or list row shows: the role and its category."""
        return self.select_related("category")

    def with_ladders(self):
        """A role with its career ladder (levels and the roles they link to) and its related roles."""
        return self.select_related("category").prefetch_related(
            Prefetch("career_levels", queryset=CareerLevel.objects.select_related("linked_role")),
            Prefetch("related_roles", queryset=RelatedRole.objects.select_related("target")),
            Prefetch(
                "ladder_positions",
                queryset=CareerLevel.objects.select_related("role").filter(role__is_published=True),
            ),
            Prefetch("career_moves", queryset=CareerMove.objects.select_related("from_role", "to_role")),
        )

    def with_page_data(self):
        """Everything the role page renders, in a fixed number of queries (nine)."""
        clone = self.select_related("category", "source")
        clone._with_page_data = True
        return clone


def _page_relations():
    """The role page's relations: prefetch cache name -> (name of the role field on the rows, query)."""
    from salaries.models import SalaryBand

    return {
        "sections": ("role", lambda ids: Section.objects.select_related("source").filter(role_id__in=ids)),
        "career_levels": (
            "role",
            lambda ids: CareerLevel.objects.select_related("linked_role", "source").filter(role_id__in=ids),
        ),
        "related_roles": (
            "role",
            lambda ids: RelatedRole.objects.select_related("target", "source").filter(role_id__in=ids),
        ),
        "salary_bands": (
            "role",
            lambda ids: SalaryBand.objects.select_related("source", "career_level", "related_role").filter(
                role_id__in=ids
            ),
        ),
        "ladder_positions": (
            "linked_role",
            lambda ids: CareerLevel.objects.select_related("role").filter(
                role__is_published=True, linked_role_id__in=ids
            ),
        ),
        # "source": a section made only of these rows names its source from the first of them.
        "career_moves": (
            "role",
            lambda ids: CareerMove.objects.select_related("from_role", "to_role", "source").filter(role_id__in=ids),
        ),
    }


def _ladder_levels(ids):
    return CareerLevel.objects.select_related("linked_role").filter(role_id__in=ids)


def _attach_page_data(roles) -> None:
    """Fill every relation the role page reads into the prefetch caches of ``roles`` (see roles.page_data)."""
    roles = list(roles or [])
    if not roles:
        return
    db = roles[0]._state.db
    ids = [role.pk for role in roles]
    for relation, (field, build) in _page_relations().items():
        grouped = {pk: [] for pk in ids}
        for item in page_data.fetch(relation, build, ids, db):
            grouped[getattr(item, f"{field}_id")].append(item)
        for role in roles:
            page_data.set_prefetched(role, relation, grouped[role.pk], reverse_field=field)
    # The other roles whose ladders this role sits on, each with its whole ladder.
    ladder_roles = [position.role for role in roles for position in role.ladder_positions.all()]
    if ladder_roles:
        ladder_ids = list(dict.fromkeys(role.pk for role in ladder_roles))
        levels = {pk: [] for pk in ladder_ids}
        for level in page_data.fetch("ladder_levels", _ladder_levels, ladder_ids, db):
            levels[level.role_id].append(level)
        for ladder_role in ladder_roles:
            page_data.set_prefetched(ladder_role, "career_levels", levels[ladder_role.pk], reverse_field="role")
    _attach_content_lists(roles)


def _content_lists_query(role_ids):
    """One UNION over every CONTENT_LISTS model, each mapped onto a shared row shape."""
    from django.db.models import IntegerField, Value

    queries = []
    for position, (model_name, columns) in enumerate(RoleQuerySet.CONTENT_LISTS.values()):
        model = globals()[model_name]
        annotations = {"list_index": Value(position, output_field=IntegerField())}
        for column, field in _CONTENT_SHAPE.items():
            if column in columns:
                annotations[f"c_{column}"] = models.functions.Cast(columns[column], output_field=field)
            else:
                # Typed NULLs: PostgreSQL cannot match an untyped NULL column across a UNION.
                annotations[f"c_{column}"] = models.functions.Cast(Value(None), output_field=field)
        queries.append(
            model.objects.filter(role_id__in=role_ids)
            .order_by()
            .annotate(**annotations)
            .values_list(
                "list_index",
                "id",
                "key",
                "role_id",
                "order",
                "source_id",
                "source_section",
                "source__title",
                "source__file_name",
                *[f"c_{column}" for column in _CONTENT_SHAPE],
            )
        )
    return queries[0].union(*queries[1:], all=True)


_CONTENT_SHAPE = {
    "text": models.TextField(),
    "name": models.TextField(),
    "kind": models.CharField(),
    "unit": models.CharField(),
    "flag": models.BooleanField(),
    "num1": models.IntegerField(),
    "num2": models.IntegerField(),
    "dec1": models.DecimalField(max_digits=6, decimal_places=1),
    "dec2": models.DecimalField(max_digits=6, decimal_places=1),
}


def _attach_content_lists(roles) -> None:
    """Fill the prefetch cache of every CONTENT_LISTS relation of ``roles`` from a single UNION query.

    Each model's columns are mapped onto a shared row shape (text, name, kind, flag, numbers); rows
    are turned back into model instances so templates use ``role.faqs.all`` as with a prefetch.
    """
    roles = list(roles or [])
    if not roles:
        return
    db = roles[0]._state.db
    rows = page_data.fetch_values("content_lists", _content_lists_query, [role.pk for role in roles], db)
    relations = list(RoleQuerySet.CONTENT_LISTS.items())
    found: dict[tuple[int, str], list] = {}
    sources: dict[int, SourceDocument] = {}
    for row in sorted(rows, key=lambda r: (r[0], r[4], r[1])):
        index, pk, key, role_id, order, source_id, source_section, source_title, source_file = row[:9]
        values = dict(zip(_CONTENT_SHAPE, row[9:], strict=True))
        relation, (model_name, columns) = relations[index]
        model = globals()[model_name]
        fields = {model_field: values[column] for column, model_field in columns.items()}
        if "flag" in columns:
            fields[columns["flag"]] = bool(values["flag"])
        obj = model(
            id=pk,
            key=key,
            role_id=role_id,
            order=order,
            source_id=source_id,
            source_section=source_section,
            **fields,
        )
        obj._state.adding = False
        obj._state.db = db
        if source_id is not None:
            # One instance per document: a page's items nearly all come from the same one or two.
            if source_id not in sources:
                sources[source_id] = SourceDocument(id=source_id, title=source_title, file_name=source_file)
            obj.source = sources[source_id]
        found.setdefault((role_id, relation), []).append(obj)
    for role in roles:
        for relation, _ in relations:
            page_data.set_prefetched(role, relation, found.get((role.pk, relation), []))


class RoleManager(KeyedManager.from_queryset(RoleQuerySet)):
    pass


class Role(KeyedModel):
    """An occupation with its at-a-glance facts; its content hangs off it."""

    title = models.CharField(max_length=200, help_text="The job title as people search for it.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The web address: /roles/<slug>/. Changing it keeps the old address working (it redirects).",
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="roles")
    summary = models.TextField(help_text="One paragraph shown at the top of the role page and in search results.")
    is_published = models.BooleanField(default=True, help_text="Untick to hide the role from the public site.")

    typical_education = models.TextField(blank=True)
    typical_experience = models.CharField(
        max_length=200, blank=True, help_text='As the source words it, e.g. "5-8 years".'
    )
    experience_years_min = models.PositiveSmallIntegerField(null=True, blank=True)
    experience_years_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty for an open-ended range such as 8+ years."
    )
    top_employer_types = models.TextField(blank=True, help_text="One employer type per line.")
    growth_outlook = models.TextField(blank=True)
    growth_percent = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    growth_period_start = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_period_end = models.PositiveSmallIntegerField(null=True, blank=True)
    growth_source = models.CharField(max_length=300, blank=True)
    annual_openings = models.PositiveIntegerField(null=True, blank=True)
    annual_openings_source = models.CharField(max_length=300, blank=True)
    median_salary = models.PositiveIntegerField(null=True, blank=True, help_text="Per year, in whole currency units.")
    median_salary_currency = models.CharField(max_length=3, default="USD")
    median_salary_source = models.CharField(max_length=300, blank=True)
    median_salary_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ai_impact = models.TextField("AI impact", blank=True)

    source = models.ForeignKey(SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles")
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = RoleManager()

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["category", "title"], name="role_category_title_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_years_min__isnull=True)
                | Q(experience_years_max__isnull=True)
                | Q(experience_years_min__lte=F("experience_years_max")),
                name="role_experience_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(growth_period_start__isnull=True)
                | Q(growth_period_end__isnull=True)
                | Q(growth_period_start__lte=F("growth_period_end")),
                name="role_growth_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)
        # Renaming a slug must never break a link someone shared: remember the old one.
        # It lives here rather than in a service because every path (admin, import, shell) saves through it.
        previous = None
        if self.pk and not kwargs.get("raw"):
            previous = Role.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)
        if previous and previous != self.slug:
            SlugHistory.objects.update_or_create(slug=previous, defaults={"role": self})
            SlugHistory.objects.filter(slug=self.slug).delete()

    def get_absolute_url(self) -> str:
        return reverse("roles:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        errors = {}
        if (
            self.experience_years_min is not None
            and self.experience_years_max is not None
            and self.experience_years_min > self.experience_years_max
        ):
            errors["experience_years_max"] = "The most years of experience must not be less than the fewest."
        if self.median_salary_currency and self.median_salary_currency not in KNOWN_CURRENCIES:
            errors["median_salary_currency"] = f"Use one of: {', '.join(KNOWN_CURRENCIES)}."
        if self.median_salary is not None and self.median_salary <= 0:
            errors["median_salary"] = "A salary must be more than zero."
        if not self.slug:
            self.slug = slugify(self.title)
        clash = SlugHistory.objects.filter(slug=self.slug).exclude(role_id=self.pk).first()
        if clash:
            errors["slug"] = f'"{self.slug}" is an old address of "{clash.role}" and must keep redirecting there.'
        if errors:
            raise ValidationError(errors)

    def natural_key(self):
        return (str(self.key),)

    natural_key.dependencies = ["roles.sourcedocument", "roles.category"]

    @property
    def employer_types(self) -> list[str]:
        return [line.strip() for line in self.top_employer_types.splitlines() if line.strip()]

    @property
    def experience_label(self) -> str:
        if self.experience_years_min is None:
            return self.typical_experience
        if self.experience_years_max is None:
            return f"{self.experience_years_min}+ years"
        if self.experience_years_min == self.experience_years_max:
            return f"{self.experience_years_min} years"
        return f"{self.experience_years_min}–{self.experience_years_max} years"


class SlugHistory(models.Model):
    """An old address of a role; /roles/<old-slug>/... answers 301 to the current one."""

    slug = models.SlugField(max_length=200, unique=True)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "old address"
        verbose_name_plural = "old addresses"

    def __str__(self) -> str:
        return f"{self.slug} → {self.role.slug}"


class RoleContent(KeyedModel):
    """A row of role content: ordered, and knowing where it was imported from."""

    order = models.PositiveIntegerField(default=0, help_text="Position on the page; lower comes first.")
    source = models.ForeignKey(
        SourceDocument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The document this was imported from (empty when an editor added it).",
    )
    source_section = models.CharField(
        max_length=300, blank=True, help_text="The heading it stood under in the source document."
    )

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def natural_key(self):
        return (str(self.key),)

    natural_key.dependencies = ["roles.role", "roles.sourcedocument"]


class Section(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="sections")
    anchor = models.SlugField(max_length=100, help_text="The #id of the section on the role page. Keep it stable.")
    heading = models.CharField(max_length=300)
    body = models.TextField(help_text="Plain text; separate paragraphs with a blank line.")
    level = models.PositiveSmallIntegerField(default=2, choices=[(2, "Section"), (3, "Subsection")])

    class Meta(RoleContent.Meta):
        constraints = [models.UniqueConstraint(fields=["role", "anchor"], name="section_unique_anchor_per_role")]

    def __str__(self) -> str:
        return self.heading

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class Duty(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return self.text[:80]


class Skill(RoleContent):
    TECHNICAL = "technical"
    SOFT = "soft"
    KIND_CHOICES = [(TECHNICAL, "Technical"), (SOFT, "Soft")]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skills")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES, default=TECHNICAL)
    name = models.CharField(max_length=300)
    detail = models.TextField(blank=True, help_text="Examples or why it matters.")

    def __str__(self) -> str:
        return self.name


class Certification(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(max_length=300)
    is_key = models.BooleanField(default=False, help_text="Listed among the key certifications at a glance.")

    def __str__(self) -> str:
        return self.name


class Tool(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="tools")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=200, blank=True, help_text='e.g. "Ticketing systems".')

    def __str__(self) -> str:
        return self.name


class Step(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "how-to-become step"

    def __str__(self) -> str:
        return self.text[:80]


class EducationPath(RoleContent):
    DURATION_UNITS = [("weeks", "weeks"), ("months", "months"), ("years", "years")]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="education_paths")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cost_min = models.PositiveIntegerField(null=True, blank=True)
    cost_max = models.PositiveIntegerField(null=True, blank=True)
    cost_open_ended = models.BooleanField(default=False, help_text='Tick when the top of the range is "+".')
    currency = models.CharField(max_length=3, default="USD")
    duration_min = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    duration_max = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    duration_unit = models.CharField(max_length=8, choices=DURATION_UNITS, blank=True)

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True) | Q(cost_max__isnull=True) | Q(cost_min__lte=F("cost_max")),
                name="educationpath_cost_ordered",
            ),
            models.CheckConstraint(
                condition=Q(duration_min__isnull=True)
                | Q(duration_max__isnull=True)
                | Q(duration_min__lte=F("duration_max")),
                name="educationpath_duration_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.cost_min is not None and self.cost_max is not None and self.cost_min > self.cost_max:
            raise ValidationError({"cost_max": "The highest cost must not be less than the lowest."})
        if self.duration_min is not None and self.duration_max is not None and self.duration_min > self.duration_max:
            raise ValidationError({"duration_max": "The longest duration must not be less than the shortest."})
        if self.currency and self.currency not in KNOWN_CURRENCIES:
            raise ValidationError({"currency": f"Use one of: {', '.join(KNOWN_CURRENCIES)}."})


class Qualification(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="qualifications")
    group = models.CharField(max_length=200, help_text='e.g. "Education" or "Experience".')
    text = models.TextField()

    def __str__(self) -> str:
        return f"{self.group}: {self.text[:60]}"


class ProCon(RoleContent):
    PRO = "pro"
    CON = "con"
    KIND_CHOICES = [(PRO, "Pro"), (CON, "Con")]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="pros_cons")
    kind = models.CharField(max_length=3, choices=KIND_CHOICES)
    text = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "pro or con"
        verbose_name_plural = "pros and cons"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class FAQ(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=500)
    answer = models.TextField()

    class Meta(RoleContent.Meta):
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self) -> str:
        return self.question


class CareerLevel(RoleContent):
    """A rung of a role's career ladder. It links to the Role of the same title when one exists."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="career_levels")
    title = models.CharField(max_length=200)
    years_min = models.PositiveSmallIntegerField(null=True, blank=True)
    years_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text='Leave empty for an open-ended level such as "15+ years".'
    )
    description = models.TextField(blank=True)
    focus_areas = models.TextField(blank=True, help_text="Key focus areas, one per line.")
    linked_role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ladder_positions",
        help_text="The role page this level links to, when the level is a role of its own.",
    )

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(years_min__isnull=True) | Q(years_max__isnull=True) | Q(years_min__lte=F("years_max")),
                name="careerlevel_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.years_min is not None and self.years_max is not None and self.years_min > self.years_max:
            raise ValidationError({"years_max": "The most years must not be less than the fewest."})

    @property
    def years_label(self) -> str:
        if self.years_min is None:
            return ""
        if self.years_max is None:
            return f"{self.years_min}+ years"
        return f"{self.years_min}–{self.years_max} years"

    @property
    def focus_area_list(self) -> list[str]:
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]


class RelatedRole(RoleContent):
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="related_roles")
    title = models.CharField(max_length=200)
    blurb = models.TextField(blank=True)
    target = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_from",
        help_text="The role page this links to, when the portal has one.",
    )

    class Meta(RoleContent.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | ~Q(target=F("role")),
                name="relatedrole_not_self",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.target_id and self.target_id == self.role_id:
            raise ValidationError({"target": "A role cannot be related to itself."})


class Figure(RoleContent):
    """A number from the source text (an amount, a percentage, a duration...) kept as data."""

    KIND_CHOICES = [
        ("money", "Money"),
        ("percent", "Percentage"),
        ("duration", "Duration"),
        ("count", "Count"),
        ("year", "Year"),
    ]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    value_min = models.DecimalField(max_digits=16, decimal_places=2)
    value_max = models.DecimalField(max_digits=16, decimal_places=2)
    open_ended = models.BooleanField(default=False)
    unit = models.CharField(max_length=16, blank=True, help_text='A currency code, "%", or "years", "months"...')
    text = models.CharField(max_length=200, help_text="The characters as they stand in the source.")
    context = models.TextField(blank=True, help_text="The sentence the number stands in.")

    class Meta(RoleContent.Meta):
        constraints = [models.CheckConstraint(condition=Q(value_min__lte=F("value_max")), name="figure_range_ordered")]

    def __str__(self) -> str:
        return self.text


class CareerMove(RoleContent):
    """A move the role's documents describe ("often move toward IT Manager"), read from the prose on import.

    ``role`` is the role whose document says it; the move starts at ``from_title`` (usually that role).
    Both ends link to a Role of the same title when the portal has one, like CareerLevel.linked_role.
    """

    PROMOTION = "promotion"
    LATERAL = "lateral"
    SPECIALISATION = "specialisation"
    MANAGEMENT = "management"
    ENGINEERING = "engineering"
    KIND_CHOICES = [
        (PROMOTION, "Promotion"),
        (LATERAL, "Lateral move"),
        (SPECIALISATION, "Specialisation"),
        (MANAGEMENT, "Into management"),
        (ENGINEERING, "Into engineering"),
    ]

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="career_moves")
    from_title = models.CharField(
        max_length=200, help_text="Where the move starts, as the sentence names it (usually this role's title)."
    )
    from_role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moves_out",
        help_text="The role page the move starts from, when the portal has one.",
    )
    to_title = models.CharField(max_length=200, help_text="Where the move leads, as the sentence names it.")
    to_role = models.ForeignKey(
        Role,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moves_in",
        help_text="The role page the move leads to, when the portal has one.",
    )
    kind = models.CharField(max_length=16, choices=KIND_CHOICES, help_text="What sort of step the move is.")
    evidence = models.TextField(help_text="The sentence the move was read from.")

    def __str__(self) -> str:
        return f"{self.from_title} → {self.to_title}"


# The search index (derived rows, written only by roles.search).
from roles.search_models import *  # noqa: E402,F401,F403
