"""Pages of the codebook, coding a transcript, the analyses and saturation.

Thin: the rules live in research/coding.py (writes) and research/analysis.py
(reads). Every page that shows transcript text or fragments of it audits the read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.core.forms import add_service_errors
from basisbaan.research import analysis, coding
from basisbaan.research.charts import saturation_chart
from basisbaan.research.forms.coding import (
    CodeForm,
    CodingForm,
    MemoForm,
    SaturationSettingsForm,
)
from basisbaan.research.models import Code, Coding, Memo, Respondent, Study, Transcript
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin, scope


class ResearchMixin(TenantViewMixin):
    permission = Perm.RESEARCH_VIEW

    def _get(self, model: Any, pk: Any, *related: str) -> Any:
        queryset: QuerySet[Any] = model.objects.all()
        if related:
            queryset = queryset.select_related(*related)
        queryset = scope(queryset, self.municipality)
        return get_object_or_404(queryset, pk=pk)

    def study(self, pk: Any) -> Study:
        return self._get(Study, pk)  # type: ignore[no-any-return]

    def code(self, pk: Any) -> Code:
        return self._get(Code, pk, "study")  # type: ignore[no-any-return]

    def transcript(self, pk: Any) -> Transcript:
        return self._get(Transcript, pk, "session", "session__study")  # type: ignore[no-any-return]

    def actor(self) -> Any:
        return self.request.user

    def may_manage(self) -> bool:
        return self.has_perm(Perm.RESEARCH_MANAGE)

    def refused(self, exc: ValidationError) -> None:
        messages.error(self.request, " ".join(exc.messages))


def _code_choices(tree: list[analysis.CodeRow]) -> list[tuple[int, str]]:
    return [(row.code.pk, "— " * row.depth + row.code.name) for row in tree]


# -- the codebook -------------------------------------------------------------------------


class CodebookView(ResearchMixin, TemplateView):
    template_name = "research/coding/codebook.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = self.study(self.kwargs["pk"])
        tree = analysis.codebook_tree(municipality=self.municipality, study=study)
        codes = scope(Code.objects.filter(study=study), self.municipality)
        memos = scope(
            Memo.objects.filter(study=study, transcript__isnull=True).select_related("code"),
            self.municipality,
        )
        context.update(
            {
                "study": study,
                "tree": tree,
                "memos": list(memos),
                "code_form": kwargs.get("code_form") or CodeForm(codes=codes, prefix="code"),
                "memo_form": kwargs.get("memo_form") or MemoForm(prefix="memo"),
                "code_choices": _code_choices(tree),
                "may_manage": self.may_manage(),
            }
        )
        return context


class CodeCreateView(ResearchMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        study = self.study(pk)
        codes = scope(Code.objects.filter(study=study), self.municipality)
        form = CodeForm(request.POST, codes=codes, prefix="code")
        if form.is_valid():
            try:
                code = coding.code_create(study=study, actor=self.actor(), **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("De code ‘%(name)s’ is toegevoegd.") % {"name": code.name}
                )
                return HttpResponseRedirect(reverse("research:codebook", args=[study.pk]))
        view = CodebookView(request=request, kwargs={"pk": pk})
        context = view.get_context_data(code_form=form)
        return render(request, view.template_name, context, status=400)


class CodeEditView(ResearchMixin, TemplateView):
    template_name = "research/coding/code_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        code = self.code(self.kwargs["pk"])
        codes = scope(
            Code.objects.filter(study_id=code.study_id).exclude(
                pk__in=analysis.code_descendants(code)
            ),
            self.municipality,
        )
        form = kwargs.get("form") or CodeForm(
            codes=codes,
            initial={
                "name": code.name,
                "description": code.description,
                "parent": code.parent_id,
                "colour": code.colour,
            },
        )
        context.update({"code": code, "study": code.study, "form": form})
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.may_manage():
            raise PermissionDenied(_("U mag in dit onderzoek niets wijzigen."))
        code = self.code(pk)
        codes = scope(Code.objects.filter(study_id=code.study_id), self.municipality)
        form = CodeForm(request.POST, codes=codes)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["parent"] != code.parent:
                    coding.code_move(code=code, parent=data["parent"], actor=self.actor())
                changes = {"name": data["name"], "description": data["description"]}
                if data["colour"]:
                    changes["colour"] = data["colour"]
                coding.code_update(code=code, data=changes, actor=self.actor())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De code is opgeslagen."))
                return HttpResponseRedirect(reverse("research:codebook", args=[code.study_id]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CodeDeleteView(ResearchMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        code = self.code(pk)
        study_id, name = code.study_id, code.name
        try:
            coding.code_delete(code=code, actor=self.actor())
        except ValidationError as exc:
            self.refused(exc)
        else:
            messages.success(request, _("De code ‘%(name)s’ is verwijderd.") % {"name": name})
        return HttpResponseRedirect(reverse("research:codebook", args=[study_id]))


class MemoCreateView(ResearchMixin, View):
    """A memo on the study, or (``code`` / ``transcript`` in the form) on one of those."""

    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        study = self.study(pk)
        code = self.code(request.POST["code"]) if request.POST.get("code") else None
        transcript = (
            self.transcript(request.POST["transcript"]) if request.POST.get("transcript") else None
        )
        back = (
            reverse("research:transcript", args=[transcript.pk])
            if transcript
            else reverse("research:codebook", args=[study.pk])
        )
        form = MemoForm(request.POST, prefix="memo")
        if not form.is_valid():
            messages.error(
                request, " ".join(str(e) for errors in form.errors.values() for e in errors)
            )
            return HttpResponseRedirect(back)
        try:
            coding.memo_create(
                study=study,
                code=code,
                transcript=transcript,
                actor=self.actor(),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            self.refused(exc)
        else:
            messages.success(request, _("De memo is opgeslagen."))
        return HttpResponseRedirect(back)


class MemoEditView(ResearchMixin, TemplateView):
    template_name = "research/coding/memo_form.html"

    def memo(self) -> Memo:
        return self._get(Memo, self.kwargs["pk"], "study")  # type: ignore[no-any-return]

    def back(self, memo: Memo) -> str:
        if memo.transcript_id:
            return reverse("research:transcript", args=[memo.transcript_id])
        return reverse("research:codebook", args=[memo.study_id])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        memo = self.memo()
        form = kwargs.get("form") or MemoForm(initial={"title": memo.title, "text": memo.text})
        context.update({"memo": memo, "form": form, "back": self.back(memo)})
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.may_manage():
            raise PermissionDenied(_("U mag in dit onderzoek niets wijzigen."))
        memo = self.memo()
        if "delete" in request.POST:
            coding.memo_delete(memo=memo, actor=self.actor())
            messages.success(request, _("De memo is verwijderd."))
            return HttpResponseRedirect(self.back(memo))
        form = MemoForm(request.POST)
        if form.is_valid():
            try:
                coding.memo_update(memo=memo, data=form.cleaned_data, actor=self.actor())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De memo is opgeslagen."))
                return HttpResponseRedirect(self.back(memo))
        return self.render_to_response(self.get_context_data(form=form), status=400)


# -- coding a transcript ------------------------------------------------------------------


@dataclass
class Piece:
    text: str
    fragments: list[analysis.Fragment]


@dataclass
class SegmentRow:
    index: int
    start: int
    end: int
    pieces: list[Piece]
    fragments: list[analysis.Fragment] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.index + 1


def segment_rows(text: str, fragments: list[analysis.Fragment]) -> list[SegmentRow]:
    """The text's segments, each cut into pieces at the codings' boundaries so that
    coded pieces can be marked (with the codes named beside the segment)."""
    rows = []
    for index, (start, end) in enumerate(analysis.segments(text)):
        inside = [f for f in fragments if f.start < end and start < f.end]
        cuts = sorted(
            {start, end, *(max(start, min(end, p)) for f in inside for p in (f.start, f.end))}
        )
        pieces = [
            Piece(text[a:b], [f for f in inside if f.start < b and a < f.end])
            for a, b in zip(cuts, cuts[1:], strict=False)
            if b > a
        ]
        rows.append(SegmentRow(index, start, end, pieces, inside))
    return rows


class TranscriptCodingView(ResearchMixin, TemplateView):
    """The pseudonymised text as numbered segments with its codings, and the coding form."""

    template_name = "research/coding/transcript.html"

    def respondent_choices(self, transcript: Transcript) -> list[tuple[int, str]]:
        ids = scope(
            Respondent.objects.filter(sessions=transcript.session), self.municipality
        ).values_list("pk", flat=True)
        labels = analysis.respondent_labels(
            municipality=self.municipality, study_id=transcript.session.study_id, ids=ids
        )
        return [(pk, f"{label} – {label.kind_label}") for pk, label in sorted(labels.items())]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        transcript = kwargs.get("transcript") or self.transcript(self.kwargs["pk"])
        study = transcript.session.study
        tree = analysis.codebook_tree(municipality=self.municipality, study=study)
        fragments = analysis.transcript_codings(
            municipality=self.municipality, transcript=transcript
        )
        rows = segment_rows(transcript.text, fragments)
        form = kwargs.get("form") or CodingForm(
            code_choices=_code_choices(tree),
            respondents=self.respondent_choices(transcript),
            segment_count=len(rows),
        )
        memos = scope(Memo.objects.filter(transcript=transcript), self.municipality)
        audit_access(actor=self.actor(), instance=transcript, fields=["text"])
        context.update(
            {
                "transcript": transcript,
                "session": transcript.session,
                "study": study,
                "rows": rows,
                "fragments": fragments,
                "form": form,
                "chosen": set(form["segments"].value() or []) if form.is_bound else set(),
                "memos": list(memos),
                "memo_form": MemoForm(prefix="memo"),
                "may_manage": self.may_manage(),
                "has_codes": bool(tree),
            }
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.may_manage():
            raise PermissionDenied(_("U mag in dit onderzoek niets wijzigen."))
        transcript = self.transcript(pk)
        study = transcript.session.study
        tree = analysis.codebook_tree(municipality=self.municipality, study=study)
        spans = analysis.segments(transcript.text)
        form = CodingForm(
            request.POST,
            code_choices=_code_choices(tree),
            respondents=self.respondent_choices(transcript),
            segment_count=len(spans),
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["start"] is not None and data["end"] is not None:
                    start, end = data["start"], data["end"]
                else:
                    start, end = coding.segments_to_range(transcript.text, spans, data["segments"])
                code = self.code(data["code"])
                respondent = (
                    self._get(Respondent, data["respondent"]) if data["respondent"] else None
                )
                created = coding.coding_create(
                    transcript=transcript,
                    code=code,
                    start=start,
                    end=end,
                    respondent=respondent,
                    is_quote=data["is_quote"],
                    actor=self.actor(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc, {"start": "segments", "end": "segments"})
            else:
                messages.success(
                    request,
                    _("Gecodeerd met ‘%(code)s’: tekens %(start)s tot %(end)s.")
                    % {"code": code.name, "start": created.start, "end": created.end},
                )
                return HttpResponseRedirect(
                    reverse("research:transcript", args=[transcript.pk]) + "#coderen"
                )
        context = self.get_context_data(transcript=transcript, form=form)
        return self.render_to_response(context, status=400)


class CodingDeleteView(ResearchMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._get(Coding, pk, "code")
        transcript_id = item.transcript_id
        coding.coding_delete(coding=item, actor=self.actor())
        messages.success(request, _("De codering is verwijderd."))
        return HttpResponseRedirect(reverse("research:transcript", args=[transcript_id]))


class CodingQuoteView(ResearchMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self._get(Coding, pk)
        is_quote = request.POST.get("is_quote") == "1"
        coding.coding_mark_quote(coding=item, is_quote=is_quote, actor=self.actor())
        messages.success(
            request,
            _("Gemarkeerd als citaat.") if is_quote else _("Niet meer gemarkeerd als citaat."),
        )
        return HttpResponseRedirect(reverse("research:transcript", args=[item.transcript_id]))


class TranscriptDoneView(ResearchMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        transcript = self.transcript(pk)
        done = request.POST.get("done") == "1"
        coding.transcript_mark_coded(
            transcript=transcript, done=done, on=timezone.localdate(), actor=self.actor()
        )
        messages.success(
            request,
            _("Codering afgerond: het gesprek telt mee voor de verzadiging.")
            if done
            else _("Codering weer open: het gesprek telt niet mee voor de verzadiging."),
        )
        return HttpResponseRedirect(reverse("research:transcript", args=[transcript.pk]))


class CodeColoursView(ResearchMixin, View):
    """The codes' colours as a stylesheet (the CSP allows no inline style)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        study = self.study(pk)
        rows = scope(Code.objects.filter(study=study), self.municipality).values_list(
            "pk", "colour"
        )
        lines = [
            f".rc-code-{pk}{{--rc-colour:{colour}}}"
            for pk, colour in rows
            if coding.COLOUR.match(colour or "")
        ]
        response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
        response["Cache-Control"] = "private, no-cache"
        return response


