"""Text as it comes in from a browser: line breaks normalised, so an untouched field is unchanged.

Browsers send a textarea's line breaks as CR LF; the stored text has LF. Without this, saving a role
without touching anything would count every multi-line text as changed, rewrite it and list it in the
history.
"""

from __future__ import annotations

from django import forms
from django.db import models


def normalise_line_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class NormalisedCharField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalise_line_breaks(value) if isinstance(value, str) else value


class NormalisedTextMixin:
    """For a ModelAdmin or an inline: plain text fields read their input through NormalisedCharField."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if type(db_field) in (models.CharField, models.TextField) and not db_field.choices:
            kwargs.setdefault("form_class", NormalisedCharField)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
