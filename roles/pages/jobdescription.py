"""The job-description page and its Markdown, plain-text and Word downloads.

All four take the structure from roles.presenters.jobdescription.job_description_build, tailored
by the values in the address (roles.pages.jobtailoring), so a tailored description is a link to
share and its downloads say the same. RoleSlugMixin answers an old slug with a 301 to the current
one, so links recruiters shared before a rename keep working.

A tailoring without a posting date is redirected to the same address with today's date: the
date a link was made is the posting date from then on, not the day someone opens it. Values that
do not validate answer 400 (the page with the form's messages; a download with the messages as
text), so no cache ever stores them.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import DetailView

from careerguide.queryparams import CARDS, CONTENT, LINKS, cached_page
from roles.models import Role
from roles.pages.jobtailoring import (
    TAILORING_CACHE_PARAMETERS,
    TAILORING_PARAMETERS,
    JobTailoringForm,
    is_tailoring_request,
    tailoring_query,
)
from roles.pages.mixins import PageMetaMixin, RoleSlugMixin, page_role
from roles.presenters.jobdescription import JobDescription, job_description_build
from roles.presenters.jobdescription_docx import DOCX_CONTENT_TYPE, render_docx
from roles.presenters.jobdescription_text import render_markdown, render_text
from roles.presenters.jobposting import job_posting_structured_data
from roles.presenters.jobtailoring import Tailoring
from roles.presenters.seo import reviewed_on, role_trail
from salaries.models import SalaryBand


class JobDescriptionMixin(RoleSlugMixin):
    """Loads the role, reads the tailoring from the address and builds the description."""

    context_object_name = "role"
    # The only query parameters these views read: a page cache may key them on these alone.
    tailoring_parameters = TAILORING_PARAMETERS

    def get_queryset(self):
        # The occupation's official median, in the same query: the pay a role no document prices is quoted at.
        return Role.objects.published().with_card_data()

    def get_object(self, queryset=None):
        # The role page's data plus the pay of the levels that price this role on another role's ladder.
        ladder_pay = Prefetch("ladder_positions__salary_bands", queryset=SalaryBand.objects.select_related("source"))
        return page_role(self.get_queryset(), self.kwargs["slug"], ladder_pay)

    def page_path(self) -> str:
        return reverse("roles:job_description", kwargs={"slug": self.object.slug})

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.form: JobTailoringForm | None = None
        self.tailoring: Tailoring | None = None
        if is_tailoring_request(request.GET):
            self.form = JobTailoringForm(request.GET, action=self.page_path())
            if not self.form.is_valid():
                return self.invalid_tailoring()
            if not self.form.cleaned_data["posted"]:
                return self.redirect_with_posting_date()
            self.tailoring = self.form.tailoring()
        self.jd = self.build_job_description()
        return self.render_to_response(self.get_context_data(object=self.object))

    def build_job_description(self) -> JobDescription:
        return job_description_build(
            role=self.object,
            role_url=self.request.build_absolute_uri(self.object.get_absolute_url()),
            tailoring=self.tailoring,
        )

    def redirect_with_posting_date(self) -> HttpResponseRedirect:
        query = self.request.GET.copy()
        query["posted"] = timezone.localdate().isoformat()
        return HttpResponseRedirect(f"{self.request.path}?{query.urlencode()}")

    def invalid_tailoring(self) -> HttpResponse:
        raise NotImplementedError

    def tailored_query(self) -> str:
        """ "?company=…&…" with only the tailoring parameters, or "" for the untailored template."""
        if self.tailoring is None:
            return ""
        return "?" + tailoring_query(self.request.GET).urlencode()


@cached_page(*TAILORING_CACHE_PARAMETERS, depends=(CARDS,))
class JobDescriptionView(JobDescriptionMixin, PageMetaMixin, DetailView):
    template_name = "roles/jobdescription.html"

    def get_page_title(self) -> str:
        if self.tailoring:
            return f"{self.object.title} at {self.tailoring.company}: job description"
        return f"{self.object.title} job description"

    def get_page_description(self) -> str:
        return (
            f"A ready-to-post {self.object.title} job ad: responsibilities, requirements, skills and pay. "
            "Add your company, location, pay and how to apply; copy, print or download it."
        )

    def invalid_tailoring(self) -> HttpResponse:
        # The template again, with the form's messages; 400 so that no cache stores it.
        self.jd = self.build_job_description()
        return self.render_to_response(self.get_context_data(object=self.object), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        slug, query = self.object.slug, self.tailored_query()
        path = self.page_path()
        context.update(
            jd=self.jd,
            jd_plain_text=render_text(self.jd),
            form=self.form or JobTailoringForm(action=path),
            # Open when something needs fixing; a filled-in description shows the ad first.
            tailor_open=self.form is not None and bool(self.form.errors),
            is_tailored=self.tailoring is not None,
            noindex=self.form is not None,
            canonical_url=self.request.build_absolute_uri(path),
            untailored_path=path,
            markdown_url=reverse("roles:job_description_md", kwargs={"slug": slug}) + query,
            text_url=reverse("roles:job_description_txt", kwargs={"slug": slug}) + query,
            docx_url=reverse("roles:job_description_docx", kwargs={"slug": slug}) + query,
            og_type="article",
        )
        if self.tailoring is not None:
            context["job_posting_jsonld"] = job_posting_structured_data(
                self.request,
                self.jd,
                self.tailoring,
                url=self.request.build_absolute_uri(path + query),
                trail=[*role_trail(self.object), ("Job description", path)],
            )
        return context


class JobDescriptionDownloadView(JobDescriptionMixin, DetailView):
    """A file to save: ``render`` and ``content_type`` say which format."""

    content_type = "text/plain; charset=utf-8"
    extension = "txt"

    def render(self, jd: JobDescription) -> str | bytes:
        return render_text(jd)

    def filename(self) -> str:
        company = slugify(self.tailoring.company)[:50] if self.tailoring else ""
        stem = f"{company}-{self.object.slug}" if company else self.object.slug
        return f"{stem}-job-description.{self.extension}"

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(self.render(self.jd), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename()}"'
        if self.tailoring is not None:
            response["X-Robots-Tag"] = "noindex"
        return response

    def invalid_tailoring(self) -> HttpResponse:
        lines = ["This job description could not be tailored:"]
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else "Values"
            lines += [f"- {label}: {message}" for message in errors]
        lines.append(f"Correct them on the form: {self.request.build_absolute_uri(self.page_path())}")
        response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8", status=400)
        response["X-Robots-Tag"] = "noindex"
        return response


@cached_page(*TAILORING_CACHE_PARAMETERS, depends=(CARDS,))
class JobDescriptionMarkdownView(JobDescriptionDownloadView):
    content_type = "text/markdown; charset=utf-8"
    extension = "md"

    def render(self, jd: JobDescription) -> str:
        return render_markdown(jd)


@cached_page(*TAILORING_CACHE_PARAMETERS, depends=(CARDS,))
class JobDescriptionTextView(JobDescriptionDownloadView):
    pass


# A Word file is zipped: the links it shows cannot be read back, so any change stales it.
@cached_page(*TAILORING_CACHE_PARAMETERS, depends=(LINKS, CONTENT))
class JobDescriptionWordView(JobDescriptionDownloadView):
    content_type = DOCX_CONTENT_TYPE
    extension = "docx"

    def render(self, jd: JobDescription) -> bytes:
        # A tailored ad is dated as posted; the template as the page it copies.
        return render_docx(jd, dated=self.tailoring.posted if self.tailoring else reviewed_on(self.object))
