"""The printed "does work pay?" of one participant, as a PDF for the conversation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from basisbaan.audit.services import audit_export
from basisbaan.income.forms import ComparisonQueryForm
from basisbaan.income.printout import printout_filename, printout_pdf
from basisbaan.income.selectors import participant_comparison
from basisbaan.income.texts import NO_RULES_TEXT, OTHER_HOUSEHOLD_TEXT
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

__all__ = ["ParticipantPrintoutView"]

# What of the participant the printed comparison shows (audited as an export).
SHOWN_FIELDS = [
    "first_name",
    "name_prefix",
    "last_name",
    "household_type",
    "children_birth_months",
    "rent_month",
    "partner_income_year",
]


class ParticipantPrintoutView(TenantViewMixin, View):
    """One page for the participant: their income on assistance and in a basisbaan."""

    permission = Perm.PARTICIPANT_VIEW_PERSONAL

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        participant = get_object_or_404(self.get_queryset(), pk=pk)
        form = ComparisonQueryForm(request.GET)
        if not form.is_valid():
            return self.refuse(request, participant, form=form)
        today = timezone.localdate()
        overrides = form.overrides()
        try:
            result = participant_comparison(participant, today=today, **overrides)
        except LookupError:
            year = overrides["year"] or today.year
            return self.refuse(request, participant, message=NO_RULES_TEXT % {"year": year})
        if result is None:
            return self.refuse(request, participant, message=str(OTHER_HOUSEHOLD_TEXT))
        content = printout_pdf(participant, result, today=today)
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Participant,
            filters={"participant": str(participant.pk), "year": str(result.comparison.year)},
            rows=1,
            file_format="pdf",
            fields=SHOWN_FIELDS,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{printout_filename(result)}"'
        return response

    def refuse(
        self,
        request: HttpRequest,
        participant: Participant,
        *,
        form: ComparisonQueryForm | None = None,
        message: str = "",
    ) -> HttpResponse:
        """A Dutch page that says why the comparison cannot be printed (400)."""
        return render(
            request,
            "income/printout_refused.html",
            {"participant": participant, "form": form, "message": message},
            status=400,
        )
