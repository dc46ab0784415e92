"""Pages of the wage-cost advantages (LKV): record, correct and remove a participant's
entitlement. The participant page shows them with the expected amount per year."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from basisbaan.contracts import lkv
from basisbaan.contracts.lkv_forms import LkvForm
from basisbaan.contracts.models import LkvEntitlement
from basisbaan.core.views import ObjectServiceFormView, ServiceFormView
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import NAME_FIELDS, audit_participant_view
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


def _participant_url(participant_id: int) -> str:
    return reverse("participants:detail", args=[participant_id]) + "#kop-lkv"


class LkvCreateView(ServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = LkvForm
    template_name = "contracts/lkv_form.html"
    success_message = gettext_lazy("Het loonkostenvoordeel is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuw loonkostenvoordeel")}

    def participant(self) -> Participant:
        if not hasattr(self, "_participant"):
            found = (
                participant_list(municipality=self.municipality)
                .filter(pk=self.kwargs["participant"])
                .first()
            )
            if found is None:
                raise Http404(_("Deze deelnemer bestaat niet."))
            self._participant = found
        return self._participant

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.participant(), NAME_FIELDS)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "participant": self.participant()}

    def perform(self, form: LkvForm) -> LkvEntitlement:
        return lkv.lkv_record(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=self.participant(),
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return _participant_url(self.participant().pk)


class LkvUpdateView(ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = LkvForm
    template_name = "contracts/lkv_form.html"
    context_object_name = "entitlement"
    success_message = gettext_lazy("Het loonkostenvoordeel is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Loonkostenvoordeel wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[LkvEntitlement]:
        return lkv.lkv_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["participant"] = self.object.participant
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: LkvForm) -> LkvEntitlement:
        return lkv.lkv_update(
            entitlement=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return _participant_url(self.object.participant_id)


class LkvDeleteView(TenantViewMixin, View):
    """Remove an entitlement (POST only, from the participant page)."""

    permission = Perm.CONTRACT_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        found = lkv.lkv_list(municipality=self.municipality).filter(pk=pk).first()
        if found is None:
            raise Http404(_("Dit record bestaat niet."))
        lkv.lkv_remove(entitlement=found, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Het loonkostenvoordeel is verwijderd."))
        return HttpResponseRedirect(_participant_url(found.participant_id))
