"""A salary chart drawn on the server as SVG: no JavaScript, no chart library, nothing from a CDN.

The chart is decoration over the table next to it (the table is the data); it carries its own
text alternative in <title>/<desc> so a screen reader gets the same story in one sentence.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join

from salaries.templatetags.money import format_money, format_money_range

register = template.Library()

ROW_HEIGHT = 34
LABEL_WIDTH = 250
CHART_WIDTH = 640
BAR_LEFT = LABEL_WIDTH + 10
BAR_SPACE = CHART_WIDTH - BAR_LEFT - 110


def _truncate(text: str, length: int = 36) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@register.inclusion_tag("salaries/includes/salary_chart.html")
def salary_chart(bands, chart_id: str, title: str = "Salary by experience level"):
    """Horizontal bars, one per band: the range as a light bar, the median (or average) as a dark bar."""
    rows = [band for band in bands if band.headline is not None or band.min is not None or band.max is not None]
    if not rows:
        return {"rows": []}
    top = max(max(b.max or 0, b.min or 0, b.headline or 0) for b in rows)
    scale = BAR_SPACE / top if top else 0
    drawn = []
    sentences = []
    for index, band in enumerate(rows):
        y = 8 + index * ROW_HEIGHT
        headline = band.headline
        range_text = format_money_range(band.min, band.max, band.currency, band.max_open_ended)
        if headline is None:
            # Only a range: drawn as the range alone, labelled with the range as the source gives it.
            low = band.min if band.min is not None else band.max
            high = band.max if band.max is not None else band.min
            drawn.append(
                {
                    "y": y,
                    "text_y": y + 17,
                    "label": _truncate(band.label),
                    "full_label": band.label,
                    "range_x": BAR_LEFT + round(low * scale),
                    "range_width": max(round((high - low) * scale), 2),
                    "has_range": True,
                    "bar_width": 0,
                    "value_x": BAR_LEFT + max(round(high * scale), 2) + 6,
                    "value": range_text,
                }
            )
            sentences.append(f"{band.label}: range {range_text}")
            continue
        figure_word = "median" if band.median is not None else "average"
        drawn.append(
            {
                "y": y,
                "text_y": y + 17,
                "label": _truncate(band.label),
                "full_label": band.label,
                "range_x": BAR_LEFT + round((band.min or headline) * scale),
                "range_width": max(round(((band.max or headline) - (band.min or headline)) * scale), 0),
                "has_range": band.min is not None and band.max is not None,
                "bar_width": max(round(headline * scale), 2),
                "value_x": BAR_LEFT + max(round(max(headline, band.max or 0) * scale), 2) + 6,
                "value": format_money(headline, band.currency),
            }
        )
        figures = [f"{figure_word} {format_money(headline, band.currency)}"]
        if band.min is not None or band.max is not None:
            figures.append("range " + range_text)
        sentences.append(f"{band.label}: {', '.join(figures)}")
    height = 16 + len(rows) * ROW_HEIGHT
    return {
        "rows": drawn,
        "chart_id": chart_id,
        "title": title,
        "description": "; ".join(sentences) + ".",
        "width": CHART_WIDTH,
        "height": height,
        "bar_left": BAR_LEFT,
        "axis_bottom": height - 4,
    }


@register.simple_tag
def chart_bars(rows):
    """The <g> rows of the chart (kept here so the template stays readable)."""
    return format_html_join(
        "\n",
        '<g><text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="22" rx="3" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text></g>',
        (
            (
                LABEL_WIDTH,
                row["text_y"],
                row["label"],
                BAR_LEFT,
                row["y"],
                row["bar_width"],
                row["value_x"],
                row["text_y"],
                row["value"],
            )
            for row in rows
        ),
    )


@register.simple_tag
def chart_ranges(rows):
    """The light min–max bars behind the headline bars."""
    return format_html_join(
        "\n",
        '<rect x="{}" y="{}" width="{}" height="22" rx="3" class="chart-range"></rect>',
        ((row["range_x"], row["y"], row["range_width"]) for row in rows if row["has_range"]),
    )
