"""The content of the portal: roles and everything a role page shows, plus the derived search index.

Modules, from the bottom up: ``base`` (stable keys, source documents, categories), ``content`` (the
rows of a role page), ``careers`` (ladders, related roles, career moves), ``catalog`` (roles and their
old addresses), ``facts`` (what one document says about another's role), ``search`` (the derived index).
Imported rows record the document and heading they
came from.
"""

from roles.models.base import Category, KeyedManager, KeyedModel, KeyedQuerySet, SourceDocument
from roles.models.careers import CareerLevel, CareerMove, RelatedRole
from roles.models.catalog import Role, RoleManager, RoleQuerySet, SlugHistory
from roles.models.content import (
    FAQ,
    Certification,
    Duty,
    EducationPath,
    Figure,
    ProCon,
    Qualification,
    RoleContent,
    Section,
    Skill,
    Step,
    Tool,
)
from roles.models.facts import DocumentFact
from roles.models.search import SearchEntry, SearchTerm

__all__ = [
    "FAQ",
    "CareerLevel",
    "CareerMove",
    "Category",
    "Certification",
    "DocumentFact",
    "Duty",
    "EducationPath",
    "Figure",
    "KeyedManager",
    "KeyedModel",
    "KeyedQuerySet",
    "ProCon",
    "Qualification",
    "RelatedRole",
    "Role",
    "RoleContent",
    "RoleManager",
    "RoleQuerySet",
    "SearchEntry",
    "SearchTerm",
    "Section",
    "Skill",
    "SlugHistory",
    "SourceDocument",
    "Step",
    "Tool",
]
