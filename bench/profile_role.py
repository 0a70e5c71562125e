"""Where a cold role page's time goes: cProfile over N renders with the page cache off, in-process.

    DATABASE_URL=... python bench/profile_role.py [--slug S] [--repeat 30]

Prints the wall time per page and the share of the main parts (SQL, template rendering, the view's
Python, middleware), then the functions with the most time of their own.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")
os.environ["CAREERGUIDE_PAGE_CACHE"] = "0"
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

PARTS = {
    "SQL (cursor execute + fetch)": ("django/db/backends/utils.py", "_execute"),
    "model instances + prefetch": ("django/db/models/query.py", "_fetch_all"),
    "template rendering": ("django/template/base.py", "render"),
    "view (get_context_data)": ("roles/pages/roles.py", "get_context_data"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", default="technical-support-specialist")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    # DEBUG off, as served: pages name static files by their hashed names, read from the manifest.
    call_command("collectstatic", "--noinput", verbosity=0)
    client = Client()
    url = f"/roles/{args.slug}/"
    for _ in range(3):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    started = time.perf_counter()
    for _ in range(args.repeat):
        client.get(url, HTTP_HOST="127.0.0.1")
    plain = (time.perf_counter() - started) / args.repeat
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        client.get(url, HTTP_HOST="127.0.0.1")
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(v[3] for k, v in stats.stats.items() if k[2] == "get" and k[0].endswith("django/test/client.py"))
    total = total or stats.total_tt
    print(f"{url}: {plain * 1000:.1f} ms per page without the profiler ({args.repeat} renders)")
    for label, (path, name) in PARTS.items():
        cumulative = max((v[3] for k, v in stats.stats.items() if k[0].endswith(path) and k[2] == name), default=0)
        print(f"  {label:<32} {cumulative / args.repeat * 1000:7.1f} ms  ({100 * cumulative / total:4.1f}%)")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(20)
    print(out.getvalue())


if __name__ == "__main__":
    main()
