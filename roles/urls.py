from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from roles.api import roles as api_roles
from roles.api import search as api_search
from roles.api import skills as api_skills
from roles.pages import compare, jobdescription, search
from roles.pages import roles as pages

app_name = "roles"

urlpatterns = [
    # The JSON endpoints below only read (GET/HEAD) and are csrf_exempt: a write is answered by the view's
    # 405 naming the methods it allows, not by the CSRF check's HTML page, which would tell a script the
    # wrong thing.
    path("", pages.HomeView.as_view(), name="home"),
    path("roles/", pages.RoleListView.as_view(), name="list"),
    path("roles/<slug:slug>/", pages.RoleDetailView.as_view(), name="detail"),
    path("roles/<slug:slug>/job-description/", jobdescription.JobDescriptionView.as_view(), name="job_description"),
    path(
        "roles/<slug:slug>/job-description.md",
        jobdescription.JobDescriptionMarkdownView.as_view(),
        name="job_description_md",
    ),
    path(
        "roles/<slug:slug>/job-description.txt",
        jobdescription.JobDescriptionTextView.as_view(),
        name="job_description_txt",
    ),
    path(
        "roles/<slug:slug>/job-description.docx",
        jobdescription.JobDescriptionWordView.as_view(),
        name="job_description_docx",
    ),
    path("api/roles/", csrf_exempt(api_roles.role_list), name="api_roles"),
    path("api/roles/<slug:slug>/", csrf_exempt(api_roles.role_item), name="api_role"),
    path("career-paths/", pages.CareerPathListView.as_view(), name="career_paths"),
    path("compare/", compare.CompareView.as_view(), name="compare"),
    path("api/skills/", csrf_exempt(api_skills.skills_api), name="api_skills"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("search/suggest/", csrf_exempt(api_search.search_suggest), name="search_suggest"),
    path("api/search/", csrf_exempt(api_search.search_api), name="api_search"),
]
