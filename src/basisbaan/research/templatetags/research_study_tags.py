"""Template helpers of the study pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """The URL of ``name``, or "" when no such page exists (yet): the codebook,
    saturation and export pages are built on their own branches."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
