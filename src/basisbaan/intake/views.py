"""Intake and matching pages: the intake worklist and waiting list, referral,
intake dossier (conversation, eligibility, decision, profile), position
profiles, ranked matches both ways, and proposals that start a placement.

Names on these pages are personal data: every page that shows them writes an
audit entry through the participant app's helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from basisbaan.core.listing import ListColumn
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    paginate,
)
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.income.views.panel import PANEL_FIELDS, match_gains, panel_for
from basisbaan.intake import services
from basisbaan.intake.completeness import completeness
from basisbaan.intake.eligibility import check_participant, result_rows
from basisbaan.intake.forms import (
    ConversationForm,
    CriteriaForm,
    DecisionForm,
    PositionProfileForm,
    ProfileForm,
    ProposalForm,
    ProposalPlaceForm,
    ProposalWithdrawForm,
    ReferralEditForm,
    ReferralForm,
)
from basisbaan.intake.geo import postcode_locations
from basisbaan.intake.lists import waiting_columns
from basisbaan.intake.matching import candidates_for_position, positions_for_participant
from basisbaan.intake.models import (
    EligibilityCriteria,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.intake.selectors import (
    conversation_list,
    decision_list,
    proposal_list,
    referral_queue,
    waiting_list,
)
from basisbaan.intake.vocabulary import Priority, ProposalStatus
from basisbaan.participants.constants import PERSONAL_FIELDS
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
)
from basisbaan.participants.selectors import participant_list
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

SHOWN_MATCHES = 10
QUEUE_SHOWN = 100
WAITING_PAGE = 50


def _profile(participant: Participant) -> ParticipantProfile | None:
    return ParticipantProfile.objects.filter(participant=participant).first()


class IntakeOverviewView(PersonalListMixin, TenantViewMixin, TemplateView):
    """The intake worklist (referred, in intake) and the waiting list, with the intake stop.

    ``?export=xlsx|csv`` exports the whole waiting list in its order (the shared export).
    """

    permission = Perm.INTAKE_VIEW
    template_name = "intake/overview.html"
    export_name = "wachtlijst"
    export_title = gettext_lazy("Wachtlijst")

    def get_columns(self) -> list[ListColumn]:
        return waiting_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return waiting_list(municipality=municipality)

    def export_rows(self, queryset: QuerySet[Participant]) -> Iterable[Any]:
        return enumerate(queryset.iterator(chunk_size=2000), start=1)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queue = list(referral_queue(municipality=self.municipality)[: QUEUE_SHOWN + 1])
        page = paginate(self.request, waiting_list(municipality=self.municipality), WAITING_PAGE)
        waiting = list(page.object_list)
        locations = postcode_locations(p.postcode for p in waiting)
        for participant in waiting:
            participant.completeness = completeness(
                participant, getattr(participant, "profile", None), locations
            )
        proposals = list(
            proposal_list(municipality=self.municipality).filter(
                status__in=[ProposalStatus.PROPOSED, ProposalStatus.WAITING]
            )
        )
        context.update(
            queue=queue[:QUEUE_SHOWN],
            queue_more=len(queue) > QUEUE_SHOWN,
            queue_shown=QUEUE_SHOWN,
            waiting=waiting,
            page_obj=page,
            first_number=page.start_index(),
            proposals=proposals,
            closed_programmes=programme_list(municipality=self.municipality).filter(
                intake_open=False
            ),
        )
        audit_participant_list(
            self.request,
            [p.pk for p in queue + waiting] + [p.participant_id for p in proposals],
        )
        return context


class ReferralCreateView(ServiceFormView):
    permission = Perm.INTAKE_MANAGE
    form_class = ReferralForm
    template_name = "intake/referral_form.html"
    success_message = gettext_lazy("De aanmelding is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe aanmelding")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def perform(self, form: ReferralForm) -> Any:
        data = form.service_data()
        return services.referral_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            programme=data.pop("programme"),
            referral=form.referral_data(),
            contact_person=form.cleaned_data.get("contact_person"),
            **data,
        )

    def get_success_url(self) -> str:
        return reverse("intake:dossier", args=[self.result.participant_id])


class DossierView(TenantDetailView):
    """One participant's intake: referral, conversations, eligibility, decisions, profile."""

    permission = Perm.INTAKE_VIEW
    template_name = "intake/dossier.html"
    context_object_name = "participant"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality).select_related("referral")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        participant = self.object
        profile = _profile(participant)
        result = check_participant(participant, timezone.localdate())
        context.update(
            referral=getattr(participant, "referral", None),
            profile=profile,
            completeness=completeness(participant, profile),
            eligibility=result_rows(result),
            eligibility_outcome=result.outcome.value,
            conversations=conversation_list(
                municipality=self.municipality, participant_id=participant.pk
            ),
            decisions=decision_list(municipality=self.municipality, participant_id=participant.pk),
            proposals=proposal_list(municipality=self.municipality, participant_id=participant.pk),
        )
        audit_participant_view(self.request, participant, PERSONAL_FIELDS)
        return context


