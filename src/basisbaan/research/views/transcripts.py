"""Transcript pages: upload (a file or pasted text) and the redaction review.

The original text travels only inside the review form (a hidden field posted
back with every step): never in the session, the database, a cache or a log
(``sensitive_post_parameters`` keeps it out of error reports too). Only
:func:`~basisbaan.research.transcripts.transcript_save` stores, and it stores the
pseudonymised text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from basisbaan.calc.redaction import Added, Proposal, Redacted
from basisbaan.research import transcripts as services
from basisbaan.research.constants import RedactionTag
from basisbaan.research.forms.transcripts import RedactionAddForm, TranscriptUploadForm
from basisbaan.research.models import Session
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

ADDED_SEPARATOR = "\t"


def transcript_url(pk: int) -> str:
    """The saved transcript's page, or the study list where that page is not there."""
    try:
        return reverse("research:transcript", args=[pk])
    except NoReverseMatch:
        return reverse("research:list")


def segments(text: str, proposals: Sequence[Proposal]) -> list[tuple[str, Proposal | None]]:
    """``text`` cut into plain pieces and proposals, in order."""
    out: list[tuple[str, Proposal | None]] = []
    position = 0
    for proposal in proposals:
        if position < proposal.start:
            out.append((text[position : proposal.start], None))
        out.append((text[proposal.start : proposal.end], proposal))
        position = proposal.end
    if position < len(text):
        out.append((text[position:], None))
    return out


def tag_label(tag: str) -> str:
    try:
        return str(RedactionTag(tag).label)
    except ValueError:
        return tag


@method_decorator(sensitive_post_parameters("original", "text"), name="dispatch")
class TranscriptUploadView(TenantViewMixin, View):
    """Step 1, the upload; its POST answers with the review (step 2) directly."""

    permission = Perm.RESEARCH_MANAGE
    upload_template = "research/transcripts/upload.html"
    review_template = "research/transcripts/review.html"

    def get_session(self) -> Session:
        sessions = services.session_list(municipality=self.municipality)
        return get_object_or_404(sessions, pk=self.kwargs["session_pk"])

    def upload_page(self, session: Session, form: TranscriptUploadForm) -> HttpResponse:
        return render(
            self.request,
            self.upload_template,
            {"session": session, "form": form, "refusal": services.transcript_refusal(session)},
        )

    def get(self, request: HttpRequest, session_pk: int) -> HttpResponse:
        return self.upload_page(self.get_session(), TranscriptUploadForm())

    def post(self, request: HttpRequest, session_pk: int) -> HttpResponse:
        session = self.get_session()
        form = TranscriptUploadForm(request.POST, request.FILES)
        if services.transcript_refusal(session) is not None or not form.is_valid():
            return self.upload_page(session, form)
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                text = services.transcript_read_upload(upload)
            else:
                text = services.clean_text(form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("file" if upload else "text", exc)
            return self.upload_page(session, form)
        return self.review(session, text, upload.name if upload else "", None, [])

    def review(
        self,
        session: Session,
        text: str,
        source_name: str,
        accepted: set[str] | None,
        added: list[Added],
        add_form: RedactionAddForm | None = None,
        errors: list[str] | None = None,
    ) -> HttpResponse:
        proposals, redacted = services.redaction_preview(
            session=session, text=text, accepted=accepted, added=added
        )
        chosen = {p.id for p in proposals} if accepted is None else accepted
        return render(
            self.request,
            self.review_template,
            {
                "session": session,
                **review_context(text, proposals, chosen, redacted),
                "source_name": source_name,
                "added": [(f"{a.tag}{ADDED_SEPARATOR}{a.text}", a) for a in added],
                "add_form": add_form or RedactionAddForm(),
                "errors": errors or [],
            },
        )


def review_context(
    text: str, proposals: list[Proposal], chosen: set[str], redacted: Redacted
) -> dict[str, Any]:
    labels = {(r.start, r.end): r.label for r in redacted.replacements}
    rows = [
        {
            "proposal": p,
            "checked": p.id in chosen,
            "label": labels.get((p.start, p.end), ""),
            "tag_label": tag_label(p.tag),
        }
        for p in proposals
    ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for row, proposal in zip(rows, proposals, strict=True):
        groups.setdefault(tag_label(proposal.tag), []).append(row)
    by_id = {p.id: row for row, p in zip(rows, proposals, strict=True)}
    return {
        "original": text,
        "segments": [(piece, by_id[p.id] if p else None) for piece, p in segments(text, proposals)],
        "groups": sorted(groups.items()),
        "preview": redacted.text,
        "counts": sorted(redacted.counts.items()),
        "proposal_count": len(proposals),
    }


@method_decorator(sensitive_post_parameters("original"), name="dispatch")
class TranscriptReviewView(TranscriptUploadView):
    """Step 2 again ("Voorstel bijwerken") or saving ("Opslaan")."""

    def get(self, request: HttpRequest, session_pk: int) -> HttpResponse:
        return HttpResponseRedirect(reverse("research:transcript-upload", args=[session_pk]))

    def post(self, request: HttpRequest, session_pk: int) -> HttpResponse:
        session = self.get_session()
        original = request.POST.get("original", "")
        source_name = request.POST.get("source_name", "")[:200]
        try:
            text = services.clean_text(original)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(reverse("research:transcript-upload", args=[session_pk]))
        accepted = set(request.POST.getlist("accept"))
        added = parse_added(request.POST.getlist("added"))
        add_form = RedactionAddForm(request.POST)
        if add_form.is_valid() and add_form.cleaned_data["phrase"].strip():
            added.append(
                Added(
                    " ".join(add_form.cleaned_data["phrase"].split()), add_form.cleaned_data["tag"]
                )
            )
            add_form = RedactionAddForm()
        if request.POST.get("action") != "save":
            return self.review(session, text, source_name, accepted, added, add_form)
        try:
            transcript = services.transcript_save(
                session=session,
                actor=request.user,  # type: ignore[arg-type]
                text=text,
                accepted=accepted,
                added=added,
                source_name=source_name,
            )
        except ValidationError as exc:
            return self.review(
                session, text, source_name, accepted, added, add_form, errors=exc.messages
            )
        messages.success(request, _("Het gepseudonimiseerde transcript is opgeslagen."))
        return HttpResponseRedirect(transcript_url(transcript.pk))


def parse_added(values: list[str]) -> list[Added]:
    tags = set(RedactionTag.values)
    out: list[Added] = []
    for value in values:
        tag, _sep, phrase = value.partition(ADDED_SEPARATOR)
        phrase = " ".join(phrase.split())
        if tag in tags and phrase and all(a.text != phrase or a.tag != tag for a in out):
            out.append(Added(phrase, tag))
    return out
