"""Contract pages: list, detail with periods and alerts, new contract, renewal,
renewal decisions and their worklist, periods below the minimum wage,
wage-value measurements and the programmes' contract settings."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from basisbaan.calc.labour_law import ChainCheck, Term, notice_deadline
from basisbaan.contracts import services
from basisbaan.contracts.chains import (
    CONFIRM_FIELD,
    PermanentByLawError,
    chain_warning,
)
from basisbaan.contracts.constants import DEFAULT_HORIZON_WEEKS, Decision, WageLineReason
from basisbaan.contracts.forms import (
    BelowMinimumFilterForm,
    ContractEditForm,
    ContractForm,
    ContractSettingsForm,
    DecisionForm,
    EndReasonForm,
    NoticeForm,
    RenewForm,
    WageLineForm,
    WageValueEditForm,
    WageValueForm,
    WorklistFilterForm,
    confirm_permanent_field,
)
from basisbaan.contracts.lists import (
    contract_columns,
    decision_columns,
    wage_flag_columns,
    wage_value_columns,
)
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.contracts.overview import contract_overview
from basisbaan.contracts.selectors import (
    WageFlag,
    assumed_shortfall_text,
    contract_list,
    contract_period_list,
    contract_settings_list,
    contract_settings_of,
    period_wage_flag,
    periods_below_minimum,
    suggested_wage_lines,
    wage_line_list,
    wage_lines_of,
    wage_value_list,
)
from basisbaan.contracts.severance import contract_severance, late_notice_warning
from basisbaan.contracts.worklist import (
    DueDecision,
    RemeasurementStatus,
    decisions_due,
    remeasurements_due,
)
from basisbaan.core.choices import BoundedChoicesViewMixin
from basisbaan.core.listing import ListColumn
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.costs.selectors import minimum_wage_table_of
from basisbaan.participants.choices import apply_participant_policy, audit_shown_participants
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.privacy import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
    policy_for,
)
from basisbaan.placements.selectors import placement_list
from basisbaan.placements.status import days_before_programme_end
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


class ChainConfirmMixin:
    """A form whose write the chain rule may make permanent by law.

    The service refuses such a write unless it is confirmed
    (:class:`~basisbaan.contracts.chains.PermanentByLawError`); the form then
    comes back with the refusal on a checkbox ``confirm_permanent`` (‘Ik
    begrijp dat dit contract door de ketenregeling vast wordt vanaf …’).
    The checkbox is there from the start when :meth:`expected_check` already
    knows the default write makes the contract permanent, and stays while it
    is ticked.
    """

    request: HttpRequest
    _expected: tuple[ChainCheck | None] | None = None

    def expected_check(self) -> ChainCheck | None:
        """The chain rule on the write the form proposes, when known beforehand."""
        return None

    def chain_expected(self) -> ChainCheck | None:
        """:meth:`expected_check`, worked out once per request."""
        if self._expected is None:
            self._expected = (self.expected_check(),)
        return self._expected[0]

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)  # type: ignore[misc]
        check = self.chain_expected()
        ticked = self.request.method == "POST" and self.request.POST.get(
            form.add_prefix(CONFIRM_FIELD)
        )
        if (check is not None and check.makes_permanent) or ticked:
            form.fields[CONFIRM_FIELD] = confirm_permanent_field(check)
        return form

    def perform_checked(self, form: Any) -> Any:
        try:
            return super().perform_checked(form)  # type: ignore[misc]
        except PermanentByLawError as exc:
            form.fields[CONFIRM_FIELD] = confirm_permanent_field(exc.check)
            raise

    def confirmed(self, form: Any) -> bool:
        return bool(form.cleaned_data.get(CONFIRM_FIELD))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        form = context.get("form")
        if form is not None and CONFIRM_FIELD in form.fields:
            context["confirm_field"] = form[CONFIRM_FIELD]
        return context  # type: ignore[no-any-return]


class ContractListView(PersonalListMixin, TenantListView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/list.html"
    export_name = "contracten"
    export_title = gettext_lazy("Contracten")

    def get_columns(self) -> list[ListColumn]:
        return contract_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality, decisions=False).order_by("-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = list(page.object_list)
        table = minimum_wage_table_of(municipality=self.municipality)
        today = timezone.localdate()
        context["below_minimum"] = {
            contract.pk
            for contract in page.object_list
            if any(
                period_wage_flag(period, contract.participant, table)
                for period in contract.periods.all()
                if period.end_date >= today
            )
        }
        audit_participant_list(self.request, (c.participant_id for c in page.object_list))
        return context


class ContractDetailView(TenantDetailView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/detail.html"
    context_object_name = "contract"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality).select_related(
            "placement__position__host", "municipality"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        table = minimum_wage_table_of(municipality=self.municipality)
        overview = contract_overview(self.object, today=timezone.localdate(), table=table)
        context["overview"] = overview
        context["wage_line_periods"] = [
            {
                "view": view,
                "lines": wage_lines_of(view.period),
                "suggestions": suggested_wage_lines(view.period, table=table),
            }
            for view in overview.periods
        ]
        context["severance"] = contract_severance(self.object, today=timezone.localdate())
        context["end_reason_form"] = EndReasonForm(initial={"end_reason": self.object.end_reason})
        audit_participant_view(self.request, self.object.participant, NAME_FIELDS)
        return context


class ContractCreateView(ChainConfirmMixin, BoundedChoicesViewMixin, ServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = ContractForm
    template_name = "contracts/form.html"
    success_message = gettext_lazy("Het contract is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuw contract")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {
            key: self.request.GET[key]
            for key in ("participant", "placement")
            if self.request.GET.get(key, "").isdigit()
        }
        if "placement" in initial:
            # From a placement's page: its participant and start date, prefilled.
            placement = (
                placement_list(municipality=self.municipality)
                .filter(pk=int(initial["placement"]))
                .first()
            )
            if placement is not None:
                initial["participant"] = str(placement.participant_id)
                initial["start_date"] = placement.start_date
        return initial

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        contract = self.result
        if contract is not None:
            start = form.cleaned_data["start_date"]
            days = days_before_programme_end(start, contract.participant.programme.end_date)
            if days is not None:
                messages.warning(
                    self.request,
                    ngettext(
                        "Het contract begint %(days)s dag voor het einde van het programma.",
                        "Het contract begint %(days)s dagen voor het einde van het programma.",
                        days,
                    )
                    % {"days": days},
                )
        return response

    def choices_prepare(self, form: forms.BaseForm) -> None:
        apply_participant_policy(self.request, form)

    def choices_shown(self, form: forms.BaseForm) -> None:
        # The participant and placement choices show names: only the shown rows are audited.
        audit_shown_participants(self.request, form)

    def perform(self, form: ContractForm) -> Contract:
        data = form.cleaned_data
        return services.contract_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=data["participant"],
            placement=data.get("placement"),
            employer_name=data.get("employer_name") or "",
            reference=data.get("reference") or "",
            employee_number=data.get("employee_number") or "",
            wage_subsidy=bool(data.get("wage_subsidy")),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
            confirm_permanent=self.confirmed(form),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.result.pk])


class ContractUpdateView(ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = ContractEditForm
    template_name = "contracts/edit_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("Het contract is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Contract wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: ContractEditForm) -> Contract:
        return services.contract_update(
            contract=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk])


class ContractRenewView(ChainConfirmMixin, ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = RenewForm
    template_name = "contracts/renew_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("De verlenging is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Contract verlengen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_initial(self) -> dict[str, Any]:
        periods = list(self.object.periods.all())
        if not periods:
            return {}
        last = periods[-1]
        return {"hours_per_week": last.hours_per_week, "hourly_wage": last.hourly_wage}

    def expected_check(self) -> ChainCheck | None:
        """The chain rule on a renewal of the default length."""
        periods = list(self.object.periods.all())
        if not periods or self.object.is_permanent:
            return None
        defaults = services.next_period_defaults(periods[-1])
        return services.chain_check(
            self.object.participant,
            self.object.employer_name,
            Term(defaults["start_date"], defaults["end_date"]),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The chain rule on a renewal of the default length, shown before it is made."""
        context = super().get_context_data(**kwargs)
        check = self.chain_expected()
        if check is not None:
            context.update(chain_check=check, chain_text=chain_warning(check))
        periods = list(self.object.periods.all())
        if periods and not self.object.is_permanent:
            defaults = services.next_period_defaults(periods[-1])
            context["assumed_minimum_text"] = assumed_shortfall_text(
                self.object.participant,
                defaults["start_date"],
                defaults["end_date"],
                defaults["hourly_wage"],
                minimum_wage_table_of(municipality=self.municipality),
            )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: RenewForm) -> Any:
        data = form.cleaned_data
        return services.contract_period_add(
            contract=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            confirm_permanent=self.confirmed(form),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk])


