"""The site's error pages."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    """The styled 404: the site's layout, a search box and a way back, and nothing about the request."""
    context = {
        "page_title": "Page not found",
        "page_description": "This page does not exist. Search the guide or browse all roles.",
    }
    return render(request, "404.html", context, status=404)


def server_error(request):
    """The 500 page: plain, self-contained HTML with no context, so it shows nothing about the failure."""
    return HttpResponseServerError(loader.get_template("500.html").render())