# -- analyses -----------------------------------------------------------------------------


FRAGMENTS_PER_PAGE = 100


class CodeOverviewView(ResearchMixin, TemplateView):
    template_name = "research/coding/code.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        code = self.code(self.kwargs["pk"])
        with_children = self.request.GET.get("sub") == "1"
        overview = analysis.code_overview_page(
            municipality=self.municipality,
            code=code,
            include_children=with_children,
            page=self.request.GET.get("page") or 1,
            per_page=FRAGMENTS_PER_PAGE,
        )
        audit_list_access(
            actor=self.actor(),
            municipality=self.municipality,
            model=Transcript,
            ids=overview.transcript_ids,
            fields=["text"],
        )
        memos = scope(Memo.objects.filter(code=code), self.municipality)
        context.update(
            {
                "code": code,
                "study": code.study,
                "overview": overview,
                "page_obj": overview.page,
                "query_without_page": "sub=1" if with_children else "",
                "with_children": with_children,
                "has_children": len(analysis.code_descendants(code)) > 1,
                "memos": list(memos),
                "memo_form": MemoForm(prefix="memo"),
                "may_manage": self.may_manage(),
            }
        )
        return context


@dataclass
class Pair:
    first: analysis.CodeRow
    second: analysis.CodeRow
    overlaps: int
    transcripts: int