# --- wage lines -----------------------------------------------------------------------------


class WageLineCreateView(ObjectServiceFormView):
    """A wage line in one period; ``?start_date=&hourly_wage=&reason=`` prefill it
    (the contract page's suggestions link here)."""

    permission = Perm.CONTRACT_MANAGE
    form_class = WageLineForm
    template_name = "contracts/wage_line_form.html"
    context_object_name = "period"
    success_message = gettext_lazy("De loonregel is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe loonregel")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[ContractPeriod]:
        return contract_period_list(municipality=municipality).select_related(
            "contract__participant__programme__contract_settings"
        )

    def get_initial(self) -> dict[str, Any]:
        query = self.request.GET
        initial: dict[str, Any] = {}
        with contextlib.suppress(ValueError):
            initial["start_date"] = dt.date.fromisoformat(query.get("start_date", ""))
        with contextlib.suppress(InvalidOperation):
            initial["hourly_wage"] = Decimal(query.get("hourly_wage", ""))
        if query.get("reason") in WageLineReason.values:
            initial["reason"] = query["reason"]
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contract"] = self.object.contract
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.contract.participant, NAME_FIELDS)
        return response

    def perform(self, form: WageLineForm) -> ContractWageLine:
        data = form.cleaned_data
        return services.wage_line_add(
            period=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            start_date=data["start_date"],
            hourly_wage=data["hourly_wage"],
            reason=data["reason"],
            note=data.get("note") or "",
        )

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if isinstance(self.result, ContractWageLine):
            period = ContractPeriod.objects.prefetch_related("wage_lines").get(pk=self.object.pk)
            table = minimum_wage_table_of(municipality=self.municipality)
            flag = period_wage_flag(period, self.object.contract.participant, table)
            if flag is not None:
                messages.warning(self.request, flag.message)
        return response

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.contract_id]) + "#loonregels"


