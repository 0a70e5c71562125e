"""Official wages shaped for pages and the API: figures as a reader sees them ("$239,200 or more",
"Not published: Estimate not released."), the state tile map, and the Occupation JSON-LD of a place."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from salaries.wages.models import ANNUAL_FIELDS, FIGURE_FIELDS, HOURLY_FIELDS, Area, Wage

PERCENTILES = [("p10", "10th"), ("p25", "25th"), ("median", "Median (50th)"), ("p75", "75th"), ("p90", "90th")]
SHADES = 5

# The tile map: every state one square, placed as on a map (column, row), keyed by FIPS code.
STATE_TILES = {
    "02": ("AK", 0, 0), "23": ("ME", 10, 0), "50": ("VT", 9, 1), "33": ("NH", 10, 1),
    "53": ("WA", 0, 2), "16": ("ID", 1, 2), "30": ("MT", 2, 2), "38": ("ND", 3, 2), "27": ("MN", 4, 2),
    "17": ("IL", 5, 2), "55": ("WI", 6, 2), "26": ("MI", 7, 2), "36": ("NY", 8, 2), "44": ("RI", 9, 2),
    "25": ("MA", 10, 2), "41": ("OR", 0, 3), "32": ("NV", 1, 3), "56": ("WY", 2, 3), "46": ("SD", 3, 3),
    "19": ("IA", 4, 3), "18": ("IN", 5, 3), "39": ("OH", 6, 3), "42": ("PA", 7, 3), "34": ("NJ", 8, 3),
    "09": ("CT", 9, 3), "06": ("CA", 0, 4), "49": ("UT", 1, 4), "08": ("CO", 2, 4), "31": ("NE", 3, 4),
    "29": ("MO", 4, 4), "21": ("KY", 5, 4), "54": ("WV", 6, 4), "51": ("VA", 7, 4), "24": ("MD", 8, 4),
    "10": ("DE", 9, 4), "04": ("AZ", 1, 5), "35": ("NM", 2, 5), "20": ("KS", 3, 5), "05": ("AR", 4, 5),
    "47": ("TN", 5, 5), "37": ("NC", 6, 5), "45": ("SC", 7, 5), "11": ("DC", 8, 5), "40": ("OK", 3, 6),
    "22": ("LA", 4, 6), "28": ("MS", 5, 6), "01": ("AL", 6, 6), "13": ("GA", 7, 6), "15": ("HI", 0, 7),
    "48": ("TX", 3, 7), "12": ("FL", 8, 7), "72": ("PR", 10, 7),
}  # fmt: skip
TILE_SIZE = 44
TILE_GAP = 4


@dataclass(frozen=True)
class Figure:
    """One published number, or why there is none."""

    value: int | Decimal | None
    kind: str  # "annual", "hourly", "count", "ratio"
    top_coded: bool = False
    reason: str = ""

    @property
    def published(self) -> bool:
        return self.value is not None

    @property
    def text(self) -> str:
        if self.value is None:
            return "Not published"
        if self.kind == "annual":
            text = f"${self.value:,}"
        elif self.kind == "hourly":
            text = f"${self.value:,.2f}"
        elif self.kind == "count":
            text = f"{self.value:,}"
        else:
            text = f"{self.value}"
        return f"{text} or more" if self.top_coded else text

    def __str__(self) -> str:
        return self.text

    def as_json(self) -> dict:
        data = {
            "value": None
            if self.value is None
            else (int(self.value) if self.kind in ("annual", "count") else str(self.value))
        }
        if self.top_coded:
            data["top_coded"] = True
        if self.value is None:
            data["not_published"] = self.reason or "Not published"
        return data


def _kind(name: str) -> str:
    if name in ANNUAL_FIELDS:
        return "annual"
    if name in HOURLY_FIELDS:
        return "hourly"
    return "count" if name == "employment" else "ratio"


class WageFigures:
    """A wage row's figures by name (``figures.annual_median.text``), with BLS's reasons for gaps."""

    def __init__(self, wage: Wage):
        self.wage = wage
        self.area = wage.area
        self.release = wage.release
        footnotes = wage.release.footnotes
        for name in FIGURE_FIELDS:
            codes = wage.notes.get(name, [])
            reason = " ".join(footnotes.get(code, "") for code in codes).strip()
            figure = Figure(getattr(wage, name), _kind(name), name in wage.top_coded, reason)
            setattr(self, name, figure)

    @property
    def percentiles(self) -> list[dict]:
        return [
            {"label": label, "hourly": getattr(self, f"hourly_{key}"), "annual": getattr(self, f"annual_{key}")}
            for key, label in PERCENTILES
        ]

    @property
    def notes(self) -> list[str]:
        """Every distinct footnote of the row, for the page's notes."""
        footnotes = self.release.footnotes
        codes = sorted({code for codes in self.wage.notes.values() for code in codes})
        return [footnotes[code] for code in codes if code in footnotes]

    def as_json(self) -> dict:
        data = {
            "area": {"slug": self.area.slug, "name": self.area.name, "kind": self.area.kind},
            "source": self.release.citation,
        }
        data.update({name: getattr(self, name).as_json() for name in FIGURE_FIELDS})
        return data


