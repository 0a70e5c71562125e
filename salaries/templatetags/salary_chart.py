"""A salary chart drawn on the server as SVG: no JavaScript, no chart library, nothing from a CDN.

The chart is decoration over the table next to it (the table is the data); it carries its own
text alternative in <title>/<desc> so a screen reader gets the same story in one sentence.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

from salaries.templatetags.money import format_money, format_money_range

register = template.Library()

# Bars are laid out in percentages of the chart's width and text in pixels, so the chart fills any
# screen without scaling its text down: each row is its label and figure on one line, the bars below.
ROW_HEIGHT = 46
LABEL_BASELINE = 15
BAR_TOP = 22
BAR_HEIGHT = 16
# Under 576 px a longer label shows shortened: at 360 px the chart is 336 px wide, and 36 characters of
# 13 px text (about 245 px) leave room for a figure of up to 8 characters ("$145,000", 68 px); each
# character more of the figure (about 8 px, bold) takes one from the label ("$37,000–$95,000": 29).
LABEL_LENGTH = 36
FIGURE_LENGTH = 8


def _label_room(value: str) -> int:
    return LABEL_LENGTH - max(len(value) - FIGURE_LENGTH, 0)


def _truncate(text: str, length: int = LABEL_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


@register.inclusion_tag("salaries/includes/salary_chart.html")
def salary_chart(bands, chart_id: str, title: str = "Salary by experience level"):
    """Horizontal bars, one per band: the range as a light bar, the median (or average) as a dark bar."""
    rows = [band for band in bands if band.headline is not None or band.min is not None or band.max is not None]
    if not rows:
        return {"rows": []}
    top = max(max(b.max or 0, b.min or 0, b.headline or 0) for b in rows)
    scale = 100 / top if top else 0
    drawn = []
    sentences = []
    for index, band in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        headline = band.headline
        range_text = format_money_range(band.min, band.max, band.currency, band.max_open_ended)
        if headline is None:
            # Only a range: drawn as the range alone, labelled with the range as the source gives it.
            low = band.min if band.min is not None else band.max
            high = band.max if band.max is not None else band.min
        else:
            low, high = band.min or headline, band.max or headline
        value = format_money(headline, band.currency) if headline is not None else range_text
        drawn.append(
            {
                "text_y": y + LABEL_BASELINE,
                "bar_y": y + BAR_TOP,
                "label": band.label,
                "short_label": _truncate(band.label, _label_room(value)),
                "range_x": _percent(low * scale),
                "range_width": _percent(max((high - low) * scale, 0.5 if headline is None else 0)),
                "has_range": headline is None or (band.min is not None and band.max is not None),
                "bar_width": _percent(max(headline * scale, 0.5)) if headline is not None else "0%",
                "value": value,
            }
        )
        if headline is None:
            sentences.append(f"{band.label}: range {range_text}")
            continue
        figure_word = "median" if band.median is not None else "average"
        figures = [f"{figure_word} {format_money(headline, band.currency)}"]
        if band.min is not None or band.max is not None:
            figures.append("range " + range_text)
        sentences.append(f"{band.label}: {', '.join(figures)}")
    height = 8 + len(rows) * ROW_HEIGHT
    return {
        "rows": drawn,
        "chart_id": chart_id,
        "title": title,
        "description": "; ".join(sentences) + ".",
        "height": height,
        # The caption names the light bar only when one is drawn (a ladder of medians has none).
        "has_ranges": any(row["has_range"] for row in drawn),
    }


def _label(row) -> str:
    """The row's label; a long one also shortened, for CSS to show on a phone instead of the full one."""
    if row["short_label"] == row["label"]:
        return row["label"]
    return format_html(
        '<tspan class="chart-label-full">{}</tspan><tspan class="chart-label-short">{}</tspan>',
        row["label"],
        row["short_label"],
    )


@register.simple_tag
def chart_bars(rows):
    """The <g> rows of the chart (kept here so the template stays readable): label left, figure right, bar below."""
    return format_html_join(
        "\n",
        '<g><text x="0" y="{}" class="chart-label">{}</text>'
        '<text x="100%" y="{}" class="chart-value" text-anchor="end">{}</text>'
        '<rect x="0" y="{}" width="{}" height="{}" rx="3" class="chart-bar"></rect></g>',
        (
            (row["text_y"], _label(row), row["text_y"], row["value"], row["bar_y"], row["bar_width"], BAR_HEIGHT)
            for row in rows
        ),
    )


@register.simple_tag
def chart_ranges(rows):
    """The light min–max bars behind the headline bars."""
    return format_html_join(
        "\n",
        '<rect x="{}" y="{}" width="{}" height="{}" rx="3" class="chart-range"></rect>',
        ((row["range_x"], row["bar_y"], row["range_width"], BAR_HEIGHT) for row in rows if row["has_range"]),
    )