class WageLineDeleteView(ObjectServiceFormView):
    """POST only: remove a wage line (the contract page holds the button)."""

    permission = Perm.CONTRACT_MANAGE
    http_method_names = ["post"]
    form_class = forms.Form
    success_message = gettext_lazy("De loonregel is verwijderd.")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[ContractWageLine]:
        return wage_line_list(municipality=municipality)

    def perform(self, form: Any) -> None:
        services.wage_line_remove(line=self.object, actor=self.request.user)  # type: ignore[arg-type]

    def form_invalid(self, form: Any) -> HttpResponse:
        # The page with the button is the contract page: say there why nothing changed.
        for error in form.non_field_errors():
            messages.error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.period.contract_id]) + "#loonregels"


# --- renewal decisions ----------------------------------------------------------------------


class ContractDecisionView(ChainConfirmMixin, ObjectServiceFormView):
    """Decide about the end of the contract's last period: renew, not, or permanent."""

    permission = Perm.CONTRACT_MANAGE
    form_class = DecisionForm
    template_name = "contracts/decision_form.html"
    context_object_name = "contract"
    extra_context = {"page_title": gettext_lazy("Besluit over verlenging")}
    period: ContractPeriod

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def pending_period(self) -> ContractPeriod | None:
        periods = list(self.object.periods.all())
        if not periods or self.object.is_permanent:
            return None
        last = periods[-1]
        return None if RenewalDecision.objects.filter(period=last).exists() else last

    def _nothing_to_decide(self) -> HttpResponse:
        messages.info(self.request, gettext_lazy("Er is nu geen besluit over verlenging te nemen."))
        return HttpResponseRedirect(reverse("contracts:detail", args=[self.object.pk]))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        pending = self.pending_period()
        if pending is None:
            return self._nothing_to_decide()
        self.period = pending
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        pending = self.pending_period()
        if pending is None:
            return self._nothing_to_decide()
        self.period = pending
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        defaults = services.next_period_defaults(self.period)
        return {
            "hours_per_week": defaults["hours_per_week"],
            "hourly_wage": defaults["hourly_wage"],
        }

    def expected_check(self) -> ChainCheck | None:
        """The chain rule on a renewal of the default length."""
        defaults = services.next_period_defaults(self.period)
        return services.chain_check(
            self.object.participant,
            self.object.employer_name,
            Term(defaults["start_date"], defaults["end_date"]),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        period, contract = self.period, self.object
        defaults = services.next_period_defaults(period)
        check = self.chain_expected()
        permanent = services.next_period_defaults(period, decision=Decision.PERMANENT)
        context.update(
            period=period,
            defaults=defaults,
            permanent_defaults=permanent,
            permanent_to_programme_end=(
                permanent["end_date"] == contract.participant.programme.end_date
            ),
            notice_deadline=notice_deadline(period.start_date, period.end_date),
            chain_check=check,
            chain_text=chain_warning(check) if check is not None else "",
            assumed_minimum_text=assumed_shortfall_text(
                contract.participant,
                defaults["start_date"],
                defaults["end_date"],
                defaults["hourly_wage"],
                minimum_wage_table_of(municipality=self.municipality),
            ),
        )
        return context

    def perform(self, form: DecisionForm) -> RenewalDecision:
        data = form.cleaned_data
        return services.renewal_decide(
            period=self.period,
            actor=self.request.user,  # type: ignore[arg-type]
            decision=data["decision"],
            reason=data.get("reason") or "",
            notice_sent_on=data.get("notice_sent_on"),
            hours_per_week=data.get("hours_per_week"),
            hourly_wage=data.get("hourly_wage"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            confirm_permanent=self.confirmed(form),
        )

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if isinstance(self.result, RenewalDecision):
            messages.success(
                self.request,
                gettext_lazy("Het besluit ‘%(decision)s’ is vastgelegd.")
                % {"decision": self.result.get_decision_display()},
            )
            warn_late_notice(self.request, self.period)
        return response

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk])


