"""Search answers as JSON, to compare two versions of the search code on the same catalog.

    DATABASE_URL=... python bench/search_answers.py out.json [--queries bench/search_queries.txt]

For every line of the latency mix (bench/search_queries.txt) plus the extra queries below: the
result roles with their rounded scores, sections, anchors and snippets, the total, the page, the
capped flag, the notice, the correction, the exclusions and "did you mean"; and the header's
suggestions for a few prefixes. Two runs on the same catalog give the same file exactly when search
answers the same (``diff`` them).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")

# Beyond the latency mix: the shipped catalog's own words, typos that find nothing, a filter with
# no match (did you mean), odd input and the exclusion-only query.
EXTRA_QUERIES = [
    "q=technical+support+specialist",
    "q=senior+technical+support+specialist",
    "q=certif",
    "q=custom",
    "q=printer+setup",
    "q=how+much+mentoring+is+expected",
    "q=nurse",
    "q=remote",
    "q=how+much+does+a+help+desk+analyst+earn",
    "q=technicl+suport+specalist&salary_max=1",
    "q=spacialist+xx&salary_max=1",
    "q=senoir+technical+suport",
    "q=certifcations+senior+level",
    "q=-senior",
    "q=qqqzzz",
    "q=support&experience=6",
    "q=%22unbalanced+(support*",
    "q=",
    "q=&category=information-technology&page=2",
]
SUGGEST_PREFIXES = ["cust", "tech sup", "senoir technical", "custmer sup", "technical specialist", "net", "nu"]


def read_queries(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "search_queries.txt")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.http import QueryDict

    from roles.search import search, suggest
    from roles.search.forms import SearchForm

    answers = {}
    for line in read_queries(args.queries) + EXTRA_QUERIES:
        params = QueryDict(line)
        form = SearchForm(params)
        page = int(params.get("page", "1"))
        results = search(params.get("q", ""), filters=form.filters(), page=page)
        answer = results.as_json()
        answer["browse"] = [role.slug for role in results.browse_roles]
        answer["categories"] = results.categories
        answers[line] = answer
    suggestions = {prefix: [(s.label, s.url) for s in suggest(prefix)] for prefix in SUGGEST_PREFIXES}
    args.out.write_text(
        json.dumps({"search": answers, "suggest": suggestions}, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(answers)} searches, {len(suggestions)} suggestion lists -> {args.out}")


if __name__ == "__main__":
    main()
