"""Faces of the privacy app: the subject-access request and ``/.well-known/security.txt``.

The subject-access page (``privacy.request``: the functional administrator,
acting for the privacy officer) finds one person by BSN (a POST: the number
stays out of addresses and logs) and offers everything held about them as
PDF and JSON, made in the background (a large record's PDF takes tens of
seconds); the file then waits a day for the user who asked, and each download
is written to the audit log as an export.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET

from basisbaan.calc.dates import years_after
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.privacy.forms import SubjectAccessForm
from basisbaan.privacy.jobs import start_subject_access
from basisbaan.privacy.models import ExportFile
from basisbaan.privacy.selectors import export_files, participant_by_bsn
from basisbaan.privacy.services import audit_subject_access
from basisbaan.tenancy.models import Municipality, User
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
    """POST ``.../<pk>/json/`` or ``.../<pk>/pdf/``: make the export of one participant
    in the background; on to the job's page, which offers the file when it is made."""

    permission = Perm.PRIVACY_REQUEST
    http_method_names = ["post"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def post(self, request: HttpRequest, pk: int, file_format: str) -> HttpResponse:
        if file_format not in FORMATS:
            raise Http404
        participant = get_object_or_404(self.get_queryset(), pk=pk)
        user = request.user
        assert isinstance(user, User)
        job = start_subject_access(participant=participant, actor=user, file_format=file_format)
        return HttpResponseRedirect(job.get_absolute_url())


class ExportFileMixin(TenantViewMixin):
    """An export the user made, not expired; anyone else's is not found (404)."""

    permission = Perm.PRIVACY_REQUEST

    def export(self, request: HttpRequest, pk: int) -> ExportFile:
        user = request.user
        assert isinstance(user, User)
        return get_object_or_404(
            export_files(municipality=self.municipality, user=user, now=timezone.now()), pk=pk
        )


class ExportFileView(ExportFileMixin, View):
    """The made export: a download link until it expires."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        export = self.export(request, pk)
        return render(
            request,
            "privacy/export_file.html",
            {"export": export, "page_title": _("Inzageverzoek")},
        )


class ExportFileDownloadView(ExportFileMixin, View):
    """The file itself; each download is written to the audit log as an export."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        export = self.export(request, pk)
        audit_subject_access(
            actor=request.user,  # type: ignore[arg-type]
            participant=export.participant,
            file_format=export.file_format,
        )
        response = HttpResponse(bytes(export.content), content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
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


__all__ = [
    "ExportFileDownloadView",
    "ExportFileView",
    "SubjectAccessDownloadView",
    "SubjectAccessView",
    "security_txt",
]
