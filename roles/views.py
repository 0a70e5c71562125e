"""Public role pages. Thin views over named QuerySet methods."""

from django.views.generic import DetailView, ListView

from .models import Role


class HomeView(ListView):
    template_name = "roles/home.html"
    context_object_name = "roles"

    def get_queryset(self):
        return Role.objects.published().with_card_data()


class RoleListView(ListView):
    context_object_name = "roles"

    def get_queryset(self):
        return Role.objects.published().with_card_data()


class RoleDetailView(DetailView):
    context_object_name = "role"

    def get_queryset(self):
        return Role.objects.published().with_page_data()
