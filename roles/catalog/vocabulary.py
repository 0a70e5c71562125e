"""The generated catalog's vocabulary: categories, their areas and functions, and the six-rung ladders
they make. Plain data and pure functions; no Django."""

from __future__ import annotations

import random

FAMILY_SIZE = 6

# Category -> areas. An area and a function make a subject ("Cloud" + "Analytics"); a subject makes a
# family of six titles. 12 x 12 x 12 subjects is enough for 10,000 roles.
CATEGORY_AREAS = {
    "Information Technology": [
        "Cloud",
        "Network",
        "Desktop",
        "Database",
        "Systems",
        "Application",
        "Identity",
        "Infrastructure",
        "Platform",
        "Endpoint",
        "Service Desk",
        "Data Center",
    ],
    "Healthcare": [
        "Clinical",
        "Patient",
        "Pharmacy",
        "Radiology",
        "Laboratory",
        "Medical Records",
        "Nursing",
        "Rehabilitation",
        "Surgical",
        "Dental",
        "Public Health",
        "Telehealth",
    ],
    "Finance": [
        "Payroll",
        "Treasury",
        "Tax",
        "Audit",
        "Credit",
        "Accounts Payable",
        "Accounts Receivable",
        "Investment",
        "Banking",
        "Insurance",
        "Billing",
        "Budget",
    ],
    "Education": [
        "Curriculum",
        "Student",
        "Admissions",
        "Library",
        "Learning",
        "Academic",
        "Campus",
        "Early Childhood",
        "Special Education",
        "Assessment",
        "Instructional",
        "Alumni",
    ],
    "Engineering": [
        "Mechanical",
        "Electrical",
        "Civil",
        "Structural",
        "Process",
        "Manufacturing",
        "Quality",
        "Reliability",
        "Controls",
        "Environmental",
        "Materials",
        "Test",
    ],
    "Marketing": [
        "Brand",
        "Content",
        "Digital",
        "Product Marketing",
        "Social Media",
        "Email",
        "Campaign",
        "Market Research",
        "Events",
        "Partner",
        "Growth",
        "Communications",
    ],
    "Sales": [
        "Inside Sales",
        "Field Sales",
        "Channel",
        "Account",
        "Territory",
        "Retail",
        "Wholesale",
        "Enterprise",
        "Key Account",
        "Pre-Sales",
        "Renewals",
        "Business Development",
    ],
    "Operations": [
        "Logistics",
        "Warehouse",
        "Procurement",
        "Supply Chain",
        "Fleet",
        "Facilities",
        "Inventory",
        "Distribution",
        "Vendor",
        "Production",
        "Planning",
        "Fulfillment",
    ],
    "Design": [
        "User Experience",
        "Graphic",
        "Interaction",
        "Visual",
        "Product Design",
        "Motion",
        "Interior",
        "Industrial",
        "Service Design",
        "Packaging",
        "Web",
        "Design Systems",
    ],
    "Legal": [
        "Contracts",
        "Compliance",
        "Litigation",
        "Privacy",
        "Intellectual Property",
        "Regulatory",
        "Corporate Legal",
        "Employment Law",
        "Paralegal",
        "Legal Operations",
        "Risk",
        "Ethics",
    ],
    "Hospitality": [
        "Guest",
        "Front Office",
        "Food and Beverage",
        "Housekeeping",
        "Catering",
        "Reservations",
        "Concierge",
        "Banquet",
        "Spa",
        "Travel",
        "Revenue",
        "Venue",
    ],
    "Construction": [
        "Site",
        "Estimating",
        "Building",
        "Safety",
        "Project Controls",
        "Scheduling",
        "Field Engineering",
        "Surveying",
        "Permitting",
        "Inspection",
        "Preconstruction",
        "Equipment",
    ],
}
# Function -> the noun of its base title ("Cloud" + "Analyst"); the higher rungs name the function.
FUNCTIONS = {
    "Support": "Support Specialist",
    "Operations": "Operations Specialist",
    "Analytics": "Analyst",
    "Compliance": "Compliance Officer",
    "Quality": "Quality Analyst",
    "Planning": "Planner",
    "Research": "Researcher",
    "Services": "Coordinator",
    "Administration": "Administrator",
    "Engineering": "Engineer",
    "Training": "Trainer",
    "Systems": "Systems Consultant",
}


def ladder_titles(area: str, function: str, noun: str) -> list[str]:
    """The six rungs of a family, in the order of the template's career levels."""
    base = f"{area} {noun}"
    subject = f"{area} {function}"
    return [f"Junior {base}", base, f"Senior {base}", f"{subject} Lead", f"{subject} Manager", f"Director of {subject}"]


class CatalogError(Exception):
    """A catalog that cannot be generated as asked (the command reports it as a CommandError)."""


def plan_families(roles: int, seed: int, taken: set[str]) -> list[tuple[str, list[str]]]:
    """(category, six titles) per family, shuffled by the seed, skipping families with a title in
    ``taken`` (lower case)."""
    rng = random.Random(seed)
    subjects = [
        (category, area, function, noun)
        for category, areas in CATEGORY_AREAS.items()
        for area in areas
        for function, noun in FUNCTIONS.items()
    ]
    rng.shuffle(subjects)
    families = []
    needed = -(-roles // FAMILY_SIZE)
    for category, area, function, noun in subjects:
        titles = ladder_titles(area, function, noun)
        if any(t.lower() in taken for t in titles):
            continue
        families.append((category, titles))
        if len(families) == needed:
            return families
    raise CatalogError(f"At most {len(families) * FAMILY_SIZE:,} roles can be generated.")
