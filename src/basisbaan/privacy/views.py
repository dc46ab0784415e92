"""Faces of the privacy app: the subject-access request and ``/.well-known/security.txt``.

The subject-access page (``privacy.request``: the functional administrator,
acting for the privacy officer) finds one person by BSN (a POST: the number
stays out of addresses and logs) and offers everything held about them as
PDF and JSON; each download is written to the audit log as an export.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from basisbaan.calc.dates import years_after
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.privacy.export import as_json, as_pdf
from basisbaan.privacy.forms import SubjectAccessForm
from basisbaan.privacy.selectors import participant_by_bsn, subject_access
from basisbaan.privacy.services import audit_subject_access
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

FORMATS = frozenset({"json", "pdf"})


class SubjectAccessView(TenantViewMixin, View):
    permission = Perm.PRIVACY_REQUEST
    template_name = "privacy/subject_access.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(SubjectAccessForm(), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SubjectAccessForm(request.POST)
        found = None
        if form.is_valid():
            found = participant_by_bsn(municipality=self.municipality, bsn=form.cleaned_data["bsn"])
            if found is None:
                form.add_error("bsn", _("Geen deelnemer met dit BSN in deze gemeente."))
        return self._page(form, found)

    def _page(self, form: SubjectAccessForm, found: Participant | None) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {"form": form, "found": found, "page_title": _("Inzageverzoek")},
        )


class SubjectAccessDownloadView(TenantViewMixin, View):
    """``.../<pk>/json/`` or ``.../<pk>/pdf/``: the export of one participant."""

    permission = Perm.PRIVACY_REQUEST

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get(self, request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
        if file_format not in FORMATS:
            raise Http404
        participant = get_object_or_404(self.get_queryset(), pk=pk)
        data = subject_access(participant=participant, today=timezone.localdate())
        audit_subject_access(actor=request.user, participant=participant, file_format=file_format)  # type: ignore[arg-type]
        name = f"inzageverzoek-{participant.pseudonym}-{data['made_on']}"
        if file_format == "pdf":
            response = HttpResponse(as_pdf(data), content_type="application/pdf")
        else:
            response = HttpResponse(as_json(data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
        response["Cache-Control"] = "no-store"
        return response


def security_txt_body(today: dt.date, origin: str) -> str:
    """RFC 9116: contact, expiry a year from ``today`` (never a stale literal),
    languages, the canonical address under ``origin`` and, when set, the policy."""
    expires = dt.datetime.combine(years_after(today, 1), dt.time(0, 0), tzinfo=dt.UTC)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: nl, en",
        f"Canonical: {origin.rstrip('/')}/.well-known/security.txt",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return "\n".join(lines) + "\n"


@login_not_required
@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """``/.well-known/security.txt`` for anyone (no login), plain text."""
    body = security_txt_body(timezone.localdate(), request.build_absolute_uri("/"))
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


__all__ = ["SubjectAccessDownloadView", "SubjectAccessView", "security_txt"]
