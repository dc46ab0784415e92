"""Pages of studies, respondents, consent and withdrawal, and sessions.

Thin: the rules live in research/services.py. A participant respondent is shown
by code and pseudonym only; nothing here reads a participant's name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_export
from basisbaan.core.views import ServiceFormView
from basisbaan.hosts.models import Host
from basisbaan.programmes.selectors import programme_list
from basisbaan.research import services
from basisbaan.research.analysis import saturation_summary
from basisbaan.research.consent_form import consent_form_filename, consent_form_pdf
from basisbaan.research.constants import SessionStatus
from basisbaan.research.forms.studies import (
    ConsentForm,
    RespondentForm,
    SessionForm,
    StudyForm,
    WithdrawForm,
)
from basisbaan.research.models import Consent, Respondent, Session, Study
from basisbaan.research.selectors import (
    programme_participants,
    respondent_list,
    session_list,
    study_figures,
    study_list,
    study_list_counted,
    withdrawal_effects,
)
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

STUDY_EDIT_FIELDS = [
    "title",
    "question",
    "method",
    "period_start",
    "period_end",
    "ethical_basis",
    "letter_version",
    "guest_base_size",
    "guest_run_length",
    "guest_threshold",
    "francis_initial",
    "francis_stop",
]


class StudyMixin(TenantViewMixin):
    permission = Perm.RESEARCH_VIEW
    kwargs: dict[str, Any]

    def study(self) -> Study:
        if not hasattr(self, "_study"):
            self._study = get_object_or_404(
                study_list(municipality=self.municipality), pk=self.kwargs["pk"]
            )
        return self._study

    def respondent(self) -> Respondent:
        return get_object_or_404(
            respondent_list(municipality=self.municipality, study=self.study()),
            pk=self.kwargs["rid"],
        )

    def session(self) -> Session:
        return get_object_or_404(
            session_list(municipality=self.municipality, study=self.study()),
            pk=self.kwargs["sid"],
        )

    def members(self) -> QuerySet[User]:
        return User.objects.filter(memberships__municipality=self.municipality).order_by(
            "last_name", "first_name", "username"
        )

    def may_manage(self) -> bool:
        return self.has_perm(Perm.RESEARCH_MANAGE)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        if "pk" in self.kwargs:
            context["study"] = self.study()
        context["may_manage"] = self.may_manage()
        return context


def respondent_rows(respondents: list[Respondent]) -> list[dict[str, Any]]:
    """What the pages show of a respondent: code, kind, pseudonym, role, consent."""
    rows = []
    for r in respondents:
        consent: Consent | None = getattr(r, "consent", None)
        rows.append(
            {
                "respondent": r,
                "pseudonym": r.participant.pseudonym if r.participant_id else "",  # type: ignore[union-attr]
                "consent": consent,
            }
        )
    return rows


# -- studies -----------------------------------------------------------------------


class StudyListView(StudyMixin, TemplateView):
    template_name = "research/studies/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        studies = list(study_list_counted(municipality=self.municipality))
        programmes = list(programme_list(municipality=self.municipality))
        context["groups"] = [
            (programme, [s for s in studies if s.programme_id == programme.pk])
            for programme in programmes
        ]
        context["studies"] = studies
        return context


def _plain_threshold(initial: dict[str, Any]) -> dict[str, Any]:
    """The Guest threshold as 0,05 rather than 0,050 (no trailing zeros)."""
    value = initial.get("guest_threshold")
    if value is not None:
        initial["guest_threshold"] = Decimal(str(value)).normalize()
    return initial


class StudyCreateView(StudyMixin, ServiceFormView):
    permission = Perm.RESEARCH_MANAGE
    form_class = StudyForm
    template_name = "research/studies/form.html"
    success_message = gettext_lazy("Het onderzoek is aangemaakt.")
    extra_context = {"page_title": gettext_lazy("Nieuw onderzoek")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["programmes"] = programme_list(municipality=self.municipality)
        kwargs["users"] = self.members()
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        defaults = Study()
        initial = {name: getattr(defaults, name) for name in STUDY_EDIT_FIELDS if name != "title"}
        return _plain_threshold(initial)

    def perform(self, form: StudyForm) -> Study:
        data = dict(form.cleaned_data)
        return services.study_create(
            actor=self.request.user,  # type: ignore[arg-type]
            programme=data.pop("programme"),
            researchers=data.pop("researchers"),
            **data,
        )

    def get_success_url(self) -> str:
        return reverse("research:detail", args=[self.result.pk])


class StudyEditView(StudyMixin, ServiceFormView):
    permission = Perm.RESEARCH_MANAGE
    form_class = StudyForm
    template_name = "research/studies/form.html"
    success_message = gettext_lazy("Het onderzoek is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Onderzoek bewerken")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["users"] = self.members()
        kwargs["editing"] = True
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        study = self.study()
        initial = {name: getattr(study, name) for name in STUDY_EDIT_FIELDS}
        initial["researchers"] = list(study.researchers.values_list("pk", flat=True))
        return _plain_threshold(initial)

    def perform(self, form: StudyForm) -> Study:
        data = dict(form.cleaned_data)
        researchers = data.pop("researchers")
        return services.study_update(
            study=self.study(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=data,
            researchers=researchers,
        )

    def get_success_url(self) -> str:
        return reverse("research:detail", args=[self.result.pk])


class StudyDetailView(StudyMixin, TemplateView):
    template_name = "research/studies/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = self.study()
        context["figures"] = study_figures(study)
        context["researchers"] = [
            u.get_full_name() or u.get_username() for u in study.researchers.order_by("pk")
        ]
        context["saturation"] = saturation_summary(municipality=self.municipality, study=study)
        return context


# -- respondents -------------------------------------------------------------------


class RespondentListView(StudyMixin, TemplateView):
    template_name = "research/studies/respondents.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        respondents = list(
            respondent_list(municipality=self.municipality, study=self.study()).select_related(
                "participant"
            )
        )
        context["rows"] = respondent_rows(respondents)
        return context


class RespondentFormMixin(StudyMixin, ServiceFormView):
    permission = Perm.RESEARCH_MANAGE
    form_class = RespondentForm
    template_name = "research/studies/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["participants"] = programme_participants(
            municipality=self.municipality, study=self.study()
        )
        kwargs["hosts"] = Host.objects.filter(municipality=self.municipality).order_by("name")
        return kwargs

    def get_success_url(self) -> str:
        return reverse("research:respondents", args=[self.study().pk])


class RespondentCreateView(RespondentFormMixin):
    success_message = gettext_lazy("De respondent is toegevoegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe respondent")}

    def perform(self, form: RespondentForm) -> Respondent:
        return services.respondent_create(
            study=self.study(),
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )


class RespondentEditView(RespondentFormMixin):
    success_message = gettext_lazy("De respondent is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Respondent bewerken")}

    def get_initial(self) -> dict[str, Any]:
        r = self.respondent()
        return {
            "kind": r.kind,
            "code": r.code,
            "participant": r.participant_id,
            "host": r.host_id,
            "description": r.description,
        }

    def perform(self, form: RespondentForm) -> Respondent:
        data = dict(form.cleaned_data)
        if not data["code"]:
            data.pop("code")
        return services.respondent_update(
            respondent=self.respondent(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=data,
        )


# -- consent -----------------------------------------------------------------------


class ConsentView(StudyMixin, ServiceFormView):
    """The consent of one respondent: shown when recorded, else the form to record it."""

    form_class = ConsentForm
    template_name = "research/studies/consent.html"
    success_message = gettext_lazy("De toestemming is vastgelegd.")

    def get_initial(self) -> dict[str, Any]:
        return {"given_on": timezone.localdate(), "scope_interview": True}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        respondent = self.respondent()
        consent = Consent.objects.filter(respondent=respondent).first()
        context.update(
            {
                "respondent": respondent,
                "row": respondent_rows([respondent])[0],
                "consent": consent,
                "scopes": scope_rows(consent) if consent else [],
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.may_manage():
            raise PermissionDenied(_("U heeft geen recht op deze pagina."))
        return super().post(request, *args, **kwargs)

    def perform(self, form: ConsentForm) -> Consent:
        return services.consent_record(
            respondent=self.respondent(),
            actor=self.request.user,  # type: ignore[arg-type]
            today=timezone.localdate(),
            **form.cleaned_data,
        )

    def get_success_url(self) -> str:
        return reverse("research:consent", args=[self.study().pk, self.kwargs["rid"]])


def scope_rows(consent: Consent) -> list[tuple[str, bool]]:
    return [
        (
            str(getattr(Consent._meta.get_field(name), "verbose_name", name)),
            bool(getattr(consent, name)),
        )
        for name in ("scope_interview", "scope_recording", "scope_quotes", "scope_linkage")
    ]


class ConsentWithdrawView(StudyMixin, ServiceFormView):
    """The confirmation page of a withdrawal: says exactly what goes, with counts."""

    permission = Perm.RESEARCH_MANAGE
    form_class = WithdrawForm
    template_name = "research/studies/withdraw.html"
    success_message = gettext_lazy("De toestemming is ingetrokken.")

    def consent(self) -> Consent:
        consent = Consent.objects.filter(
            municipality=self.municipality, respondent=self.respondent()
        ).first()
        if consent is None or consent.withdrawn:
            raise Http404
        return consent

    def get_initial(self) -> dict[str, Any]:
        return {"on": timezone.localdate()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        respondent = self.respondent()
        context.update(
            {
                "respondent": respondent,
                "consent": self.consent(),
                "effects": withdrawal_effects(respondent),
            }
        )
        return context

    def perform(self, form: WithdrawForm) -> Consent:
        result = services.consent_withdraw(
            respondent=self.respondent(),
            actor=self.request.user,  # type: ignore[arg-type]
            on=form.cleaned_data["on"],
            keep_unlinked=form.cleaned_data["withdrawal"] == "keep_unlinked",
        )
        return result.consent

    def get_success_url(self) -> str:
        return reverse("research:consent", args=[self.study().pk, self.kwargs["rid"]])


class ConsentFormPdfView(StudyMixin, View):
    """The printable consent form, filled in with the respondent's code."""

    def get(self, request: HttpRequest, pk: int, rid: int) -> HttpResponse:
        respondent = self.respondent()
        content = consent_form_pdf(respondent, today=timezone.localdate())
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Respondent,
            filters={"study": str(pk), "respondent": respondent.code},
            rows=1,
            file_format="pdf",
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{consent_form_filename(respondent)}"'
        )
        return response


