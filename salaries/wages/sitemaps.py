"""Sitemap entries for the pay pages: every role with official figures, and each of its states and metro areas."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from roles.models import Role
from salaries.wages.models import Area, Wage


class RolePaySitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        roles: dict[str, list[str]] = {}
        for slug, code in Role.objects.published().exclude(soc_code="").values_list("slug", "soc_code"):
            roles.setdefault(code, []).append(slug)
        if not roles:
            return []
        places = (
            Wage.objects.current()
            .filter(occupation__code__in=list(roles))
            .exclude(area__kind=Area.NATIONAL)
            .order_by("occupation__code", "area__slug")
            .values_list("occupation__code", "area__slug")
        )
        items, listed = [], set()
        for code, area in places:
            for slug in roles[code]:
                if slug not in listed:
                    listed.add(slug)
                    items.append((slug, None))
                items.append((slug, area))
        return sorted(items, key=lambda item: (item[0], item[1] or ""))

    def location(self, item):
        slug, area = item
        if area is None:
            return reverse("salaries:role_pay", kwargs={"slug": slug})
        return reverse("salaries:role_pay_area", kwargs={"slug": slug, "area": area})
