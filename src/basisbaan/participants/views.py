"""Participant pages: list with search, detail, create, edit, status, contact person.

What a viewer sees of a participant (names and BSN, names and the BSN's last
four digits, or a pseudonym with status, programme and dates) is decided by
:mod:`basisbaan.participants.privacy`; the templates ask it through the
``participant_name`` / ``participant_bsn`` tags and the ``privacy`` variable.
Every page that shows personal data writes an audit entry through
:func:`audit_participant_view` or :func:`audit_participant_list`.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy

from basisbaan.contracts.lkv import participant_lkv
from basisbaan.contracts.selectors import contract_list
from basisbaan.core.choices import search_fragment
from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.esf.selectors import participant_operation
from basisbaan.guidance.selectors import participant_guidance
from basisbaan.income.views.panel import PANEL_FIELDS, panel_for
from basisbaan.outcomes.forms import renamed_errors
from basisbaan.outcomes.services import exit_record
from basisbaan.participants import services
from basisbaan.participants.constants import PERSONAL_FIELDS, TRANSITIONS, ParticipantStatus
from basisbaan.participants.forms import (
    CONTACT_NONE,
    ContactPersonForm,
    ParticipantCreateForm,
    ParticipantFilterForm,
    ParticipantForm,
    ParticipantStatusForm,
)
from basisbaan.participants.listing import PersonalListMixin, bsn_column, name_column
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import (
    LIST_FIELDS,
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
    policy_for,
)
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.selectors import placement_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm

# Participants who are no longer in the programme need no contact person.
CLOSED_STATUSES = (ParticipantStatus.EXITED, ParticipantStatus.REJECTED)


class ParticipantListView(PersonalListMixin, TenantListView):
    permission = Perm.PARTICIPANT_VIEW
    template_name = "participants/list.html"
    export_name = "deelnemers"
    export_title = gettext_lazy("Deelnemers")

    def get_columns(self) -> list[ListColumn]:
        policy = self.policy()
        identity = [name_column(policy, lambda p: p, prefix="", title=gettext_lazy("Naam"))]
        if policy.sees_identity:
            identity.append(bsn_column(policy, lambda p: p))
        columns = [
            ListColumn(
                "programme",
                gettext_lazy("Programma"),
                ("programme__name",),
                lambda p: p.programme.name if p.programme else "",
                width=24,
            ),
            ListColumn(
                "status", gettext_lazy("Status"), ("status",), lambda p: p.get_status_display()
            ),
            ListColumn(
                "status_since",
                gettext_lazy("Status sinds"),
                ("status_changed_at",),
                lambda p: p.status_changed_at,
                Kind.DATE,
                width=14,
                field="status_changed_at",
            ),
        ]
        if policy.sees_identity:
            columns.append(
                ListColumn(
                    "contact_person",
                    gettext_lazy("Vast aanspreekpunt"),
                    ("contact_person__last_name", "contact_person__first_name"),
                    lambda p: (
                        (p.contact_person.get_full_name() or p.contact_person.username)
                        if p.contact_person
                        else ""
                    ),
                    width=24,
                )
            )
        return identity + columns

    def filter_form(self) -> ParticipantFilterForm:
        if not hasattr(self, "_filter_form"):
            self._filter_form = ParticipantFilterForm(
                self.request.GET or None, municipality=self.municipality
            )
            self._filter_form.is_valid()
        return self._filter_form

    def search_refused(self) -> bool:
        """A search by BSN (or digits) from a viewer who sees names but not BSNs.

        A pseudonym viewer's search is ignored (the page offers none).
        """
        form = self.filter_form()
        query = form.cleaned_data.get("q", "") if form.is_bound else ""
        policy = policy_for(self.request)
        return policy.sees_identity and policy.refuses_search(query)

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        form = self.filter_form()
        data = form.cleaned_data if form.is_bound else {}
        policy = policy_for(self.request)
        if self.search_refused():
            return Participant.objects.none()  # the page says why
        contact = data.get("contact") if policy.sees_identity else None
        programme = data.get("programme")
        qs = participant_list(
            municipality=municipality,
            # A search by name or BSN ties a row to a person: the policy says which.
            search=policy.search_text(data.get("q", "")),
            status=data.get("status", ""),
            programme_id=programme.pk if programme else None,
            contact_person_id=contact.pk if isinstance(contact, User) else None,
        )
        if contact == CONTACT_NONE:
            qs = qs.filter(contact_person__isnull=True).exclude(status__in=CLOSED_STATUSES)
        # A list in surname order tells a pseudonym viewer who is who.
        return policy.order_participants(qs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The contact-person filter's search, from its script: the filter alone (staff
        # names, no participant), only for a viewer who has the filter.
        if policy_for(request).sees_identity:
            fragment = search_fragment(request, self.filter_form())
            if fragment is not None:
                return fragment
        return super().get(request, *args, **kwargs)

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            return ["participants/_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        rows = list(page.object_list)
        page.object_list = rows
        context["object_list"] = rows
        context["filter_form"] = self.filter_form()
        context["search_refused"] = self.search_refused()
        audit_participant_list(self.request, (p.pk for p in rows), LIST_FIELDS)
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class ParticipantDetailView(TenantDetailView):
    permission = Perm.PARTICIPANT_VIEW
    template_name = "participants/detail.html"
    context_object_name = "participant"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        participant = self.object
        context["placements"] = placement_list(
            municipality=self.municipality, participant_id=participant.pk
        )
        context["contracts"] = contract_list(
            municipality=self.municipality, participant_id=participant.pk
        )
        if self.has_perm(Perm.GUIDANCE_VIEW):
            context["guidance"] = participant_guidance(
                municipality=self.municipality, participant=participant, today=timezone.localdate()
            )
        if self.has_perm(Perm.CONTRACT_VIEW):
            context["lkv"] = participant_lkv(
                municipality=self.municipality, participant=participant
            )
        if self.has_perm(Perm.ESF_VIEW):
            context["esf_operation"], context["esf_registration"] = participant_operation(
                participant
            )
        context["contact_changes"] = participant.contact_changes.select_related(
            "from_user", "to_user"
        )[:5]
        context["next_statuses"] = [
            s for s in ParticipantStatus if s in TRANSITIONS[ParticipantStatus(participant.status)]
        ]
        context["panel"] = panel = panel_for(self.request, participant)
        shown = [*PERSONAL_FIELDS, *PANEL_FIELDS] if panel is not None else PERSONAL_FIELDS
        audit_participant_view(self.request, participant, shown)
        return context


class ParticipantFormMixin:
    template_name: str | None = "participants/form.html"

    def participant_url(self, participant: Participant) -> str:
        return reverse("participants:detail", args=[participant.pk])


class ParticipantCreateView(ParticipantFormMixin, ServiceFormView):
    permission = Perm.PARTICIPANT_MANAGE
    form_class = ParticipantCreateForm
    success_message = gettext_lazy("De deelnemer is aangemeld.")
    extra_context = {"page_title": gettext_lazy("Nieuwe deelnemer")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def perform(self, form: ParticipantCreateForm) -> Participant:
        data = form.service_data()
        return services.participant_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            programme=data.pop("programme"),
            contact_person=form.cleaned_data.get("contact_person"),
            **data,
        )

    def get_success_url(self) -> str:
        return self.participant_url(self.result)


class ParticipantObjectView(ObjectServiceFormView):
    """A form about one participant; the name in the heading is audited on GET."""

    permission = Perm.PARTICIPANT_MANAGE
    context_object_name = "participant"
    audit_fields: list[str] = NAME_FIELDS

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object, self.audit_fields)
        return response

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), **self.form_extra()}

    def form_extra(self) -> dict[str, Any]:
        return {}

    def get_success_url(self) -> str:
        return reverse("participants:detail", args=[self.object.pk])


class ParticipantUpdateView(ParticipantFormMixin, ParticipantObjectView):
    form_class = ParticipantForm
    extra_context = {"page_title": gettext_lazy("Gegevens wijzigen")}
    audit_fields = PERSONAL_FIELDS
    success_message = gettext_lazy("De gegevens zijn opgeslagen.")

    def form_extra(self) -> dict[str, Any]:
        # A copy: validating a bound ModelForm writes the input onto its instance.
        return {"municipality": self.municipality, "instance": copy.copy(self.object)}

    def perform(self, form: ParticipantForm) -> Participant:
        return services.participant_update(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )


class ParticipantStatusView(ParticipantObjectView):
    form_class = ParticipantStatusForm
    template_name = "participants/status_form.html"
    extra_context = {"page_title": gettext_lazy("Status wijzigen")}
    success_message = gettext_lazy("De status is gewijzigd.")

    def form_extra(self) -> dict[str, Any]:
        return {"current": self.object.status}

    def perform(self, form: ParticipantStatusForm) -> Participant:
        data = form.cleaned_data
        if data["status"] == ParticipantStatus.EXITED:
            try:
                exit = exit_record(
                    municipality=self.municipality,
                    actor=self.request.user,  # type: ignore[arg-type]
                    participant=self.fresh_object(),
                    exit_date=data.get("exit_date"),
                    reason=data.get("exit_reason") or "",
                    leaves_programme=True,
                    note=data.get("note") or "",
                    **form.work_data(),
                )
            except ValidationError as error:
                raise renamed_errors(error, {"reason": "exit_reason"}) from error
            return exit.participant
        return services.participant_change_status(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            status=form.cleaned_data["status"],
            exit_date=form.cleaned_data.get("exit_date"),
            exit_reason=form.cleaned_data.get("exit_reason") or "",
        )


class ParticipantContactPersonView(ParticipantObjectView):
    form_class = ContactPersonForm
    template_name = "participants/contact_form.html"
    extra_context = {"page_title": gettext_lazy("Vast aanspreekpunt kiezen")}
    success_message = gettext_lazy("Het vaste aanspreekpunt is opgeslagen.")

    def form_extra(self) -> dict[str, Any]:
        return {"municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        return {"contact_person": self.object.contact_person_id}

    def perform(self, form: ContactPersonForm) -> Participant:
        return services.participant_set_contact_person(
            participant=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            contact_person=form.cleaned_data.get("contact_person"),
            reason=form.cleaned_data.get("reason") or "",
        )
