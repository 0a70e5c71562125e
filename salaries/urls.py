from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from salaries.wages import api as wages_api
from salaries.wages import pages as wages_pages

from . import views

app_name = "salaries"

urlpatterns = [
    path("salaries/", views.SalaryListView.as_view(), name="list"),
    path("roles/<slug:slug>/pay/", wages_pages.RolePayView.as_view(), name="role_pay"),
    path("roles/<slug:slug>/pay/<slug:area>/", wages_pages.RoleAreaPayView.as_view(), name="role_pay_area"),
    # Read-only JSON (GET/HEAD): a write gets the view's 405, not the CSRF check's HTML page.
    path("api/roles/<slug:slug>/pay/<slug:area>/", csrf_exempt(wages_api.role_area_pay), name="api_role_pay_area"),
]
