"""Guidance pages: the week grid, hours against the norm, settings and closed
months, the CSV import, feedback sessions (cadence, overdue, record, actions),
signals, and the calendar feed.

Pages that name participants audit that through the participant app's
helpers; writes go through :mod:`basisbaan.guidance.services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.calc.dates import HORIZON, MAX_HOURS_PER_DAY
from basisbaan.calc.dates import week_start as monday_of
from basisbaan.core.choices import search_fragment
from basisbaan.core.forms import add_service_errors
from basisbaan.core.imports import more_errors_lines
from basisbaan.core.listing import ListColumn
from basisbaan.core.views import (
    ObjectServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.guidance import services
from basisbaan.guidance.constants import STAFF_ROLES, Activity, HoursImportStatus, SessionStatus
from basisbaan.guidance.forms import (
    ActionForm,
    ClosePeriodForm,
    GuidanceSettingsForm,
    HoursFilterForm,
    HoursImportForm,
    SessionFilterForm,
    SessionPlanForm,
    SessionRecordForm,
    SignalFollowUpForm,
    SignalForm,
    parse_hours,
    parse_week_post,
)
from basisbaan.guidance.ics import sessions_calendar
from basisbaan.guidance.importing import hours_enqueue
from basisbaan.guidance.jobs import start_hours_import
from basisbaan.guidance.lists import (
    cadence_columns,
    hours_columns,
    iso_week,
    norm_columns,
    session_columns,
    signal_columns,
)
from basisbaan.guidance.models import (
    FeedbackAction,
    FeedbackSession,
    HoursEntry,
    HoursImport,
    Signal,
)
from basisbaan.guidance.selectors import (
    NormReport,
    closed_period_list,
    dangerously_feed_for_token,
    feedback_session_list,
    guidance_settings_of,
    hours_readable,
    may_read_hours_of,
    norm_report,
    placement_cadence,
    planned_sessions_for,
    signal_list,
    week_grid,
)
from basisbaan.participants.constants import ACTIVE_STATUSES
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.privacy import NAME_FIELDS, audit_participant_list, policy_for
from basisbaan.participants.selectors import participant_list
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm
from basisbaan.tenancy.scoping import TenantViewMixin
from basisbaan.tenancy.selectors import staff_list

SESSION_FIELDS = ["scores", "notes", "participant_present"]
PARTICIPANTS_PER_PAGE = 50
SIGNAL_FIELDS = ["kind", "description", "follow_up"]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def parse_week(value: str | None) -> tuple[dt.date, str]:
    """``?week=2025-11-24`` (any day of the week) -> that Monday, and a message
    when the week asked for could not be shown: not a date (this week instead)
    or outside the years the product works with (the nearest week instead)."""
    if not value:
        return monday_of(timezone.localdate()), ""
    try:
        asked = dt.date.fromisoformat(value)
    except ValueError:
        return monday_of(timezone.localdate()), _(
            "‘%(value)s’ is geen datum; u ziet deze week."
        ) % {"value": value[:20]}
    monday = monday_of(asked)
    if not monday <= asked <= monday + dt.timedelta(days=6):
        return monday, _(
            "Weken vóór %(first)s of na %(last)s zijn er niet; u ziet de dichtstbijzijnde week."
        ) % {
            "first": HORIZON[0].year,
            "last": HORIZON[1].year,
        }
    return monday, ""


def _cell_errors(
    errors: dict[str, list[str]], grid_rows: list[dict[str, Any]]
) -> tuple[dict[str, str], dict[int, str], list[str]]:
    """Place a refused week's errors: per cell name, per weekday (a day over its
    hours), and the rest (for the summary at the top)."""
    by_key = {cell["key"]: cell["name"] for row in grid_rows for cell in row["cells"]}
    days = {
        cell["key"].rsplit(":", 1)[1]: day
        for row in grid_rows
        for day, cell in enumerate(row["cells"])
    }
    cells: dict[str, str] = {}
    per_day: dict[int, str] = {}
    other: list[str] = []
    for key, messages_ in errors.items():
        message = " ".join(messages_)
        if key in by_key:
            cells[by_key[key]] = message
        elif key.startswith("day:") and key[4:] in days:
            per_day[days[key[4:]]] = message
        elif key.startswith("h-"):
            cells[key] = message
        else:
            other.append(message)
    return cells, per_day, other


# -- week grid -------------------------------------------------------------------------


class WeekView(TenantViewMixin, TemplateView):
    """A staff member's week: rows of participants and activities, a column per day.

    One POST saves the whole week through :func:`services.hours_week_save`.
    A programme manager may open (and correct) another staff member's week.
    """

    permission = Perm.GUIDANCE_LOG
    template_name = "guidance/week.html"

    def staff(self) -> User:
        wanted = self.request.GET.get("medewerker") or self.request.POST.get("medewerker")
        me = _user(self.request)
        if not wanted or not wanted.isdigit() or int(wanted) == me.pk:
            return me
        if not may_read_hours_of(viewer=me, role=self.membership.role, staff_id=int(wanted)):
            raise PermissionDenied(_("U kunt alleen uw eigen week bekijken."))
        other = (
            staff_list(municipality=self.municipality, roles=STAFF_ROLES).filter(pk=wanted).first()
        )
        if other is None:
            raise Http404
        return other

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        week_start, week_message = kwargs.get("week_start"), ""
        if week_start is None:
            week_start, week_message = parse_week(self.request.GET.get("week"))
        staff = kwargs.get("staff") or self.staff()
        extra = self.request.GET.get("deelnemer", "")
        grid = week_grid(
            municipality=self.municipality,
            staff=staff,
            week_start=week_start,
            extra=(int(extra), self.request.GET.get("activiteit") or Activity.COACHING)
            if extra.isdigit()
            else None,
        )
        posted = kwargs.get("posted") or {}
        rows: list[dict[str, Any]] = []
        for index, row in enumerate(grid.rows):
            activity = posted.get(f"a-{index}", row.activity)
            cells = [
                {
                    "name": f"h-{index}-{row.participant.pk}-{day}",
                    "key": f"cell:{row.participant.pk}:{activity}:{grid.days[day]:%Y-%m-%d}",
                    "value": posted.get(
                        f"h-{index}-{row.participant.pk}-{day}", _hours_text(hours)
                    ),
                    "date": grid.days[day],
                    "locked": row.locked[day],
                }
                for day, hours in enumerate(row.hours)
            ]
            rows.append({"index": index, "row": row, "cells": cells})
        cell_errors, day_errors, other_errors = _cell_errors(kwargs.get("errors") or {}, rows)
        summary: list[dict[str, Any]] = []
        for item in rows:
            item["total"] = _posted_total(item["cells"]) if posted else item["row"].total
            for cell in item["cells"]:
                cell["error"] = cell_errors.get(cell["name"], "")
                if cell["error"]:
                    summary.append(
                        {
                            "target": cell["name"],
                            "cell": cell,
                            "row": item["row"],
                            "message": cell["error"],
                        }
                    )
        columns: list[dict[str, Any]] = [
            {"date": day, "closed": closed, "error": day_errors.get(i, ""), "total": total}
            for i, ((day, closed), total) in enumerate(
                zip(
                    grid.columns,
                    _posted_day_totals(rows) if posted else grid.day_totals,
                    strict=True,
                )
            )
        ]
        summary += [
            {"target": f"dag-{i}", "day": c["date"], "message": c["error"]}
            for i, c in enumerate(columns)
            if c["error"]
        ]
        shown = {row.participant.pk for row in grid.rows}
        if week_message:
            messages.warning(self.request, week_message)
        context.update(
            grid=grid,
            rows=rows,
            columns=columns,
            week_total=sum((c["total"] for c in columns), Decimal(0)),
            error_summary=summary,
            other_errors=other_errors,
            error_count=len(summary) + len(other_errors),
            max_day_hours=MAX_HOURS_PER_DAY,
            staff=staff,
            own=staff.pk == self.request.user.pk,
            activities=Activity.choices,
            previous=week_start - dt.timedelta(weeks=1),
            next=week_start + dt.timedelta(weeks=1),
            week_number=week_start.isocalendar().week,
            search=self.request.GET.get("zoek", "").strip()[:100],
            chosen_activity=self.request.GET.get("activiteit") or Activity.COACHING,
            found=self._found(),
            staff_choices=list(staff_list(municipality=self.municipality, roles=STAFF_ROLES))
            if self.has_perm(Perm.GUIDANCE_MANAGE)
            else [],
        )
        audit_participant_list(self.request, shown)
        return context

    def _found(self) -> list[Any]:
        """Participants matching ``?zoek=`` (name or BSN), for a new row: at most ten."""
        search = policy_for(self.request).search_text(self.request.GET.get("zoek", "")[:100])
        if not search:
            return []
        found = list(
            participant_list(municipality=self.municipality, search=search).filter(
                status__in=ACTIVE_STATUSES
            )[:10]
        )
        audit_participant_list(self.request, (p.pk for p in found))
        return found

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        week_start, _message = parse_week(request.POST.get("week"))
        staff = self.staff()
        cells, bad = parse_week_post(request.POST, week_start)
        errors: dict[str, list[str]] = {
            name: [_("‘%(value)s’ is geen aantal uren.") % {"value": value}]
            for name, value in bad.items()
        }
        result = None
        if not errors:
            try:
                result = services.hours_week_save(
                    municipality=self.municipality,
                    actor=_user(request),
                    staff=staff,
                    week_start=week_start,
                    cells=cells,
                )
            except ValidationError as exc:
                errors = (
                    {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
                    if hasattr(exc, "error_dict")
                    else {"__all__": [str(m) for m in exc.messages]}
                )
        if errors:
            context = self.get_context_data(
                week_start=week_start, staff=staff, posted=request.POST, errors=errors
            )
            return self.render_to_response(context, status=400)
        assert result is not None
        messages.success(
            request,
            ngettext(
                "De week is opgeslagen: %(n)s wijziging.",
                "De week is opgeslagen: %(n)s wijzigingen.",
                result.changed,
            )
            % {"n": result.changed},
        )
        url = reverse("guidance:week") + f"?week={week_start:%Y-%m-%d}"
        if staff.pk != request.user.pk:
            url += f"&medewerker={staff.pk}"
        return HttpResponseRedirect(url)


def _cell_hours(text: str) -> Decimal:
    try:
        return parse_hours(str(text)) or Decimal(0)
    except ValueError:
        return Decimal(0)


def _posted_total(cells: list[dict[str, Any]]) -> Decimal:
    return sum((_cell_hours(c["value"]) for c in cells), Decimal(0))


def _posted_day_totals(rows: list[dict[str, Any]]) -> list[Decimal]:
    return [
        sum((_cell_hours(item["cells"][day]["value"]) for item in rows), Decimal(0))
        for day in range(7)
    ]


def _hours_text(hours: Any) -> str:
    if not hours:
        return ""
    text = f"{hours.normalize():f}"
    return text.replace(".", ",")


# -- norm ------------------------------------------------------------------------------


class NormView(PersonalListMixin, TenantViewMixin, TemplateView):
    """Hours this year against the pro-rata norm: per programme, staff member
    and participant, with the quarters and the cost. ``?export=xlsx|csv`` exports
    the participant table of the year (audited; refused to a pseudonym viewer)."""

    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/norm.html"
    export_name = "begeleidingsnorm"
    export_title = gettext_lazy("Uren tegen de norm")

    def get_columns(self) -> list[ListColumn]:
        return norm_columns()

    def report(self) -> tuple[int, NormReport]:
        today = timezone.localdate()
        year_text = self.request.GET.get("jaar", "")
        year = (
            int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
        )
        as_of = today if year == today.year else dt.date(year, 12, 31)
        return year, norm_report(municipality=self.municipality, year=year, as_of=as_of)

    def export_source(self) -> tuple[Any, int, Callable[[], Iterable[Any]]]:
        rows = self.report()[1].participants
        return HoursEntry, len(rows), lambda: rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year, report = self.report()
        # The totals cover everyone; the participant table is shown a page at a time.
        page = Paginator(report.participants, PARTICIPANTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            report=report,
            year=year,
            years=range(today.year - 3, today.year + 1),
            page_obj=page,
            query_without_page=query.urlencode(),
        )
        audit_participant_list(self.request, (r.key for r in page.object_list))
        return context


class GuidanceSettingsView(ObjectServiceFormView):
    permission = Perm.GUIDANCE_MANAGE
    form_class = GuidanceSettingsForm
    template_name = "guidance/settings_form.html"
    context_object_name = "programme"
    extra_context = {"page_title": gettext_lazy("Begeleiding: norm, uurtarief en ritme")}
    success_message = gettext_lazy("De instellingen zijn opgeslagen.")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality).select_related("guidance_settings")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = guidance_settings_of(self.object)
        return kwargs

    def perform(self, form: GuidanceSettingsForm) -> Any:
        return services.guidance_settings_set(
            programme=self.fresh_object(), actor=_user(self.request), data=form.cleaned_data
        )

    def get_success_url(self) -> str:
        return reverse("guidance:norm")


class PeriodsView(TenantViewMixin, FormView):  # type: ignore[type-arg]
    """The closed months; a programme manager closes one more."""

    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/periods.html"
    form_class = ClosePeriodForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["periods"] = closed_period_list(municipality=self.municipality)
        return context

    def form_valid(self, form: ClosePeriodForm) -> HttpResponse:
        if not self.has_perm(Perm.GUIDANCE_MANAGE):
            raise PermissionDenied(_("Alleen een programmamanager sluit een maand af."))
        try:
            services.period_close(
                municipality=self.municipality,
                actor=_user(self.request),
                month=form.cleaned_data["month"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De maand is afgesloten."))
        return HttpResponseRedirect(reverse("guidance:periods"))


class HoursImportView(TenantViewMixin, FormView):  # type: ignore[type-arg]
    """Upload a CSV of hours: checked whole; imported only when every row is right.

    The file is kept and a background job checks and imports it; on to its progress,
    then to the answer (:class:`HoursImportDetailView`).
    """

    permission = Perm.GUIDANCE_MANAGE
    template_name = "guidance/import.html"
    form_class = HoursImportForm

    def form_valid(self, form: HoursImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        user = _user(self.request)
        try:
            record = hours_enqueue(
                municipality=self.municipality,
                actor=user,
                file_name=upload.name or "",
                content=upload.read(),
                dry_run=bool(form.cleaned_data.get("dry_run")),
            )
        except PayrollFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        job = start_hours_import(record=record, actor=user)
        return HttpResponseRedirect(job.get_absolute_url())


class HoursImportDetailView(TenantDetailView):
    """One imported file: what the check found, and what was imported."""

    permission = Perm.GUIDANCE_MANAGE
    template_name = "guidance/import.html"
    context_object_name = "hours_import"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HoursImport]:
        return HoursImport.objects.filter(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record: HoursImport = self.object
        context["form"] = HoursImportForm()
        if record.result:
            result = dict(record.result)
            result.setdefault("error_count", len(result.get("errors", [])))
            context["result"] = result
            context["more_error_lines"] = more_errors_lines(result.get("more_errors", []))
        elif record.status == HoursImportStatus.FAILED:
            context["failed"] = True
        return context


# -- the list of hours -----------------------------------------------------------------


class HoursListView(PersonalListMixin, TenantListView):
    """Every registration of hours this viewer may read, filtered and sortable, with
    an Excel or CSV export (audited; refused to a viewer who sees pseudonyms).

    The rows follow :func:`hours_readable`, the rule of the week page and the API:
    a programme manager reads everyone's hours, anyone else their own.
    """

    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/hours_list.html"
    export_name = "begeleidingsuren"
    export_title = gettext_lazy("Begeleidingsuren")

    def get_columns(self) -> list[ListColumn]:
        return hours_columns(self.policy())

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The staff filter's search, from its script: the filter alone.
        form = HoursFilterForm(
            request.GET,
            municipality=self.municipality,
            colleagues=self.has_perm(Perm.GUIDANCE_MANAGE),
        )
        return search_fragment(request, form) or super().get(request, *args, **kwargs)

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HoursEntry]:
        self.colleagues = self.has_perm(Perm.GUIDANCE_MANAGE)
        self.filter_form = HoursFilterForm(
            self.request.GET or None, municipality=municipality, colleagues=self.colleagues
        )
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        rows = hours_readable(
            municipality=municipality, viewer=_user(self.request), role=self.membership.role
        ).select_related("participant__programme", "staff")
        if data.get("van"):
            rows = rows.filter(date__gte=data["van"])
        if data.get("tot"):
            rows = rows.filter(date__lte=data["tot"])
        if data.get("activiteit"):
            rows = rows.filter(activity=data["activiteit"])
        if data.get("programma"):
            rows = rows.filter(participant__programme=data["programma"])
        if data.get("medewerker"):
            rows = rows.filter(staff=data["medewerker"])
        return rows.order_by("-date", "id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = rows = list(page.object_list)
        context["colleagues"] = self.colleagues
        context["rows"] = [(entry, iso_week(entry.date)) for entry in rows]
        audit_participant_list(self.request, (h.participant_id for h in rows))
        return context


class SessionListView(PersonalListMixin, TenantListView):
    """Every feedback session (planned, held, cancelled), filtered and sortable, with
    an Excel or CSV export (audited; refused to a viewer who sees pseudonyms)."""

    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/session_list.html"
    export_name = "feedbacksessies"
    export_title = gettext_lazy("Feedbacksessies")

    def get_columns(self) -> list[ListColumn]:
        return session_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FeedbackSession]:
        self.filter_form = SessionFilterForm(self.request.GET or None, municipality=municipality)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        rows = feedback_session_list(municipality=municipality)
        if data.get("van"):
            rows = rows.filter(planned_date__gte=data["van"])
        if data.get("tot"):
            rows = rows.filter(planned_date__lte=data["tot"])
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        if data.get("programma"):
            rows = rows.filter(placement__participant__programme=data["programma"])
        return rows.order_by("-planned_date", "id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = rows = list(page.object_list)
        audit_participant_list(self.request, (s.placement.participant_id for s in rows))
        if rows and policy_for(self.request).sees_identity:
            audit_list_access(
                actor=_user(self.request),
                municipality=self.municipality,
                model=FeedbackSession,
                ids=[s.pk for s in rows],
                fields=["status", "scores", "participant_present"],
            )
        return context


# -- feedback sessions -----------------------------------------------------------------


class CadenceView(PersonalListMixin, TenantViewMixin, TemplateView):
    """Running placements with their last and next session; ``overdue`` lists
    only those past their due date. ``?export=xlsx|csv`` exports the placements
    (audited; refused to a pseudonym viewer)."""

    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/cadence.html"
    overdue_only = False
    export_name = "feedbackritme"
    export_title = gettext_lazy("Ritme van feedbacksessies")

    def get_columns(self) -> list[ListColumn]:
        return cadence_columns(self.policy())

    def rows(self) -> list[Any]:
        return placement_cadence(
            municipality=self.municipality,
            today=timezone.localdate(),
            overdue_only=self.overdue_only,
        )

    def export_source(self) -> tuple[Any, int, Callable[[], Iterable[Any]]]:
        rows = self.rows()
        return Placement, len(rows), lambda: rows

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = self.rows()
        upcoming = list(
            feedback_session_list(municipality=self.municipality)
            .filter(status=SessionStatus.PLANNED)
            .order_by("planned_date", "planned_time", "id")[:50]
        )
        context.update(rows=rows, upcoming=upcoming, overdue_only=self.overdue_only, today=today)
        audit_participant_list(
            self.request,
            [r.placement.participant_id for r in rows]
            + [s.placement.participant_id for s in upcoming],
        )
        return context


class SessionPlanView(ObjectServiceFormView):
    permission = Perm.GUIDANCE_LOG
    form_class = SessionPlanForm
    template_name = "guidance/session_form.html"
    context_object_name = "placement"
    extra_context = {"page_title": gettext_lazy("Feedbacksessie plannen")}
    success_message = gettext_lazy("De feedbacksessie is gepland.")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        return placement_list(municipality=municipality).select_related(
            "participant", "position__host"
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "municipality": self.municipality,
            "host_id": self.object.position.host_id,
        }

    def get_initial(self) -> dict[str, Any]:
        role = self.membership.role
        me = self.request.user
        return {
            "jobcoach": me if role == "jobcoach" else None,
            "caseworker": me if role == "caseworker" else None,
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_list(request, [self.object.participant_id])
        return response

    def perform(self, form: SessionPlanForm) -> FeedbackSession:
        data = form.cleaned_data
        return services.feedback_session_plan(
            placement=self.fresh_object(), actor=_user(self.request), **data
        )

    def get_success_url(self) -> str:
        return reverse("guidance:session", args=[self.result.pk])


class SessionMixin:
    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FeedbackSession]:
        return feedback_session_list(municipality=municipality)


class SessionDetailView(SessionMixin, TenantDetailView):
    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/session_detail.html"
    context_object_name = "session"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session: FeedbackSession = self.object
        context["actions"] = session.actions.select_related("owner")
        context["action_form"] = ActionForm(municipality=self.municipality)
        context["scores"] = [
            (
                getattr(FeedbackSession._meta.get_field(name), "verbose_name", name),
                getattr(session, name),
            )
            for name in ("score_work", "score_wellbeing", "score_finances", "score_host")
        ]
        if policy_for(self.request).sees_identity:
            audit_access(actor=_user(self.request), instance=session, fields=SESSION_FIELDS)
            audit_participant_list(self.request, [session.placement.participant_id])
        return context


class SessionRecordView(SessionMixin, ObjectServiceFormView):
    permission = Perm.GUIDANCE_LOG
    form_class = SessionRecordForm
    template_name = "guidance/record_form.html"
    context_object_name = "session"
    extra_context = {"page_title": gettext_lazy("Verslag van de feedbacksessie")}
    success_message = gettext_lazy("Het verslag is opgeslagen.")

    def get_form_kwargs(self) -> dict[str, Any]:
        import copy

        return {
            **super().get_form_kwargs(),
            "municipality": self.municipality,
            "host_id": self.object.placement.position.host_id,
            "instance": copy.copy(self.object),
        }

    def get_initial(self) -> dict[str, Any]:
        return {
            "held_on": self.object.held_on or min(self.object.planned_date, timezone.localdate())
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_access(actor=_user(request), instance=self.object, fields=SESSION_FIELDS)
        audit_participant_list(request, [self.object.placement.participant_id])
        return response

    def perform(self, form: SessionRecordForm) -> FeedbackSession:
        return services.feedback_session_record(
            session=self.fresh_object(), actor=_user(self.request), data=form.cleaned_data
        )

    def get_success_url(self) -> str:
        return reverse("guidance:session", args=[self.object.pk])


class SessionPostView(SessionMixin, TenantViewMixin, View):
    """POSTs about one session: add an action, cancel it."""

    permission = Perm.GUIDANCE_LOG
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, what: str) -> HttpResponse:
        session = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            if what == "actie":
                form = ActionForm(request.POST, municipality=self.municipality)
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                services.feedback_action_add(
                    session=session, actor=_user(request), **form.cleaned_data
                )
                messages.success(request, _("De actie is toegevoegd."))
            elif what == "vervallen":
                services.feedback_session_cancel(session=session, actor=_user(request))
                messages.success(request, _("De sessie is vervallen."))
            else:
                raise Http404
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return HttpResponseRedirect(reverse("guidance:session", args=[session.pk]))


class ActionDoneView(TenantViewMixin, View):
    permission = Perm.GUIDANCE_LOG
    http_method_names = ["post"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FeedbackAction]:
        return FeedbackAction.objects.filter(municipality=municipality)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        action = get_object_or_404(self.get_queryset(), pk=pk)
        services.feedback_action_done(action=action, actor=_user(request))
        messages.success(request, _("De actie is afgerond."))
        return HttpResponseRedirect(reverse("guidance:session", args=[action.session_id]))


# -- signals ---------------------------------------------------------------------------


class SignalListView(PersonalListMixin, TenantListView):
    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/signal_list.html"
    export_name = "signalen"
    export_title = gettext_lazy("Signalen")

    def get_columns(self) -> list[ListColumn]:
        return signal_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Signal]:
        return signal_list(municipality=municipality, open_only=self.request.GET.get("alle") != "1")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = list(context["page_obj"].object_list)
        context["show_all"] = self.request.GET.get("alle") == "1"
        audit_participant_list(self.request, (s.participant_id for s in rows))
        if rows and policy_for(self.request).sees_identity:
            audit_list_access(
                actor=_user(self.request),
                municipality=self.municipality,
                model=Signal,
                ids=[s.pk for s in rows],
                fields=["kind"],
            )
        return context


class SignalCreateView(TenantViewMixin, FormView):  # type: ignore[type-arg]
    permission = Perm.GUIDANCE_LOG
    template_name = "guidance/signal_form.html"
    form_class = SignalForm
    extra_context = {"page_title": gettext_lazy("Signaal afgeven")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "municipality": self.municipality,
            "today": timezone.localdate(),
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        # The participant choice lists names: audited like any list.
        form = response.context_data["form"]  # type: ignore[attr-defined]
        audit_participant_list(
            request, form.fields["participant"].queryset.values_list("pk", flat=True)
        )
        return response

    def get_initial(self) -> dict[str, Any]:
        initial: dict[str, Any] = {"owner": self.request.user.pk}
        # ?deelnemer= from a participant's page; ?participant= when the choice changes (htmx).
        pid = self.request.GET.get("deelnemer") or self.request.GET.get("participant", "")
        if pid.isdigit():
            initial["participant"] = int(pid)
        return initial

    def form_valid(self, form: SignalForm) -> HttpResponse:
        try:
            signal = services.signal_raise(actor=_user(self.request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het signaal is vastgelegd."))
        return HttpResponseRedirect(reverse("guidance:signal", args=[signal.pk]))


class SignalDetailView(TenantDetailView):
    permission = Perm.GUIDANCE_VIEW
    template_name = "guidance/signal_detail.html"
    context_object_name = "signal"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Signal]:
        return signal_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or SignalFollowUpForm(
            initial={"follow_up": self.object.follow_up}
        )
        if policy_for(self.request).sees_identity:
            audit_access(actor=_user(self.request), instance=self.object, fields=SIGNAL_FIELDS)
            audit_participant_list(self.request, [self.object.participant_id], NAME_FIELDS)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.has_perm(Perm.GUIDANCE_LOG):
            raise PermissionDenied
        self.object = signal = self.get_object()
        form = SignalFollowUpForm(request.POST)
        if form.is_valid():
            try:
                if form.cleaned_data["close"]:
                    services.signal_close(
                        signal=signal,
                        actor=_user(request),
                        follow_up=form.cleaned_data["follow_up"],
                    )
                    messages.success(request, _("Het signaal is gesloten."))
                else:
                    services.signal_update(
                        signal=signal,
                        actor=_user(request),
                        data={"follow_up": form.cleaned_data["follow_up"]},
                    )
                    messages.success(request, _("De opvolging is opgeslagen."))
                return HttpResponseRedirect(reverse("guidance:signal", args=[signal.pk]))
            except ValidationError as exc:
                add_service_errors(form, exc)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# -- calendar feed ---------------------------------------------------------------------


class FeedSettingsView(TenantViewMixin, TemplateView):
    """Make, renew or revoke one's secret calendar address."""

    permission = Perm.GUIDANCE_LOG
    template_name = "guidance/feed.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from basisbaan.guidance.models import CalendarFeed

        context = super().get_context_data(**kwargs)
        context["feed"] = CalendarFeed.objects.filter(
            municipality=self.municipality, user=_user(self.request)
        ).first()
        token = self.request.session.pop("guidance_feed_token", None)
        if token:
            context["feed_url"] = self.request.build_absolute_uri(
                reverse("guidance:feed", args=[token])
            )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if request.POST.get("action") == "revoke":
                services.calendar_feed_revoke(municipality=self.municipality, user=_user(request))
                messages.success(request, _("Het agenda-adres is ingetrokken."))
            else:
                token = services.calendar_feed_renew(
                    municipality=self.municipality, user=_user(request)
                )
                request.session["guidance_feed_token"] = token
                messages.success(
                    request,
                    _("Er is een nieuw agenda-adres gemaakt; een oud adres werkt niet meer."),
                )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return HttpResponseRedirect(reverse("guidance:feed_settings"))


@method_decorator(login_not_required, name="dispatch")
class FeedView(View):
    """``/begeleiding/agenda/<token>.ics``: the token is the credential.

    Answers 404 for an unknown or revoked token. Every fetch is audited as a
    view of the sessions by the feed's owner, on channel ``ics``.
    """

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        feed = dangerously_feed_for_token(services.token_digest(token))
        if feed is None or not feed.user.is_active:
            raise Http404
        role = (
            Membership.objects.filter(user=feed.user, municipality=feed.municipality)
            .values_list("role", flat=True)
            .first()
        )
        if not has_perm(role, Perm.GUIDANCE_LOG):
            # The user left the municipality or lost the role: the address stops working.
            raise Http404
        sessions = list(planned_sessions_for(municipality=feed.municipality, user=feed.user))
        body = sessions_calendar(sessions, host=request.get_host().split(":")[0])
        if sessions:
            audit_list_access(
                actor=feed.user,
                municipality=feed.municipality,
                model=FeedbackSession,
                ids=[s.pk for s in sessions],
                fields=["planned_date", "pseudonym"],
                channel="ics",
            )
        feed.last_used_at = timezone.now()
        feed.save(update_fields=["last_used_at"])
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
