"""The job-description page and its Markdown and plain-text downloads.

All three take the structure from roles.presenters.jobdescription.job_description_build;
RoleSlugMixin (roles.pages.roles) answers an old slug with a 301 to the current one,
so links recruiters shared before a rename keep working.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import DetailView

from roles.models import Role
from roles.pages.mixins import PageMetaMixin, RoleSlugMixin
from roles.presenters.jobdescription import JobDescription, job_description_build, render_markdown, render_text
from salaries.models import SalaryBand


class JobDescriptionMixin(RoleSlugMixin):
    context_object_name = "role"

    def get_queryset(self):
        # with_page_data() plus the pay of the levels that price this role on another role's ladder.
        return (
            Role.objects.published()
            .with_page_data()
            .prefetch_related(
                Prefetch("ladder_positions__salary_bands", queryset=SalaryBand.objects.select_related("source"))
            )
        )

    def get_job_description(self) -> JobDescription:
        role = self.object
        return job_description_build(role=role, role_url=self.request.build_absolute_uri(role.get_absolute_url()))


class JobDescriptionView(JobDescriptionMixin, PageMetaMixin, DetailView):
    template_name = "roles/jobdescription.html"

    def get_page_title(self) -> str:
        return f"{self.object.title} job description"

    def get_page_description(self) -> str:
        return (
            f"A ready-to-use {self.object.title} job description: summary, responsibilities, "
            "qualifications and salary range. Copy, print or download it."
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jd = self.get_job_description()
        slug = self.object.slug
        context.update(
            jd=jd,
            jd_plain_text=render_text(jd),
            markdown_url=reverse("roles:job_description_md", kwargs={"slug": slug}),
            text_url=reverse("roles:job_description_txt", kwargs={"slug": slug}),
            og_type="article",
        )
        return context


class JobDescriptionDownloadView(JobDescriptionMixin, DetailView):
    """A file to save: ``render`` and ``content_type`` say which format."""

    content_type = "text/plain; charset=utf-8"
    extension = "txt"

    def render(self, jd: JobDescription) -> str:
        return render_text(jd)

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(self.render(self.get_job_description()), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.object.slug}-job-description.{self.extension}"'
        return response


class JobDescriptionMarkdownView(JobDescriptionDownloadView):
    content_type = "text/markdown; charset=utf-8"
    extension = "md"

    def render(self, jd: JobDescription) -> str:
        return render_markdown(jd)


class JobDescriptionTextView(JobDescriptionDownloadView):
    pass