class ParticipantFormView(ObjectServiceFormView):
    """A form about one participant's intake; the name in the heading is audited."""

    permission = Perm.INTAKE_MANAGE
    context_object_name = "participant"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object, NAME_FIELDS)
        return response

    def get_success_url(self) -> str:
        return reverse("intake:dossier", args=[self.object.pk])


class ReferralEditView(ParticipantFormView):
    """Correct a referral (priority, date, source), or record one for a participant
    registered without it."""

    form_class = ReferralEditForm
    template_name = "intake/participant_form.html"
    success_message = gettext_lazy("De aanmelding is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Aanmelding")}

    def get_initial(self) -> dict[str, Any]:
        referral = Referral.objects.filter(participant=self.object).first()
        if referral is None:
            return {"referred_on": timezone.localdate(), "priority": Priority.NORMAL}
        return {
            "source": referral.source,
            "referred_on": referral.referred_on,
            "priority": referral.priority,
            "reason": referral.reason,
        }

    def perform(self, form: ReferralEditForm) -> Any:
        participant = self.fresh_object()
        referral = Referral.objects.filter(participant=participant).first()
        actor = self.request.user
        if referral is None:
            return services.referral_add(
                participant=participant,
                actor=actor,  # type: ignore[arg-type]
                data=form.cleaned_data,
            )
        return services.referral_update(
            referral=referral,
            actor=actor,  # type: ignore[arg-type]
            data=form.cleaned_data,
        )


class ConversationView(ParticipantFormView):
    form_class = ConversationForm
    template_name = "intake/participant_form.html"
    success_message = gettext_lazy("Het intakegesprek is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Intakegesprek vastleggen")}

    def get_initial(self) -> dict[str, Any]:
        return {"held_on": timezone.localdate()}

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"participant": self.object}

    def perform(self, form: ConversationForm) -> Any:
        return services.conversation_record(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )


class DecisionView(ParticipantFormView):
    form_class = DecisionForm
    template_name = "intake/decision_form.html"
    success_message = gettext_lazy("Het besluit is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Besluit na intake")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        result = check_participant(self.object, timezone.localdate())
        context.update(eligibility=result_rows(result), eligibility_outcome=result.outcome.value)
        return context

    def perform(self, form: DecisionForm) -> Any:
        return services.intake_decide(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )


class ProfileView(ParticipantFormView):
    form_class = ProfileForm
    template_name = "intake/participant_form.html"
    success_message = gettext_lazy("Het profiel is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Profiel")}

    def get_form_kwargs(self) -> dict[str, Any]:
        profile = _profile(self.object) or ParticipantProfile(participant=self.object)
        return {**super().get_form_kwargs(), "instance": profile}

    def perform(self, form: ProfileForm) -> Any:
        return services.profile_set(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data={name: form.cleaned_data[name] for name in form.Meta.fields},
        )


class ParticipantMatchesView(TenantDetailView):
    """Open positions ranked for one participant, each score explained."""

    permission = Perm.INTAKE_VIEW
    template_name = "intake/participant_matches.html"
    context_object_name = "participant"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = positions_for_participant(
            municipality=self.municipality, participant=self.object, limit=SHOWN_MATCHES
        )
        context["profile"] = _profile(self.object)
        context["completeness"] = completeness(self.object, context["profile"])
        rows = context["rows"]
        gains = match_gains(self.request, self.object, rows)
        context["match_rows"] = list(zip(rows, gains or [None] * len(rows), strict=True))
        shown = [*NAME_FIELDS, *PANEL_FIELDS] if gains is not None else NAME_FIELDS
        audit_participant_view(self.request, self.object, shown)
        return context


class PositionMatchesView(TenantDetailView):
    """Candidates from the waiting list ranked for one position, and who is kept out why."""

    permission = Perm.INTAKE_VIEW
    template_name = "intake/position_matches.html"
    context_object_name = "position"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows, excluded = candidates_for_position(
            municipality=self.municipality, position=self.object, limit=SHOWN_MATCHES
        )
        context.update(
            rows=rows,
            excluded=excluded,
            position_profile=PositionProfile.objects.filter(position=self.object).first(),
        )
        audit_participant_list(self.request, [r.participant.pk for r in rows + excluded])
        return context