def warn_late_notice(request: HttpRequest, period: ContractPeriod) -> None:
    """After a notice is recorded: the compensation now owed, when it came late."""
    text, _owed = late_notice_warning(period, today=timezone.localdate())
    if text:
        messages.warning(request, text)


class ContractEndReasonView(ObjectServiceFormView):
    """Record why employment ended (decides the transition payment)."""

    permission = Perm.CONTRACT_MANAGE
    form_class = EndReasonForm
    template_name = "contracts/end_reason_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("De reden van het einde van het dienstverband is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Einde dienstverband")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_initial(self) -> dict[str, Any]:
        return {"end_reason": self.object.end_reason}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: EndReasonForm) -> Contract:
        return services.contract_end_reason_set(
            contract=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data.get("end_reason") or "",
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk]) + "#einde-dienstverband"


class ContractNoticeView(ObjectServiceFormView):
    """Record the day of the written notice (aanzegging) of a decided period."""

    permission = Perm.CONTRACT_MANAGE
    form_class = NoticeForm
    template_name = "contracts/notice_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("De aanzegging is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Aanzegging vastleggen")}
    period: ContractPeriod

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_object(self, queryset: Any = None) -> Contract:
        contract: Contract = super().get_object(queryset)
        period = next((p for p in contract.periods.all() if p.pk == self.kwargs["period"]), None)
        if period is None:
            raise Http404
        self.period = period
        return contract

    def get_initial(self) -> dict[str, Any]:
        decision = getattr(self.period, "decision", None)
        return {"notice_sent_on": decision.notice_sent_on if decision else None}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            period=self.period,
            notice_deadline=notice_deadline(self.period.start_date, self.period.end_date),
            today=today,
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: NoticeForm) -> RenewalDecision:
        return services.notice_record(
            period=self.period,
            actor=self.request.user,  # type: ignore[arg-type]
            notice_sent_on=form.cleaned_data["notice_sent_on"],
        )

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if isinstance(self.result, RenewalDecision):
            warn_late_notice(self.request, self.period)
        return response

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk]) + "#einde-dienstverband"


