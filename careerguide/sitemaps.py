"""Discovery: /sitemap.xml lists every public page, /robots.txt points crawlers at it."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from careerguide.queryparams import cached_page
from roles.models import Role
from salaries.wages.sitemaps import RolePaySitemap

# Listing pages by URL name. Some belong to apps still being built; a name that does not
# resolve yet is left out rather than breaking the whole sitemap.
LISTING_PAGES = ["roles:home", "roles:list", "salaries:list", "roles:career_paths", "salaries:career_paths"]


class ListingSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        names = []
        for name in LISTING_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        # A listing changes when any role it shows does.
        return Role.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class RoleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 1.0

    def items(self):
        # Only what a URL entry needs: the full rows (summaries, long texts) cost seconds at 10,000 roles.
        return Role.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, role):
        return role.updated_at


class JobDescriptionSitemap(RoleSitemap):
    priority = 0.6

    def location(self, role):
        return reverse("roles:job_description", kwargs={"slug": role.slug})


SITEMAPS = {
    "pages": ListingSitemap,
    "roles": RoleSitemap,
    "job-descriptions": JobDescriptionSitemap,
    "pay": RolePaySitemap,
}


@require_safe
@cache_control(public=True, max_age=86400)
@cached_page(depends=())
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Always /admin/, never settings.ADMIN_URL: a deployment that moves the admin to a private
    # path must not have robots.txt announce it to everyone.
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
