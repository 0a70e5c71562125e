from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from careerguide import favicon, health, sitemaps
from careerguide.queryparams import CONTENT, Param, cached_page


# The sitemap dates every role (any change shows), paged by ?p=.
@cached_page(Param("p", "int", minimum=1), depends=(CONTENT,))
def sitemap(request, **kwargs):
    return sitemap_views.sitemap(request, **kwargs)


urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("", include("roles.urls")),
    path("", include("salaries.urls")),
]

# Styled error pages; the 500 page is static HTML so it cannot fail or leak anything itself.
handler404 = "careerguide.errors.page_not_found"
handler500 = "careerguide.errors.server_error"
