from django.urls import path

from . import api, compare_views, jobdescription_views, search_views, selfcheck, views

app_name = "roles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("roles/", views.RoleListView.as_view(), name="list"),
    path("roles/<slug:slug>/", views.RoleDetailView.as_view(), name="detail"),
    path(
        "roles/<slug:slug>/job-description/", jobdescription_views.JobDescriptionView.as_view(), name="job_description"
    ),
    path(
        "roles/<slug:slug>/job-description.md",
        jobdescription_views.JobDescriptionMarkdownView.as_view(),
        name="job_description_md",
    ),
    path(
        "roles/<slug:slug>/job-description.txt",
        jobdescription_views.JobDescriptionTextView.as_view(),
        name="job_description_txt",
    ),
    path("api/roles/", api.role_list, name="api_roles"),
    path("api/roles/<slug:slug>/", api.role_item, name="api_role"),
    path("career-paths/", views.CareerPathListView.as_view(), name="career_paths"),
    path("compare/", compare_views.CompareView.as_view(), name="compare"),
    path("api/skills/", selfcheck.skills_api, name="api_skills"),
    path("search/", search_views.SearchView.as_view(), name="search"),
    path("search/suggest/", search_views.search_suggest, name="search_suggest"),
    path("api/search/", search_views.search_api, name="api_search"),
]
