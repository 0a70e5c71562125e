"""Countries and world regions named in running text (by name, abbreviation or demonym)."""

from __future__ import annotations

import re

COUNTRIES = {
    "United States": ["United States", "U.S.A.", "U.S.", "USA", "US", "America", "American"],
    "United Kingdom": ["United Kingdom", "U.K.", "UK", "Britain", "Great Britain", "British", "England", "English"],
    "Canada": ["Canada", "Canadian"],
    "Mexico": ["Mexico", "Mexican"],
    "Brazil": ["Brazil", "Brazilian"],
    "Argentina": ["Argentina", "Argentinian", "Argentine"],
    "Chile": ["Chile", "Chilean"],
    "Colombia": ["Colombia", "Colombian"],
    "Peru": ["Peru", "Peruvian"],
    "Germany": ["Germany", "German"],
    "France": ["France", "French"],
    "Spain": ["Spain", "Spanish"],
    "Portugal": ["Portugal", "Portuguese"],
    "Italy": ["Italy", "Italian"],
    "Netherlands": ["the Netherlands", "Netherlands", "Holland", "Dutch"],
    "Belgium": ["Belgium", "Belgian"],
    "Switzerland": ["Switzerland", "Swiss"],
    "Austria": ["Austria", "Austrian"],
    "Ireland": ["Ireland", "Irish"],
    "Sweden": ["Sweden", "Swedish"],
    "Norway": ["Norway", "Norwegian"],
    "Denmark": ["Denmark", "Danish"],
    "Finland": ["Finland", "Finnish"],
    "Poland": ["Poland", "Polish"],
    "Romania": ["Romania", "Romanian"],
    "Czech Republic": ["Czech Republic", "Czechia", "Czech"],
    "Hungary": ["Hungary", "Hungarian"],
    "Bulgaria": ["Bulgaria", "Bulgarian"],
    "Ukraine": ["Ukraine", "Ukrainian"],
    "Greece": ["Greece", "Greek"],
    "Turkey": ["Turkey", "Türkiye", "Turkish"],
    "Israel": ["Israel", "Israeli"],
    "United Arab Emirates": ["United Arab Emirates", "UAE", "Emirati"],
    "Saudi Arabia": ["Saudi Arabia", "Saudi"],
    "Egypt": ["Egypt", "Egyptian"],
    "South Africa": ["South Africa", "South African"],
    "Nigeria": ["Nigeria", "Nigerian"],
    "Kenya": ["Kenya", "Kenyan"],
    "India": ["India", "Indian"],
    "Pakistan": ["Pakistan", "Pakistani"],
    "China": ["China", "Chinese"],
    "Japan": ["Japan", "Japanese"],
    "South Korea": ["South Korea", "Korea", "Korean"],
    "Singapore": ["Singapore", "Singaporean"],
    "Malaysia": ["Malaysia", "Malaysian"],
    "Indonesia": ["Indonesia", "Indonesian"],
    "Philippines": ["the Philippines", "Philippines", "Filipino"],
    "Vietnam": ["Vietnam", "Vietnamese"],
    "Thailand": ["Thailand", "Thai"],
    "Australia": ["Australia", "Australian"],
    "New Zealand": ["New Zealand"],
}
REGIONS = {
    "North America": ["North America", "North American"],
    "Latin America": ["Latin America", "Latin American"],
    "South America": ["South America", "South American"],
    "Central America": ["Central America", "Central American"],
    "Western Europe": ["Western Europe", "Western European"],
    "Eastern Europe": ["Eastern Europe", "Eastern European"],
    "Central Europe": ["Central Europe", "Central European"],
    "Northern Europe": ["Northern Europe", "Northern European"],
    "Southern Europe": ["Southern Europe", "Southern European"],
    "Nordics": ["Nordic countries", "Nordics", "Nordic", "Scandinavia", "Scandinavian"],
    "Europe": ["Europe", "European", "EU"],
    "Asia-Pacific": ["Asia-Pacific", "Asia Pacific", "APAC"],
    "Southeast Asia": ["Southeast Asia", "South-East Asia", "Southeast Asian"],
    "Middle East": ["Middle East", "Middle Eastern", "MENA"],
    "Asia": ["Asia", "Asian"],
    "Africa": ["Africa", "African"],
    "Oceania": ["Oceania"],
}
_PLACE = {alias: (name, True) for name, aliases in COUNTRIES.items() for alias in aliases}
_PLACE.update({alias: (name, False) for name, aliases in REGIONS.items() for alias in aliases})
PLACE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in sorted(_PLACE, key=len, reverse=True)) + r")(?![\w-])"
)


def places(text: str) -> list[str]:
    """Countries named in ``text`` (by name, abbreviation or demonym); regions only when no country is named."""
    countries: list[str] = []
    regions: list[str] = []
    for m in PLACE_RE.finditer(text):
        name, is_country = _PLACE[m.group(0)]
        target = countries if is_country else regions
        if name not in target:
            target.append(name)
    return countries or regions