# -- sessions ----------------------------------------------------------------------


class SessionListView(StudyMixin, TemplateView):
    template_name = "research/studies/sessions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sessions = list(session_list(municipality=self.municipality, study=self.study()))
        context["sessions"] = [
            {
                "session": s,
                "codes": [r.code for r in s.respondents.all()],
                "has_transcript": hasattr(s, "transcript"),
                "transcript_id": s.transcript.pk if hasattr(s, "transcript") else None,
            }
            for s in sessions
        ]
        return context


class SessionFormMixin(StudyMixin, ServiceFormView):
    permission = Perm.RESEARCH_MANAGE
    form_class = SessionForm
    template_name = "research/studies/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()
        kwargs["respondents"] = respondent_list(municipality=self.municipality, study=self.study())
        kwargs["users"] = self.members()
        return kwargs

    def get_success_url(self) -> str:
        return reverse("research:sessions", args=[self.study().pk])


class SessionCreateView(SessionFormMixin):
    success_message = gettext_lazy("Het gesprek is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Nieuw gesprek")}

    def get_initial(self) -> dict[str, Any]:
        return {"status": SessionStatus.PLANNED}

    def perform(self, form: SessionForm) -> Session:
        return services.session_create(
            study=self.study(),
            actor=self.request.user,  # type: ignore[arg-type]
            today=timezone.localdate(),
            **form.cleaned_data,
        )


class SessionEditView(SessionFormMixin):
    success_message = gettext_lazy("Het gesprek is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Gesprek bewerken")}

    def get_initial(self) -> dict[str, Any]:
        s = self.session()
        return {
            "kind": s.kind,
            "status": s.status,
            "planned_on": s.planned_on,
            "held_on": s.held_on,
            "interviewer": s.interviewer_id,
            "duration_minutes": s.duration_minutes,
            "respondents": [r.pk for r in s.respondents.all()],
        }

    def perform(self, form: SessionForm) -> Session:
        return services.session_update(
            session=self.session(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=dict(form.cleaned_data),
            today=timezone.localdate(),
        )


class SessionCancelView(StudyMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int, sid: int) -> HttpResponse:
        try:
            services.session_cancel(session=self.session(), actor=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Het gesprek is vervallen."))
        return HttpResponseRedirect(reverse("research:sessions", args=[pk]))
