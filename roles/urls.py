from django.urls import path

from roles.api import roles as api_roles
from roles.api import search as api_search
from roles.api import skills as api_skills
from roles.pages import compare, jobdescription, search
from roles.pages import roles as pages

app_name = "roles"

urlpatterns = [
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
    path("api/roles/", api_roles.role_list, name="api_roles"),
    path("api/roles/<slug:slug>/", api_roles.role_item, name="api_role"),
    path("career-paths/", pages.CareerPathListView.as_view(), name="career_paths"),
    path("compare/", compare.CompareView.as_view(), name="compare"),
    path("api/skills/", api_skills.skills_api, name="api_skills"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("search/suggest/", api_search.search_suggest, name="search_suggest"),
    path("api/search/", api_search.search_api, name="api_search"),
]
