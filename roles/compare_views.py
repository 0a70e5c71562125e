"""/compare/?roles=a,b[,c]: a thin view over roles.compare; bad input is answered on the page, never with a 500."""

from __future__ import annotations

from django.views.generic import TemplateView

from .compare import MAX_ROLES, build_comparison, parse_role_slugs
from .models import Role
from .page_meta import PageMetaMixin


class CompareView(PageMetaMixin, TemplateView):
    template_name = "roles/compare.html"
    page_description = "Two or three roles side by side: experience, education, pay by level, skills and career paths."

    def get(self, request, *args, **kwargs):
        wanted = parse_role_slugs(request.GET.getlist("roles"))
        comparison = None if wanted.refused else build_comparison(wanted.slugs)
        messages = wanted.messages + (comparison.messages if comparison else [])
        columns = comparison.columns if comparison else []
        self.page_title = "Compare " + " and ".join(c.role.title for c in columns) if columns else "Compare roles"
        context = self.get_context_data(
            comparison=comparison,
            columns=columns,
            messages_for_visitor=messages,
            refused=wanted.refused,
            max_roles=MAX_ROLES,
            # Each picker keeps what was asked for, so a refused or partly bad request is easy to fix.
            picker_slots=(wanted.slugs + [""] * MAX_ROLES)[:MAX_ROLES],
            choices=Role.objects.published().order_by("title").values_list("slug", "title"),
        )
        # 400 only when the visitor asked for roles and none of them could be shown.
        status = 400 if (wanted.refused or (wanted.slugs and not columns)) else 200
        return self.render_to_response(context, status=status)
