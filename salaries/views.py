"""Salary pages."""

from django.views.generic import ListView

from .models import SalaryBand


class SalaryListView(ListView):
    context_object_name = "bands"
    template_name = "salaries/salary_list.html"

    def get_queryset(self):
        return SalaryBand.objects.for_published_roles()
