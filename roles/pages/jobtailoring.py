"""The form that tailors a job description to one job; its values live in the page's address (GET).

``TAILORING_PARAMETERS`` is the one list of the query parameters the job-description page and
its downloads read: nothing else in the address changes what they answer, so a page cache may key
them on these alone (after validating them with this form).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.http import QueryDict
from django.utils.encoding import iri_to_uri

from careerguide.queryparams import Param
from roles.importers.text import KNOWN_CURRENCIES
from roles.presenters.jobtailoring import EMPLOYMENT_TYPES, PAY_PERIODS, Tailoring

FIRST_CURRENCIES = ["USD", "EUR", "GBP"]
CURRENCY_CHOICES = [(code, code) for code in FIRST_CURRENCIES + sorted(set(KNOWN_CURRENCIES) - set(FIRST_CURRENCIES))]
# "a year" -> "Per year"
PAY_PERIOD_CHOICES = [(code, "Per " + phrase.split()[-1]) for code, phrase in PAY_PERIODS.items()]
MAX_PAY = Decimal(100_000_000)
MAX_BENEFITS = 15
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)
# A scheme at the start ("javascript:", "ftp:"), but not a host and port ("example.com:8080").
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$")
_BULLET = re.compile(r"^\s*(?:[-*•·]\s+)")
# Bidirectional overrides would make a name display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


TOO_LONG = {"max_length": "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."}


# What Django decodes bytes that are not UTF-8 to (a link cut or mangled on its way): never a real name.
_UNREADABLE = "\ufffd"


def no_control_characters(value: str, *, allow_line_breaks: bool = False) -> None:
    if _UNREADABLE in value:
        raise ValidationError(
            "Part of this field could not be read (the link may have been cut or changed): type it again.",
            code="unreadable",
        )
    allowed = "\n\r\t" if allow_line_breaks else ""
    for character in value:
        if character in _BIDI_CONTROLS or (unicodedata.category(character) == "Cc" and character not in allowed):
            what = "control characters" if allow_line_breaks else "line breaks or control characters"
            raise ValidationError(f"Remove the {what} from this field.", code="control")


def single_line(value: str) -> None:
    no_control_characters(value)


def multi_line(value: str) -> None:
    no_control_characters(value, allow_line_breaks=True)


class PayField(forms.DecimalField):
    """A pay figure: "55000", "55,000", "25.50". Anything else is said to be what it is, not a number."""

    default_error_messages = {
        "invalid": "Give the pay as a number, such as 55000 or 27.50, without a currency sign.",
        "max_digits": "That figure is too large for a pay.",
        "max_decimal_places": "Give the pay with at most two decimals.",
        "max_whole_digits": "That figure is too large for a pay.",
    }

    def __init__(self, **kwargs):
        super().__init__(max_digits=12, decimal_places=2, required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and _THOUSANDS.match(value.strip()):
            value = value.strip().replace(",", "").replace(" ", "")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value <= 0:
            raise ValidationError("A pay must be more than zero.", code="min_value")
        if value is not None and value > MAX_PAY:
            raise ValidationError("That figure is too large for a pay.", code="max_value")


class TailoringDateField(forms.DateField):
    default_error_messages = {"invalid": "Give the date as YYYY-MM-DD, for example 2026-03-01."}

    def __init__(self, **kwargs):
        widget = forms.DateInput(attrs={"type": "date"})
        super().__init__(required=False, input_formats=["%Y-%m-%d"], widget=widget, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError("Give a date between 2000 and 2099.", code="out_of_range")


class JobTailoringForm(forms.Form):
    company = forms.CharField(
        label="Company",
        max_length=120,
        validators=[single_line],
        error_messages={"required": "Give the name of the company that is hiring.", **TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    location = forms.CharField(
        label="Location",
        max_length=120,
        validators=[single_line],
        help_text="City and country, e.g. Berlin, Germany. Fully remote: where applicants must live.",
        error_messages={
            "required": "Give where the job is: a city and country, or where remote applicants live.",
            **TOO_LONG,
        },
    )
    remote = forms.BooleanField(label="Fully remote", required=False)
    employment_type = forms.ChoiceField(
        label="Employment type",
        choices=list(EMPLOYMENT_TYPES.items()),
        initial="FULL_TIME",
        error_messages={
            "required": "Choose the employment type.",
            "invalid_choice": "Choose an employment type from the list (full-time, part-time, contract…).",
        },
    )
    salary_min = PayField(label="Pay from", widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    salary_max = PayField(label="Pay up to", widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    currency = forms.ChoiceField(
        label="Currency",
        choices=CURRENCY_CHOICES,
        required=False,
        initial="USD",
        error_messages={"invalid_choice": "Choose a currency from the list (USD, EUR, GBP…)."},
    )
    salary_period = forms.ChoiceField(
        label="Pay period",
        choices=PAY_PERIOD_CHOICES,
        required=False,
        initial="YEAR",
        error_messages={"invalid_choice": "Choose a pay period from the list (per year, per month…)."},
    )
    apply_url = forms.CharField(
        label="Apply link or e-mail",
        max_length=500,
        validators=[single_line],
        help_text="A link to the application form (https://…) or an e-mail address.",
        error_messages={"required": "Give a link to apply at or an e-mail address to apply to.", **TOO_LONG},
        widget=forms.TextInput(attrs={"placeholder": "https://… or jobs@example.com", "autocomplete": "off"}),
    )
    benefits = forms.CharField(
        label="Benefits (optional)",
        max_length=1000,
        required=False,
        validators=[multi_line],
        help_text="One per line.",
        error_messages=TOO_LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    equal_opportunity = forms.CharField(
        label="Equal-opportunity statement (optional)",
        max_length=500,
        required=False,
        error_messages=TOO_LONG,
        validators=[single_line],
        widget=forms.TextInput(
            attrs={"placeholder": "We are an equal-opportunity employer and welcome applications from everyone."}
        ),
    )
    posted = TailoringDateField(label="Date posted", help_text="Left empty, it is today.")
    closes = TailoringDateField(label="Applications close (optional)", help_text="Left empty, 30 days after posting.")

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = action
        self.helper.form_id = "jd-tailor-form"
        self.helper.attrs = {"aria-label": "Tailor this job description", "novalidate": ""}
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "company",
            "location",
            "remote",
            "employment_type",
            Row(Column("salary_min", css_class="col-6"), Column("salary_max", css_class="col-6")),
            Row(Column("currency", css_class="col-6"), Column("salary_period", css_class="col-6")),
            "apply_url",
            "benefits",
            "equal_opportunity",
            Row(Column("posted", css_class="col-6"), Column("closes", css_class="col-6")),
            # A <button> with no name: the shared link carries the values, not the button's label.
            StrictButton("Fill in the description", type="submit", css_class="btn-primary w-100"),
        )

    def clean_salary_min(self):
        return _whole_if_possible(self.cleaned_data.get("salary_min"))

    def clean_salary_max(self):
        return _whole_if_possible(self.cleaned_data.get("salary_max"))

    def clean_apply_url(self) -> str:
        return apply_link(self.cleaned_data["apply_url"])

    def clean_benefits(self) -> tuple[str, ...]:
        lines = [_BULLET.sub("", line).strip() for line in self.cleaned_data.get("benefits", "").splitlines()]
        benefits = tuple(line for line in lines if line)
        if len(benefits) > MAX_BENEFITS:
            raise ValidationError(f"List at most {MAX_BENEFITS} benefits (this has {len(benefits)}).")
        return benefits

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The highest pay must not be below the lowest.")
        if (low is not None or high is not None) and not cleaned.get("currency") and "currency" not in self.errors:
            self.add_error("currency", "Choose the currency of the pay.")
        location = cleaned.get("location", "")
        if location and not cleaned.get("remote") and len([p for p in location.split(",") if p.strip()]) < 2:
            self.add_error("location", "Give the city and the country, separated by a comma: e.g. Berlin, Germany.")
        posted, closes = cleaned.get("posted"), cleaned.get("closes")
        if posted and closes and closes < posted:
            self.add_error("closes", "Applications cannot close before the job is posted.")
        return cleaned

    def tailoring(self) -> Tailoring:
        """The validated values (call after is_valid(), with a posting date given)."""
        data = self.cleaned_data
        return Tailoring(
            company=data["company"],
            location=data["location"],
            remote=data["remote"],
            employment_type=data["employment_type"],
            salary_min=data["salary_min"],
            salary_max=data["salary_max"],
            currency=data["currency"] or "USD",
            salary_period=data["salary_period"] or "YEAR",
            apply_url=data["apply_url"],
            benefits=data["benefits"],
            equal_opportunity=data["equal_opportunity"],
            posted=data["posted"],
            closes=data["closes"],
        )


# Every parameter the job-description views read, in the form's order.
TAILORING_PARAMETERS = tuple(JobTailoringForm.base_fields)
# The same, as the page cache keys the job-description views by them (the form validates them).
TAILORING_CACHE_PARAMETERS = tuple(Param(name, max_length=2000) for name in TAILORING_PARAMETERS)


def _whole_if_possible(amount: Decimal | None) -> int | Decimal | None:
    """55000.00 is shown as 55,000; 27.5 as 27.50."""
    if amount is None:
        return None
    if amount == amount.to_integral_value():
        return int(amount)
    return amount.quantize(Decimal("0.01"))


def apply_link(value: str) -> str:
    """An http(s) address or a mailto: link, made from what the recruiter typed; anything else is refused."""
    value = value.strip()
    is_mailto = value.lower().startswith("mailto:")
    if is_mailto or ("@" in value and "/" not in value and ":" not in value):
        address = value[len("mailto:") :] if is_mailto else value
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError("Give an e-mail address such as jobs@example.com.", code="email") from None
        return "mailto:" + iri_to_uri(address)
    scheme = _SCHEME.match(value)
    if scheme is None:
        value = "https://" + value
    elif scheme.group(1).lower() not in ("http", "https"):
        raise ValidationError(
            "Give a web address starting with https:// or http://, or an e-mail address "
            f"(“{scheme.group(1)[:20]}:” links are not allowed).",
            code="scheme",
        )
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError("That is not a web address: check it, e.g. https://example.com/jobs/123.") from None
    return iri_to_uri(value)


def is_tailoring_request(query: QueryDict) -> bool:
    """Whether the address asks for a tailored description (any tailoring parameter, even empty)."""
    return any(name in query for name in TAILORING_PARAMETERS)


def tailoring_query(query: QueryDict) -> QueryDict:
    """Only the tailoring parameters of ``query``, in the form's order: the rest of an address never matters."""
    kept = QueryDict(mutable=True)
    for name in TAILORING_PARAMETERS:
        if name in query:
            kept[name] = query[name]
    return kept
