"""A model's template rows as cells: fixed values prepared once by the model fields themselves, the
rest (ids, keys, titles, links, pay) filled in per generated role."""

from __future__ import annotations

import json

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.utils.text import slugify

from roles.catalog.cells import CellFormat
from roles.publishing.fixture_writer import CONTENT_MODELS

# Child models in an order where every link points at rows written before (or in the same batch).
CHILD_ORDER = [label for label in CONTENT_MODELS if label != "roles.careermove"]  # generated roles have no moves
MONEY_COLUMNS = {"min", "max", "median", "average", "usd_min", "usd_max", "median_salary"}
LINK_FIELDS = ("linked_role", "target", "career_level", "related_role")


class ModelPlan:
    """One model's template rows as cells."""

    def __init__(self, model, records, cells: CellFormat, title_pattern, title_index, fields=None):
        self.model = model
        self.label = model._meta.label_lower
        self.cells = cells
        self.count = len(records)
        # ``fields``: only these (the search entries' plain-value plans); all concrete fields otherwise.
        concrete = [f for f in model._meta.concrete_fields if fields is None or f.name in fields]
        self.columns = [f.column for f in concrete]
        self.rows = [self._row(record, concrete, title_pattern, title_index) for record in records]
        # Where each career level and related role of the template sits among its rows, by natural key.
        self.level_index: dict = {}
        self.related_index: dict = {}
        positions = {"roles.careerlevel": self.level_index, "roles.relatedrole": self.related_index}.get(self.label)
        if positions is not None:
            for record in records:
                positions.setdefault(record["key"], len(positions))

    def _row(self, record, concrete, title_pattern, title_index) -> list[tuple]:
        model, cells = self.model, self.cells
        instance = model(**{k: v for k, v in record.items() if not is_relation(model, k)})
        row = []
        for field in concrete:
            name = field.name
            if name in ("id", "key", "slug"):
                row.append((name,))
            elif name in ("role", "source") or (name == "category" and field.is_relation):  # Tool.category is text
                row.append((f"{name}_id",))
            elif name == "updated_at":
                row.append(("now",))
            elif name in LINK_FIELDS:
                row.append((name, record.get(name)))
            elif name == "title" and self.label == "roles.role":
                row.append(("title",))
            elif name == "title" and self.label == "roles.relatedrole":
                row.append(("related_title",))
            elif name in MONEY_COLUMNS and getattr(instance, field.attname) is not None:
                row.append(("money", int(getattr(instance, field.attname))))
            elif isinstance(field, models.JSONField):
                # As JSON text: the database adapter's own value (psycopg's Json) is no COPY cell.
                row.append(("static", cells.static(json.dumps(getattr(instance, field.attname), cls=field.encoder))))
            else:
                value = field.get_db_prep_save(getattr(instance, field.attname), connection)
                if isinstance(value, str) and title_pattern.search(value):
                    text = cells.escape(value) if cells.pg else value
                    parts = []
                    pos = 0
                    for m in title_pattern.finditer(text):
                        parts.append(text[pos : m.start()])
                        parts.append(title_index[m.group(0)])
                        pos = m.end()
                    parts.append(text[pos:])
                    row.append(("text", parts))
                else:
                    row.append(("static", cells.static(value)))
        return row

    def render(self, index: int, ctx: dict, new_key, ids_by_label):
        cells = self.cells
        out = []
        titles = ctx["titles"]
        for cell in self.rows[index]:
            kind = cell[0]
            if kind == "static":
                out.append(cell[1])
            elif kind == "text":
                out.append("".join(p if isinstance(p, str) else titles[p] for p in cell[1]))
            elif kind == "id":
                out.append(cells.number(ctx["id"]))
            elif kind == "key":
                out.append(new_key())
            elif kind in ("role_id", "source_id", "category_id"):
                out.append(cells.number(ctx[kind]))
            elif kind == "now":
                out.append(cells.timestamp(ctx["now"]))
            elif kind == "title":
                out.append(cells.static(ctx["title"]))
            elif kind == "related_title":
                other = ctx["related"][index][1]
                title = ctx["title"] if other is None else ctx["families"][other][1][titles.index(ctx["title"])]
                out.append(cells.static(title))
            elif kind == "slug":
                out.append(cells.static(slugify(ctx["title"])))
            elif kind == "money":
                out.append(cells.number(int(cell[1] * ctx["scale"])))
            elif kind == "linked_role":
                # The template's n-th level is the n-th rung of this role's family.
                out.append(cells.number(ctx["ladder_ids"][index]))
            elif kind == "target":
                out.append(cells.number(ctx["related"][index][0]))
            elif kind == "career_level":
                out.append(cells.number(linked_id(cell[1], ids_by_label, "roles.careerlevel", ctx["level_index"])))
            elif kind == "related_role":
                out.append(cells.number(linked_id(cell[1], ids_by_label, "roles.relatedrole", ctx["related_index"])))
        return cells.row(out)


def linked_id(natural, ids_by_label, label, index):
    if not natural:
        return None
    return ids_by_label[label][index[natural[0]]]


def is_relation(model, name: str) -> bool:
    try:
        return model._meta.get_field(name).is_relation
    except FieldDoesNotExist:
        return False
