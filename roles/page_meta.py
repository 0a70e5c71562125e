"""What every page tells browsers and link unfurlers about itself.

Views mix in ``PageMetaMixin`` and set ``page_title`` / ``page_description``
(or override the getters); templates/base.html renders <title>, the meta
description and the social-card tags from them, so each is written once.
"""

from django.conf import settings


class PageMetaMixin:
    page_title = ""
    page_description = ""

    def get_page_title(self) -> str:
        return self.page_title

    def get_page_description(self) -> str:
        return self.page_description

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title() or settings.SITE_NAME
        context["page_description"] = self.get_page_description() or settings.SITE_DESCRIPTION
        return context
