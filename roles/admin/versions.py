"""What a role version carries: django-reversion registrations for every content model.

A role's versions include its children (``follow``), so reverting a role or recovering a deleted one
brings its sections, FAQs, salary bands... back with it.
"""

import reversion

from roles import models as m
from salaries.models import SalaryBand

# What a role version carries along. Old addresses (SlugHistory) are deliberately not
# followed: reverting must never delete an address someone may have shared.
ROLE_CHILDREN = [
    "sections",
    "duties",
    "skills",
    "certifications",
    "tools",
    "steps",
    "education_paths",
    "qualifications",
    "pros_cons",
    "faqs",
    "career_levels",
    "related_roles",
    "career_moves",
    "salary_bands",
    "figures",
    "document_facts",
]
for _child in [
    m.Section,
    m.Duty,
    m.Skill,
    m.Certification,
    m.Tool,
    m.Step,
    m.EducationPath,
    m.Qualification,
    m.ProCon,
    m.FAQ,
    m.CareerLevel,
    m.RelatedRole,
    m.CareerMove,
    m.Figure,
    m.DocumentFact,
    SalaryBand,
    m.SlugHistory,
]:
    if not reversion.is_registered(_child):
        reversion.register(_child)
if not reversion.is_registered(m.Role):
    reversion.register(m.Role, follow=ROLE_CHILDREN)
