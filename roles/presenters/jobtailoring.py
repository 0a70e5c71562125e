"""What a recruiter adds to a job description to make it an ad for one job.

``Tailoring`` holds values that have already been validated (roles.pages.jobtailoring does that,
from the page's address), so the presenters that lay the ad out and build its ``JobPosting``
never see anything else. The vocabulary is schema.org's, which is also Google's for job postings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat

# schema.org JobPosting.employmentType values, with how an ad says each.
EMPLOYMENT_TYPES = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}
# The sentence the opening gives each type; OTHER says nothing rather than something vague.
EMPLOYMENT_SENTENCES = {
    "FULL_TIME": "This is a full-time position.",
    "PART_TIME": "This is a part-time position.",
    "CONTRACTOR": "This is a contract position.",
    "TEMPORARY": "This is a temporary position.",
    "INTERN": "This is an internship.",
    "VOLUNTEER": "This is a volunteer position.",
    "PER_DIEM": "This is a per-diem position, paid by the day worked.",
}
# QuantitativeValue.unitText values Google reads for a salary, with how an ad says each.
PAY_PERIODS = {"YEAR": "a year", "MONTH": "a month", "WEEK": "a week", "DAY": "a day", "HOUR": "an hour"}
# How long a posting stays open when the recruiter gives no closing date: the common
# 30-day listing of job boards. The page shows the date, so it is never a hidden claim.
LISTING_DAYS = 30


@dataclass(frozen=True)
class Tailoring:
    """One job: who is hiring, where, on what terms, and how to apply."""

    company: str
    location: str
    employment_type: str
    apply_url: str  # an http(s) address or a mailto: link, never anything else
    posted: datetime.date
    remote: bool = False
    salary_min: int | Decimal | None = None
    salary_max: int | Decimal | None = None
    currency: str = "USD"
    salary_period: str = "YEAR"
    benefits: tuple[str, ...] = ()
    equal_opportunity: str = ""
    closes: datetime.date | None = None

    @property
    def valid_through(self) -> datetime.date:
        return self.closes or self.posted + datetime.timedelta(days=LISTING_DAYS)

    @property
    def apply_email(self) -> str:
        return self.apply_url.removeprefix("mailto:") if self.apply_url.startswith("mailto:") else ""

    @property
    def has_pay(self) -> bool:
        return self.salary_min is not None or self.salary_max is not None

    @property
    def employment_label(self) -> str:
        return EMPLOYMENT_TYPES[self.employment_type]

    @property
    def address_parts(self) -> tuple[str, str, str]:
        """(locality, region, country) read from "City, Region, Country" (the region may be empty)."""
        parts = [part.strip() for part in self.location.split(",") if part.strip()]
        if len(parts) < 2:
            return "", "", self.location.strip()
        if len(parts) == 2 and parts[-1].upper() in US_STATE_CODES:
            # "Austin, TX" is a city and a state, not a country called "TX".
            return parts[0], parts[1], "US"
        return parts[0], ", ".join(parts[1:-1]), parts[-1]

    @property
    def remote_area(self) -> str:
        """Where remote applicants may live, as it reads after "anywhere in": "the United States"."""
        return with_article(self.location)

    @property
    def location_label(self) -> str:
        if self.remote:
            return f"Fully remote, from anywhere in {self.remote_area}"
        return self.location


# The postal codes of the states, DC and territories: the usual way to write a US job's place ("Austin, TX").
US_STATE_CODES = frozenset(
    (  # noqa: SIM905 - a list literal would take one line per code
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP"
    ).split()
)

# Places whose English name takes "the" ("anywhere in the United States").
_THE_PREFIXES = ("united ",)
_THE_NAMES = frozenset(
    {"netherlands", "philippines", "czech republic", "dominican republic", "bahamas", "gambia", "maldives"}
    | {"european union", "uk", "us", "usa", "uae", "eu"}
)


def with_article(place: str) -> str:
    lower = place.strip().lower()
    if lower.startswith(_THE_PREFIXES) or lower in _THE_NAMES:
        return f"the {place.strip()}"
    return place


def format_date(day: datetime.date) -> str:
    """ "5 January 2026"."""
    return dateformat.format(day, "j F Y")
