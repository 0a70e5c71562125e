"""The search form: the query and the filters that combine with it, all kept in the URL (GET)."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.http import HttpRequest

from roles.search import MAX_QUERY_LENGTH, SearchFilters, SearchResults, search


class QueryField(forms.CharField):
    """Free text of any kind: ``roles.search`` cleans and shortens it, so nothing here rejects it.

    (CharField's own validators would refuse NUL characters and long text and lose the query.)
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = []


class SearchForm(forms.Form):
    q = QueryField(
        label="Search",
        required=False,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "class": "form-control form-control-lg",
                "placeholder": "Role, skill, certification or question",
                "autocomplete": "off",
                "aria-describedby": "id_q_helptext",
            }
        ),
        help_text=f"Up to {MAX_QUERY_LENGTH} characters. Spelling mistakes are forgiven.",
    )
    category = forms.CharField(
        label="Category",
        required=False,
        validators=[RegexValidator(r"^[-a-zA-Z0-9_]+$", "Choose a category from the list.")],
        widget=forms.Select(choices=[("", "Any category")]),
    )
    experience = forms.IntegerField(
        label="Years of experience",
        required=False,
        min_value=0,
        max_value=60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "Any"}),
    )
    salary_min = forms.IntegerField(
        label="Median salary from",
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000, "placeholder": "Any"}),
    )
    salary_max = forms.IntegerField(
        label="Median salary up to",
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000, "placeholder": "Any"}),
    )

    def __init__(self, *args, categories: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_categories(categories or [])

    def set_categories(self, categories: list[tuple[str, str]]) -> None:
        """Fill the category list (the search module reads it in the same query as the vocabulary)."""
        self.fields["category"].widget.choices = [("", "Any category"), *categories]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The upper salary must not be below the lower one.")
        return cleaned

    def filters(self) -> SearchFilters:
        """The filters from the fields that are valid; an invalid one is left out rather than failing the search."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SearchFilters(
            category=data.get("category") or "",
            experience_years=data.get("experience"),
            salary_min=data.get("salary_min"),
            salary_max=data.get("salary_max"),
        )


def _page_number(request: HttpRequest) -> int:
    """``?page=`` as a positive number; anything else is the first page (past the end is the last)."""
    try:
        return max(1, int(request.GET.get("page", "1")))
    except (TypeError, ValueError, OverflowError):
        return 1


def run_search(request: HttpRequest) -> tuple[SearchForm, SearchResults]:
    """The search a request's query string asks for, and the form to show it with."""
    form = SearchForm(request.GET)
    results = search(request.GET.get("q", ""), filters=form.filters(), page=_page_number(request))
    # Show the query as it was searched (cleaned and shortened), with the real category list.
    data = request.GET.copy()
    data["q"] = results.query
    form = SearchForm(data, categories=results.categories)
    form.is_valid()
    return form, results