def top_pairs(table: analysis.CooccurrenceTable, limit: int = 15) -> list[Pair]:
    """The pairs of codes that overlap most often (most overlaps, then most
    conversations, then codebook order): the matrix's cells worth reading first."""
    pairs = [
        Pair(table.codes[i], table.codes[j], cell[0], cell[1])
        for i, row in enumerate(table.rows)
        for j, cell in enumerate(row)
        if j > i and cell and (cell[0] or cell[1])
    ]
    order = {row.code.pk: n for n, row in enumerate(table.codes)}
    pairs.sort(
        key=lambda p: (-p.overlaps, -p.transcripts, order[p.first.code.pk], order[p.second.code.pk])
    )
    return pairs[:limit]


class CooccurrenceView(ResearchMixin, TemplateView):
    template_name = "research/coding/cooccurrence.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = self.study(self.kwargs["pk"])
        table = analysis.cooccurrence_table(municipality=self.municipality, study=study)
        context.update(
            {
                "study": study,
                "table": table,
                "pairs": top_pairs(table),
                "rows": list(zip(table.codes, table.rows, strict=True)),
            }
        )
        return context


class ComparisonView(ResearchMixin, TemplateView):
    template_name = "research/coding/comparison.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = self.study(self.kwargs["pk"])
        context.update(
            {
                "study": study,
                "comparison": analysis.comparison(municipality=self.municipality, study=study),
            }
        )
        return context


