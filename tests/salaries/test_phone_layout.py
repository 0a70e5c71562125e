"""Figures a phone can read (the rendering is checked in tests/browser/test_phones.py): the chart's bars are
proportional percentages of its width, and every cell of a table of figures names its column (data-label),
which is what the phone layout shows beside the figure."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.template import Context, Template

from salaries.models import SalaryBand
from tests.salaries.wages_data import SAMPLE

TSS = "technical-support-specialist"


@pytest.fixture(autouse=True)
def render_every_request(settings):
    settings.PAGE_CACHE_ENABLED = False


def soup_of(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_chart_bars_are_proportional_to_the_figures_and_fill_the_width(client, catalog):
    svg = soup_of(client, f"/roles/{TSS}/").find(id="salary").find("svg")
    assert svg["width"] == "100%" and not svg.has_attr("viewbox"), "no viewBox: the text keeps its size"
    bands = SalaryBand.objects.filter(role__slug=TSS, kind=SalaryBand.EXPERIENCE_LEVEL)
    medians = [band.headline for band in bands]
    widths = [float(rect["width"].rstrip("%")) for rect in svg.select("rect.chart-bar")]
    assert len(widths) == len(medians)
    top = max(medians)
    for median, width in zip(medians, widths, strict=True):
        assert width == pytest.approx(100 * median / top, abs=0.01)
    assert max(widths) == 100
    # The upper levels differ by at least 10% of the chart: they cannot look the same length.
    upper = sorted(widths)[-3:]
    assert upper[1] - upper[0] >= 10 and upper[2] - upper[1] >= 10


def test_level_titles_show_whole_on_a_phone(client, catalog):
    # "Junior Technical Support Specialist" (35 characters) fits beside its figure at 360 px: no "Speciali…".
    svg = soup_of(client, f"/roles/{TSS}/").find(id="salary").find("svg")
    labels = [label.get_text() for label in svg.select("text.chart-label")]
    assert "Junior Technical Support Specialist" in labels
    assert not svg.select("tspan.chart-label-short")


def test_a_label_too_long_for_a_phone_has_a_short_form():
    long = "DevOps IT Service Management (ITSM) Engineer"  # 44 characters: more than a 360 px row holds
    bands = [
        SalaryBand(label=long, median=90_000, currency="USD"),
        SalaryBand(label="Analyst", median=60_000, currency="USD"),
    ]
    html = Template("{% load salary_chart %}{% salary_chart bands 'c' %}").render(Context({"bands": bands}))
    svg = BeautifulSoup(html, "html.parser").find("svg")
    shorts = svg.select("tspan.chart-label-short")
    assert len(shorts) == 1
    assert svg.select_one("tspan.chart-label-full").get_text() == long
    short = shorts[0].get_text()
    assert short.endswith("…") and len(short) <= 36 and long.startswith(short[:-1])


def test_a_wide_figure_leaves_less_room_for_its_label():
    label = "Technical Support Specialist: U.S. national range"
    bands = [SalaryBand(label=label, min=37_000, max=95_000, currency="USD")]  # drawn as its range
    html = Template("{% load salary_chart %}{% salary_chart bands 'c' %}").render(Context({"bands": bands}))
    svg = BeautifulSoup(html, "html.parser")
    figure = svg.select_one("text.chart-value").get_text()
    assert len(figure) > 8, figure
    short = svg.select_one("tspan.chart-label-short").get_text()
    assert len(short) == 36 - (len(figure) - 8) and label.startswith(short[:-1].rstrip())


def assert_cells_name_their_columns(tables) -> None:
    for table in tables:
        columns = [th.get_text(strip=True) for th in table.select("thead th")]
        rows = table.select("tbody tr")
        assert rows, f"{table.caption.get_text(strip=True)}: no rows"
        for row in rows:
            labels = [td.get("data-label") for td in row.find_all("td")]
            assert labels == columns[1:], f"{table.caption.get_text(strip=True)}: {labels} != {columns[1:]}"


@pytest.mark.parametrize("path", [f"/roles/{TSS}/", "/salaries/"])
def test_every_figure_cell_names_its_column(client, catalog, path):
    soup = soup_of(client, path)
    tables = soup.select("table.table-stack")
    assert tables
    for table in tables:
        columns = [th.get_text(strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            labels = [td.get("data-label") for td in row.find_all("td")]
            assert labels == columns[1:], f"{table.caption.get_text(strip=True)}: {labels} != {columns[1:]}"


@pytest.mark.parametrize(
    ("path", "count"),
    [(f"/roles/{TSS}/pay/?state=texas", 2), (f"/roles/{TSS}/pay/texas/", 1), ("/salaries/?area=texas", 1)],
)
def test_official_wage_tables_are_cards_on_a_phone(client, catalog, path, count):
    call_command("import_wages", str(SAMPLE), "--all", verbosity=0)
    soup = soup_of(client, path)
    tables = soup.select("table.wage-table")
    assert len(tables) == count
    assert all("table-stack" in table["class"] for table in tables), "every table of wages stacks on a phone"
    assert_cells_name_their_columns(tables)


def test_compare_tables_label_each_role_entry_for_phones(client, catalog):
    soup = soup_of(client, f"/compare/?roles={TSS}&roles=senior-technical-support-specialist")
    tables = soup.select("table.compare-table.table-stack")
    assert len(tables) == 2
    for table in tables:
        titles = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            labels = [td["data-label"] for td in row.find_all("td")]
            assert all(title.startswith(label) for label, title in zip(labels, titles, strict=True))


def test_career_map_scales_to_its_frame(client, catalog):
    svg = soup_of(client, "/career-paths/").select_one("#career-map svg")
    assert svg["width"] == "100%" and not svg.has_attr("height")
    width = int(svg["viewbox"].split()[2])
    assert width <= 1300, "six columns fit a 1,140 px container at no less than 0.85 of their size"