class DecisionWorklistView(PersonalListMixin, TenantViewMixin, TemplateView):
    """Decisions due: periods ending within the horizon without a decision, and
    wage values due for re-measurement. ``?export=xlsx|csv`` exports the decisions
    due with the filters, in the worklist's order (audited; refused to a viewer who
    sees pseudonyms)."""

    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/worklist.html"
    export_name = "beslissingen"
    export_title = gettext_lazy("Beslissingen over verlenging")

    def get_columns(self) -> list[ListColumn]:
        return decision_columns(self.policy())

    def decisions(self) -> tuple[WorklistFilterForm, int, list[DueDecision]]:
        form = WorklistFilterForm(self.request.GET or None, municipality=self.municipality)
        weeks = form.value("weeks", DEFAULT_HORIZON_WEEKS)
        programme = form.value("programme")
        rows = decisions_due(
            municipality=self.municipality,
            today=timezone.localdate(),
            weeks=weeks,
            programme_id=programme.pk if programme else None,
            status=form.value("status", ""),
            chain_only=bool(form.value("chain", False)),
        )
        return form, weeks, rows

    def export_source(self) -> tuple[Any, int, Callable[[], Iterable[Any]]]:
        rows = self.decisions()[2]
        return ContractPeriod, len(rows), lambda: rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form, weeks, rows = self.decisions()
        remeasure = remeasurements_due(municipality=self.municipality, today=today, weeks=weeks)
        # Those never measured come in surname order: not for a pseudonym viewer.
        never = [r for r in remeasure if r.status == RemeasurementStatus.MISSING]
        remeasure = policy_for(self.request).sort_rows(never, lambda r: r.participant) + [
            r for r in remeasure if r.status != RemeasurementStatus.MISSING
        ]
        context.update(
            filter_form=form,
            rows=rows,
            remeasurements=remeasure,
            weeks=weeks,
            today=today,
            late_count=sum(1 for row in rows if row.late),
        )
        audit_participant_list(
            self.request,
            [row.participant.pk for row in rows] + [r.participant.pk for r in remeasure],
        )
        return context


class BelowMinimumWageView(PersonalListMixin, TenantViewMixin, TemplateView):
    """Periods whose hourly wage falls below the statutory minimum on some day;
    ``?export=xlsx|csv`` exports them with the filter (audited; refused to a viewer
    who sees pseudonyms)."""

    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/below_minimum.html"
    export_name = "onder-minimumloon"
    export_title = gettext_lazy("Onder het minimumloon")

    def get_columns(self) -> list[ListColumn]:
        return wage_flag_columns(self.policy())

    def flags(self) -> tuple[BelowMinimumFilterForm, bool, list[WageFlag]]:
        form = BelowMinimumFilterForm(self.request.GET or None)
        past = bool(form.is_valid() and form.cleaned_data.get("past"))
        flags = periods_below_minimum(
            municipality=self.municipality,
            today=timezone.localdate(),
            include_past=past,
            table=minimum_wage_table_of(municipality=self.municipality),
        )
        return form, past, flags

    def export_source(self) -> tuple[Any, int, Callable[[], Iterable[Any]]]:
        flags = self.flags()[2]
        return ContractPeriod, len(flags), lambda: flags

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, past, flags = self.flags()
        context.update(filter_form=form, flags=flags, past=past)
        audit_participant_list(self.request, [f.period.contract.participant_id for f in flags])
        return context


