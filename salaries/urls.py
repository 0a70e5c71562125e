from django.urls import path

from . import views

app_name = "salaries"

urlpatterns = [
    path("salaries/", views.SalaryListView.as_view(), name="list"),
]