class PositionProfileView(ObjectServiceFormView):
    permission = Perm.HOST_MANAGE
    form_class = PositionProfileForm
    template_name = "intake/position_profile_form.html"
    context_object_name = "position"
    success_message = gettext_lazy("Het werkplekprofiel is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Werkplekprofiel")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        profile = PositionProfile.objects.filter(position=self.object).first()
        return {
            **super().get_form_kwargs(),
            "instance": profile or PositionProfile(position=self.object),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["position_profile"] = PositionProfile.objects.filter(position=self.object).first()
        return context

    def perform(self, form: PositionProfileForm) -> Any:
        return services.position_profile_set(
            position=self.get_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data={name: form.cleaned_data[name] for name in form.Meta.fields},
        )

    def get_success_url(self) -> str:
        return reverse("intake:position_matches", args=[self.object.pk])


class ProposalCreateView(ServiceFormView):
    """Propose a placement from a match (POST from a match page)."""

    permission = Perm.PLACEMENT_MANAGE
    form_class = ProposalForm
    template_name = "intake/proposal_form.html"
    extra_context = {"page_title": gettext_lazy("Plaatsing voorstellen")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        return {
            key: self.request.GET[key]
            for key in ("participant", "position")
            if self.request.GET.get(key, "").isdigit()
        }

    def perform(self, form: ProposalForm) -> MatchProposal:
        proposal = services.proposal_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )
        self.success_message = (
            gettext_lazy("Het voorstel is vastgelegd. De plaatsing wacht: de instroom is gesloten.")
            if proposal.status == ProposalStatus.WAITING
            else gettext_lazy("Het voorstel is vastgelegd. Start nu de plaatsing.")
        )
        return proposal

    def get_success_url(self) -> str:
        return reverse("intake:proposal", args=[self.result.pk])


class ProposalDetailView(TenantDetailView):
    permission = Perm.INTAKE_VIEW
    template_name = "intake/proposal.html"
    context_object_name = "proposal"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[MatchProposal]:
        return proposal_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        proposal = self.object
        context["open"] = proposal.status in (ProposalStatus.PROPOSED, ProposalStatus.WAITING)
        context["programme"] = proposal.participant.programme
        context["place_form"] = ProposalPlaceForm(initial={"start_date": timezone.localdate()})
        context["proposal_row"] = {"lines": proposal.explanation}
        context["panel"] = panel = panel_for(
            self.request, proposal.participant, hours=proposal.position.hours_per_week
        )
        shown = [*NAME_FIELDS, *PANEL_FIELDS] if panel is not None else NAME_FIELDS
        audit_participant_view(self.request, proposal.participant, shown)
        return context


class ProposalObjectView(ObjectServiceFormView):
    permission = Perm.PLACEMENT_MANAGE
    context_object_name = "proposal"
    template_name = "intake/proposal_action.html"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[MatchProposal]:
        return proposal_list(municipality=municipality)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response


class ProposalPlaceView(ProposalObjectView):
    form_class = ProposalPlaceForm
    success_message = gettext_lazy("De deelnemer is geplaatst.")
    extra_context = {"page_title": gettext_lazy("Plaatsing starten")}

    def perform(self, form: ProposalPlaceForm) -> Any:
        return services.proposal_place(
            proposal=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            start_date=form.cleaned_data["start_date"],
        )

    def get_success_url(self) -> str:
        return reverse("placements:detail", args=[self.result.pk])


class ProposalWithdrawView(ProposalObjectView):
    form_class = ProposalWithdrawForm
    success_message = gettext_lazy("Het voorstel is ingetrokken.")
    extra_context = {"page_title": gettext_lazy("Voorstel intrekken")}

    def perform(self, form: ProposalWithdrawForm) -> Any:
        return services.proposal_withdraw(
            proposal=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
        )

    def get_success_url(self) -> str:
        return reverse("intake:proposal", args=[self.object.pk])


class CriteriaView(ObjectServiceFormView):
    permission = Perm.INTAKE_CRITERIA
    form_class = CriteriaForm
    template_name = "intake/criteria_form.html"
    context_object_name = "programme"
    success_message = gettext_lazy("De toelatingscriteria zijn opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Toelatingscriteria")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        criteria = EligibilityCriteria.objects.filter(programme=self.object).first()
        return {
            **super().get_form_kwargs(),
            "instance": criteria or EligibilityCriteria(programme=self.object),
        }

    def perform(self, form: CriteriaForm) -> Any:
        return services.criteria_set(
            programme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data={name: form.cleaned_data[name] for name in form.Meta.fields},
        )

    def get_success_url(self) -> str:
        return reverse("programmes:detail", args=[self.object.pk])