def compare_with_nation(local: WageFigures, national: WageFigures | None) -> dict | None:
    """How the local median compares with the nation's, as a percentage difference."""
    if national is None or local.annual_median.value is None or national.annual_median.value is None:
        return None
    difference = (local.annual_median.value - national.annual_median.value) / national.annual_median.value * 100
    return {
        "percent": abs(round(difference)),
        "direction": "above" if difference > 0 else "below",
        "same": abs(difference) < 0.5,
    }


def shade_classes(values: list[int | None]) -> list[str]:
    """A CSS class per value: five equal steps from the lowest to the highest median, or none."""
    known = [value for value in values if value is not None]
    if not known:
        return ["tile-none" for _ in values]
    low, high = min(known), max(known)
    step = (high - low) / SHADES or 1
    return [
        "tile-none" if value is None else f"tile-shade-{min(SHADES, int((value - low) / step) + 1)}" for value in values
    ]


def shade_legend(values: list[int | None]) -> list[dict]:
    known = [value for value in values if value is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    step = (high - low) / SHADES
    return [
        {"css": f"tile-shade-{index + 1}", "low": round(low + step * index), "high": round(low + step * (index + 1))}
        for index in range(SHADES)
    ]


def state_tiles(role_slug: str, states: list[WageFigures]) -> dict:
    """The tile map's squares (position, link, label, shade), drawn by templates/salaries/includes/tile_map.html."""
    medians = [state.annual_median.value for state in states]
    tiles = []
    for state, css in zip(states, shade_classes(medians), strict=True):
        place = STATE_TILES.get(state.area.state_code)
        if place is None:
            continue
        abbreviation, column, row = place
        median = state.annual_median
        tiles.append(
            {
                "abbreviation": abbreviation,
                "x": column * (TILE_SIZE + TILE_GAP),
                "y": row * (TILE_SIZE + TILE_GAP),
                "text_x": column * (TILE_SIZE + TILE_GAP) + TILE_SIZE // 2,
                "text_y": row * (TILE_SIZE + TILE_GAP) + TILE_SIZE // 2 + 5,
                "css": css,
                "url": reverse("salaries:role_pay_area", kwargs={"slug": role_slug, "area": state.area.slug}),
                "label": f"{state.area.name}: median {median.text}"
                if median.published
                else f"{state.area.name}: not published",
            }
        )
    return {
        "tiles": tiles,
        "size": TILE_SIZE,
        "width": 11 * (TILE_SIZE + TILE_GAP),
        "height": 8 * (TILE_SIZE + TILE_GAP),
        "legend": shade_legend(medians),
    }


def _place(area: Area) -> dict:
    if area.kind == Area.STATE:
        return {"@type": "State", "name": area.name, "containedInPlace": {"@type": "Country", "name": "United States"}}
    if area.kind == Area.METRO:
        return {
            "@type": "AdministrativeArea",
            "name": area.name,
            "containedInPlace": {"@type": "Country", "name": "United States"},
        }
    return {"@type": "Country", "name": "United States"}


def occupation_at(role, figures: WageFigures, *, url: str) -> dict:
    """schema.org Occupation of ``role`` in one place, with BLS's percentiles as its estimated salary."""
    distribution = {
        "@type": "MonetaryAmountDistribution",
        "name": f"{figures.release.citation}, {figures.area.name}",
        "currency": "USD",
        "duration": "P1Y",
    }
    for key, name in [
        ("p10", "percentile10"),
        ("p25", "percentile25"),
        ("median", "median"),
        ("p75", "percentile75"),
        ("p90", "percentile90"),
    ]:
        figure = getattr(figures, f"annual_{key}")
        # A top-coded wage is a floor, not the percentile: claiming it would be false.
        if figure.published and not figure.top_coded:
            distribution[name] = int(figure.value)
    data = {
        "@type": "Occupation",
        "name": role.title,
        "url": url,
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": role.soc_code,
            "inCodeSet": "https://www.bls.gov/soc/",
            "name": figures.wage.occupation.title,
        },
        "occupationLocation": [_place(figures.area)],
        "estimatedSalary": [distribution],
    }
    return data


def national_figures(role) -> WageFigures | None:
    """The role's official national figures (one query), or None without a SOC code or figures."""
    if not role.soc_code:
        return None
    wage = Wage.objects.for_code(role.soc_code).filter(area__kind=Area.NATIONAL).first()
    return WageFigures(wage) if wage else None


def official_wages_json(role, figures: WageFigures | None, pay_url: str | None) -> dict:
    """The API's "official_wages" block: the SOC code and the national figures, or why there are none."""
    if figures is None:
        return {"soc_code": role.soc_code or None, "national": None, "note": "No official figures for this role."}
    return {
        "soc_code": role.soc_code,
        "occupation": figures.wage.occupation.title,
        "source": figures.release.citation,
        "published": figures.release.published.isoformat(),
        "pay_url": pay_url,
        "national": figures.as_json(),
    }