class QuotesView(ResearchMixin, TemplateView):
    template_name = "research/coding/quotes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = self.study(self.kwargs["pk"])
        items = analysis.quotes(municipality=self.municipality, study=study)
        allowed = [q for q in items if q.allowed]
        audit_list_access(
            actor=self.actor(),
            municipality=self.municipality,
            model=Transcript,
            ids=sorted({q.fragment.transcript_id for q in allowed}),
            fields=["text"],
        )
        context.update(
            {"study": study, "allowed": allowed, "withheld": [q for q in items if not q.allowed]}
        )
        return context


def _percent(fraction: Any) -> Decimal:
    """0.05 as 5 and 0.025 as 2.5: the percentage without trailing zeros (and never
    in exponent notation, as Decimal.normalize() would write 10 as 1E+1)."""
    value = Decimal(str(fraction or 0)) * 100
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class SaturationView(ResearchMixin, TemplateView):
    template_name = "research/coding/saturation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        study = kwargs.get("study") or self.study(self.kwargs["pk"])
        saturation = analysis.study_saturation(municipality=self.municipality, study=study)
        form = kwargs.get("form") or SaturationSettingsForm(
            initial={
                "guest_base_size": study.guest_base_size,
                "guest_run_length": study.guest_run_length,
                "guest_threshold_percent": _percent(study.guest_threshold),
                "francis_initial": study.francis_initial,
                "francis_stop": study.francis_stop,
            }
        )
        context.update(
            {
                "study": study,
                "saturation": saturation,
                "chart": saturation_chart(saturation),
                "points_with_transcripts": list(
                    zip(saturation.points, saturation.transcripts, strict=True)
                ),
                "form": form,
                "may_manage": self.may_manage(),
            }
        )
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.may_manage():
            raise PermissionDenied(_("U mag in dit onderzoek niets wijzigen."))
        study = self.study(pk)
        form = SaturationSettingsForm(request.POST)
        if form.is_valid():
            try:
                coding.saturation_settings_update(
                    study=study, data=form.service_data(), actor=self.actor()
                )
            except ValidationError as exc:
                add_service_errors(form, exc, {"guest_threshold": "guest_threshold_percent"})
            else:
                messages.success(request, _("De instellingen voor verzadiging zijn opgeslagen."))
                return HttpResponseRedirect(reverse("research:saturation", args=[study.pk]))
        context = self.get_context_data(study=study, form=form)
        return self.render_to_response(context, status=400)
