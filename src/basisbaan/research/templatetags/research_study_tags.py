"""Template helpers of the study pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any) -> str:
    """The URL of ``name``, or "" when no such page exists (yet): the codebook,
    saturation and export pages are built on their own branches."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# The study's own pages, in the order of the secondary navigation: (label, URL name,
# the other pages that belong to it).
STUDY_NAV = (
    (_("Overzicht"), "detail", ("edit",)),
    (
        _("Respondenten"),
        "respondents",
        ("respondent_create", "respondent_edit", "consent", "consent_withdraw"),
    ),
    (
        _("Gesprekken"),
        "sessions",
        ("session_create", "session_edit", "transcript-upload", "transcript-review", "transcript"),
    ),
    (_("Codeboek"), "codebook", ("code", "code_edit", "memo_edit")),
    (_("Samen voorkomen"), "cooccurrence", ()),
    (_("Per soort respondent"), "comparison", ()),
    (_("Citaten"), "quotes", ()),
    (_("Verzadiging"), "saturation", ()),
    (_("Uitwisselen"), "export", ()),
)


@register.inclusion_tag("research/_study_nav.html", takes_context=True)
def study_nav(context: template.Context, study: Any, crumb: str = "") -> dict[str, Any]:
    """Breadcrumbs (Onderzoek › study › ``crumb``) and the study's secondary navigation;
    the current page has aria-current="page", its section aria-current="true"."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match and match.namespace == "research" else ""
    items = []
    if study is not None and getattr(study, "pk", None):
        for label, name, members in STUDY_NAV:
            url = optional_url(f"research:{name}", study.pk)
            if not url:
                continue
            state = "page" if current == name else "true" if current in members else ""
            items.append({"label": label, "url": url, "current": state})
    return {"study": study, "crumb": crumb, "items": items}
