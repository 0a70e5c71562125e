from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from careerguide import favicon, health, sitemaps

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("", include("roles.urls")),
    path("", include("salaries.urls")),
]

# Styled error pages; the 500 page is static HTML so it cannot fail or leak anything itself.
handler404 = "careerguide.errors.page_not_found"
handler500 = "careerguide.errors.server_error"