# --- wage-value measurements ----------------------------------------------------------------


class WageValueListView(PersonalListMixin, TenantListView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/wage_value_list.html"
    export_name = "loonwaardemetingen"
    export_title = gettext_lazy("Loonwaardemetingen")

    def get_columns(self) -> list[ListColumn]:
        return wage_value_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[WageValueMeasurement]:
        if policy_for(self.request).sees_identity:
            order = ["participant__last_name", "participant__first_name", "participant_id"]
        else:
            order = ["participant_id"]  # grouped per person, but not in surname order
        qs = wage_value_list(municipality=municipality).order_by(*order, "-measured_on", "-id")
        participant = self.request.GET.get("participant", "")
        if participant.isdigit():
            qs = qs.filter(participant_id=int(participant))
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = list(page.object_list)
        context["today"] = timezone.localdate()
        audit_participant_list(self.request, (m.participant_id for m in page.object_list))
        return context


class WageValueCreateView(BoundedChoicesViewMixin, ServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = WageValueForm
    template_name = "contracts/wage_value_form.html"
    success_message = gettext_lazy("De loonwaardemeting is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe loonwaardemeting")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        participant = self.request.GET.get("participant", "")
        return {"participant": participant} if participant.isdigit() else {}

    def choices_prepare(self, form: forms.BaseForm) -> None:
        apply_participant_policy(self.request, form)

    def choices_shown(self, form: forms.BaseForm) -> None:
        audit_shown_participants(self.request, form)

    def perform(self, form: WageValueForm) -> WageValueMeasurement:
        data = form.cleaned_data
        return services.wage_value_record(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=data["participant"],
            measured_on=data["measured_on"],
            percentage=data["percentage"],
            method=data["method"],
            assessor=data["assessor"],
            next_measurement_on=data.get("next_measurement_on"),
            note=data.get("note") or "",
        )

    def get_success_url(self) -> str:
        return next_url(self.request) or reverse("contracts:wage_values")


class WageValueUpdateView(ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = WageValueEditForm
    template_name = "contracts/wage_value_form.html"
    context_object_name = "measurement"
    success_message = gettext_lazy("De loonwaardemeting is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Loonwaardemeting wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[WageValueMeasurement]:
        return wage_value_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "instance": copy.copy(self.object),
            "municipality": self.municipality,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: WageValueEditForm) -> WageValueMeasurement:
        return services.wage_value_update(
            measurement=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:wage_values") + f"?participant={self.object.participant_id}"


def next_url(request: HttpRequest) -> str:
    """A local ``next`` path to return to (only paths on this site)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else ""


# --- programme settings ---------------------------------------------------------------------


class ContractSettingsListView(TenantViewMixin, TemplateView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/settings_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["settings_list"] = contract_settings_list(municipality=self.municipality)
        return context


class ContractSettingsUpdateView(ObjectServiceFormView):
    permission = Perm.PROGRAMME_MANAGE
    form_class = ContractSettingsForm
    template_name = "contracts/settings_form.html"
    context_object_name = "programme"
    success_message = gettext_lazy("De contractinstellingen zijn opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Contractinstellingen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality).select_related("contract_settings")

    def get_form_kwargs(self) -> dict[str, Any]:
        settings: ContractSettings = copy.copy(contract_settings_of(self.object))
        return {**super().get_form_kwargs(), "instance": settings}

    def perform(self, form: ContractSettingsForm) -> ContractSettings:
        return services.contract_settings_set(
            programme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:settings")
