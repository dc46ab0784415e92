"""API of the codebook, memos, codings and the analyses of a study.

- ``research/codes/``: the codebook (``?study=`` in tree order with depth and
  counts), create, change, move (``{id}/move/``), delete, and ``{id}/overview/``:
  every fragment of a code (audited: it shows transcript text);
- ``research/memos/``: memos on a study, a code or a transcript;
- ``research/codings/``: codings (offsets only, no text), create, delete, and
  ``{id}/quote/``;
- ``research/analysis/{study id}/saturation/`` and ``.../cooccurrence/``: read-only.

The same services and selectors as the pages (research/coding.py, research/analysis.py).
A respondent is given by code, kind and (a participant's) pseudonym only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_list_access
from basisbaan.core.api.fields import ScopedPrimaryKeyRelatedField, request_actor
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.research import analysis, coding
from basisbaan.research.api.studies import ResearchViewSet
from basisbaan.research.models import Code, Coding, Memo, Respondent, Study, Transcript
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.scoping import scope

__all__ = ["AnalysisViewSet", "CodeViewSet", "CodingViewSet", "MemoViewSet"]


def _studies(*, municipality: Municipality) -> QuerySet[Study]:
    return scope(Study.objects.all(), municipality)


def _codes(*, municipality: Municipality) -> QuerySet[Code]:
    return scope(Code.objects.all(), municipality)


def _transcripts(*, municipality: Municipality) -> QuerySet[Transcript]:
    return scope(Transcript.objects.select_related("session"), municipality)


def _respondents(*, municipality: Municipality) -> QuerySet[Respondent]:
    return scope(Respondent.objects.all(), municipality)


def _study_param(view: TenantViewSet) -> Study:
    raw = view.request.query_params.get("study", "")
    if not (raw.isascii() and raw.isdigit()):
        raise ApiValidationError({"study": [_("Geef het onderzoek op met ?study=<id>.")]})
    return get_object_or_404(_studies(municipality=view.municipality), pk=int(raw))


STUDY_PARAM = OpenApiParameter(
    "study", OpenApiTypes.INT, required=True, description="Het id van het onderzoek."
)


# -- serializers --------------------------------------------------------------------------


class CodeSerializer(serializers.ModelSerializer[Code]):
    depth = serializers.SerializerMethodField(help_text="Niveau in de boom (0 = bovenaan).")
    codings = serializers.SerializerMethodField(help_text="Aantal coderingen met deze code.")
    transcripts = serializers.SerializerMethodField(help_text="Aantal transcripten met de code.")

    class Meta:
        model = Code
        fields = [
            "id",
            "study",
            "parent",
            "name",
            "description",
            "colour",
            "position",
            "depth",
            "codings",
            "transcripts",
        ]
        read_only_fields = fields

    def _row(self, code: Code) -> analysis.CodeRow | None:
        rows: dict[int, analysis.CodeRow] = self.context.get("rows", {})
        return rows.get(code.pk)

    def get_depth(self, code: Code) -> int | None:
        row = self._row(code)
        return row.depth if row else None

    def get_codings(self, code: Code) -> int | None:
        row = self._row(code)
        return row.codings if row else None

    def get_transcripts(self, code: Code) -> int | None:
        row = self._row(code)
        return row.transcripts if row else None


class CodeWriteSerializer(serializers.Serializer[Any]):
    study = ScopedPrimaryKeyRelatedField(selector=_studies, queryset=Study.objects.all())
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        selector=_codes, queryset=Code.objects.all(), required=False, allow_null=True
    )
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    colour = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="#RRGGBB; leeg: de volgende kleur."
    )


class CodeUpdateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    colour = serializers.CharField(required=False, help_text="#RRGGBB")
    position = serializers.IntegerField(required=False, min_value=0)


class CodeMoveSerializer(serializers.Serializer[Any]):
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        selector=_codes, queryset=Code.objects.all(), allow_null=True, help_text="null: bovenaan."
    )
    position = serializers.IntegerField(required=False, min_value=0)


class RespondentLabelSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    kind = serializers.CharField()
    pseudonym = serializers.CharField(help_text="Alleen bij een deelnemer; anders leeg.")


class FragmentSerializer(serializers.Serializer[Any]):
    coding = serializers.IntegerField(source="coding_id")
    code = serializers.IntegerField(source="code_id")
    code_name = serializers.CharField()
    transcript = serializers.IntegerField(source="transcript_id")
    session_kind = serializers.CharField()
    held_on = serializers.DateField(allow_null=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    before = serializers.CharField()
    text = serializers.CharField()
    after = serializers.CharField()
    is_quote = serializers.BooleanField()
    speaker = RespondentLabelSerializer(allow_null=True)
    respondents = RespondentLabelSerializer(many=True)


class CodeOverviewSerializer(serializers.Serializer[Any]):
    code = serializers.IntegerField()
    codes = serializers.ListField(child=serializers.IntegerField())
    fragments = FragmentSerializer(many=True)


class MemoSerializer(serializers.ModelSerializer[Memo]):
    class Meta:
        model = Memo
        fields = ["id", "study", "code", "transcript", "title", "text", "created_at"]
        read_only_fields = fields


class MemoWriteSerializer(serializers.Serializer[Any]):
    study = ScopedPrimaryKeyRelatedField(selector=_studies, queryset=Study.objects.all())
    code = ScopedPrimaryKeyRelatedField(
        selector=_codes, queryset=Code.objects.all(), required=False, allow_null=True
    )
    transcript = ScopedPrimaryKeyRelatedField(
        selector=_transcripts, queryset=Transcript.objects.all(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=200)
    text = serializers.CharField()


class MemoUpdateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200, required=False)
    text = serializers.CharField(required=False)


class CodingSerializer(serializers.ModelSerializer[Coding]):
    class Meta:
        model = Coding
        fields = ["id", "transcript", "code", "start", "end", "respondent", "is_quote"]
        read_only_fields = fields


class CodingWriteSerializer(serializers.Serializer[Any]):
    transcript = ScopedPrimaryKeyRelatedField(
        selector=_transcripts, queryset=Transcript.objects.all()
    )
    code = ScopedPrimaryKeyRelatedField(selector=_codes, queryset=Code.objects.all())
    start = serializers.IntegerField(
        min_value=0, help_text="Begin, in tekens (code points) van de gepseudonimiseerde tekst."
    )
    end = serializers.IntegerField(min_value=1, help_text="Einde (niet meer bij de selectie).")
    respondent = ScopedPrimaryKeyRelatedField(
        selector=_respondents, queryset=Respondent.objects.all(), required=False, allow_null=True
    )
    is_quote = serializers.BooleanField(required=False, default=False)


class QuoteSerializer(serializers.Serializer[Any]):
    is_quote = serializers.BooleanField()


class CurvePointSerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    transcript = serializers.IntegerField()
    codes = serializers.IntegerField()
    new = serializers.IntegerField()
    cumulative = serializers.IntegerField()


class GuestWindowSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()  # type: ignore[assignment]
    base_end = serializers.IntegerField()
    run_end = serializers.IntegerField()
    base_codes = serializers.IntegerField()
    new_in_run = serializers.IntegerField()
    ratio = serializers.DecimalField(max_digits=8, decimal_places=4, allow_null=True)


class GuestSerializer(serializers.Serializer[Any]):
    base_size = serializers.IntegerField()
    run_length = serializers.IntegerField()
    threshold = serializers.DecimalField(max_digits=4, decimal_places=3)
    reached_at = serializers.IntegerField(allow_null=True)
    windows = GuestWindowSerializer(many=True)
    text = serializers.CharField()


class FrancisSerializer(serializers.Serializer[Any]):
    initial = serializers.IntegerField()
    stop = serializers.IntegerField()
    reached_at = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class SaturationSerializer(serializers.Serializer[Any]):
    study = serializers.IntegerField()
    total_codes = serializers.IntegerField()
    curve = CurvePointSerializer(many=True)
    guest = GuestSerializer()
    francis = FrancisSerializer()


class CooccurrenceCellSerializer(serializers.Serializer[Any]):
    code_a = serializers.IntegerField()
    code_b = serializers.IntegerField()
    overlaps = serializers.IntegerField(help_text="Overlappende paren coderingen.")
    transcripts = serializers.IntegerField(help_text="Transcripten met beide codes.")


class CooccurrenceSerializer(serializers.Serializer[Any]):
    study = serializers.IntegerField()
    codes = serializers.ListField(child=serializers.IntegerField())
    pairs = CooccurrenceCellSerializer(many=True)


# -- viewsets -----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Codeboek van een onderzoek",
        description="De codes in boomvolgorde, met niveau en het aantal coderingen en transcripten.",
        parameters=[STUDY_PARAM],
    ),
    retrieve=extend_schema(summary="Eén code"),
    destroy=extend_schema(
        summary="Code verwijderen",
        description="Alleen een code zonder coderingen en zonder subcodes (anders 400).",
    ),
)
class CodeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ResearchViewSet
):
    """De codes van het codeboek van een onderzoek (hiërarchisch)."""

    queryset = Code.objects.none()
    serializer_class = CodeSerializer
    pagination_class = None

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Code]:
        return Code.objects.filter(municipality=municipality).select_related("study")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        study = _study_param(self)
        tree = analysis.codebook_tree(municipality=self.municipality, study=study)
        context = {**self.get_serializer_context(), "rows": {r.code.pk: r for r in tree}}
        codes = [r.code for r in tree]
        self.audit_read(codes, many=True)
        return Response(CodeSerializer(codes, many=True, context=context).data)

    def _detail(self, code: Code, **kwargs: Any) -> Response:
        tree = analysis.codebook_tree(municipality=self.municipality, study=code.study)
        context = {**self.get_serializer_context(), "rows": {r.code.pk: r for r in tree}}
        return Response(CodeSerializer(code, context=context).data, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        code = self.get_object()
        self.audit_read(code, many=False)
        return self._detail(code)

    @extend_schema(
        summary="Code toevoegen",
        description="Een naam is uniek onder dezelfde hoofdcode; zonder kleur de volgende van het palet.",
        request=CodeWriteSerializer,
        responses={201: CodeSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = CodeWriteSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        code = coding.code_create(actor=request_actor(request), **payload.validated_data)
        return self._detail(code, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Code wijzigen",
        request=CodeUpdateSerializer,
        responses={200: CodeSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        code = self.get_object()
        payload = CodeUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        code = coding.code_update(
            code=code, data=dict(payload.validated_data), actor=request_actor(request)
        )
        return self._detail(code)

    def perform_destroy(self, instance: Code) -> None:
        coding.code_delete(code=instance, actor=request_actor(self.request))

    @extend_schema(
        summary="Code verplaatsen",
        description="Onder een andere hoofdcode (of bovenaan met null); niet onder zichzelf.",
        request=CodeMoveSerializer,
        responses={200: CodeSerializer},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        code = self.get_object()
        payload = CodeMoveSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        code = coding.code_move(code=code, actor=request_actor(request), **payload.validated_data)
        return self._detail(code)

    @extend_schema(
        summary="Alle fragmenten van een code",
        description=(
            "De gecodeerde tekst met wat context, per gesprek in de volgorde gehouden, met de "
            "soort en datum van het gesprek en de respondenten (code, soort, pseudoniem). "
            "Met ?sub=1 ook de subcodes. Elke opvraging komt in het auditlog."
        ),
        parameters=[OpenApiParameter("sub", OpenApiTypes.BOOL, description="Ook de subcodes.")],
        responses={200: CodeOverviewSerializer},
    )
    @action(detail=True, methods=["get"])
    def overview(self, request: Request, pk: str | None = None) -> Response:
        code = self.get_object()
        overview = analysis.code_overview(
            municipality=self.municipality,
            code=code,
            include_children=request.query_params.get("sub") in ("1", "true"),
        )
        audit_list_access(
            actor=request_actor(request),
            municipality=self.municipality,
            model=Transcript,
            ids=overview.transcript_ids,
            fields=["text"],
        )
        data = {"code": code.pk, "codes": overview.code_ids, "fragments": overview.fragments}
        return Response(CodeOverviewSerializer(data).data)


@extend_schema_view(
    list=extend_schema(summary="Memo's van een onderzoek", parameters=[STUDY_PARAM]),
    retrieve=extend_schema(summary="Eén memo"),
    destroy=extend_schema(summary="Memo verwijderen"),
)
class MemoViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ResearchViewSet
):
    """Memo's bij een onderzoek, een code of een transcript."""

    queryset = Memo.objects.none()
    serializer_class = MemoSerializer

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Memo]:
        memos = Memo.objects.filter(municipality=municipality)
        if self.action == "list":
            memos = memos.filter(study=_study_param(self))
        return memos

    @extend_schema(
        summary="Memo toevoegen", request=MemoWriteSerializer, responses={201: MemoSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = MemoWriteSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        memo = coding.memo_create(actor=request_actor(request), **payload.validated_data)
        return Response(MemoSerializer(memo).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Memo wijzigen", request=MemoUpdateSerializer, responses={200: MemoSerializer}
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        memo = self.get_object()
        payload = MemoUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        memo = coding.memo_update(
            memo=memo, data=dict(payload.validated_data), actor=request_actor(request)
        )
        return Response(MemoSerializer(memo).data)

    def perform_destroy(self, instance: Memo) -> None:
        coding.memo_delete(memo=instance, actor=request_actor(self.request))


@extend_schema_view(
    list=extend_schema(
        summary="Coderingen van een transcript",
        description="Alleen de posities (begin, einde), niet de tekst.",
        parameters=[
            OpenApiParameter(
                "transcript", OpenApiTypes.INT, required=True, description="Het transcript."
            )
        ],
    ),
    retrieve=extend_schema(summary="Eén codering"),
    destroy=extend_schema(summary="Codering verwijderen"),
)
class CodingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ResearchViewSet
):
    """Coderingen: een code op een stuk tekst van een gepseudonimiseerd transcript."""

    queryset = Coding.objects.none()
    serializer_class = CodingSerializer

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Coding]:
        codings = Coding.objects.filter(municipality=municipality)
        if self.action == "list":
            raw = self.request.query_params.get("transcript", "")
            if not (raw.isascii() and raw.isdigit()):
                raise ApiValidationError(
                    {"transcript": [_("Geef het transcript op met ?transcript=<id>.")]}
                )
            codings = codings.filter(transcript_id=int(raw))
        return codings

    @extend_schema(
        summary="Coderen",
        description=(
            "Een code op tekst[start:end] van het transcript (tekens als code points). De code "
            "hoort bij het onderzoek van het gesprek, de spreker bij het gesprek; dezelfde "
            "codering twee keer kan niet (400)."
        ),
        request=CodingWriteSerializer,
        responses={201: CodingSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = CodingWriteSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        created = coding.coding_create(actor=request_actor(request), **payload.validated_data)
        return Response(CodingSerializer(created).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Coding) -> None:
        coding.coding_delete(coding=instance, actor=request_actor(self.request))

    @extend_schema(
        summary="Citaat markeren",
        description="Markeer het fragment als citaat voor de rapportage, of haal de markering weg.",
        request=QuoteSerializer,
        responses={200: CodingSerializer},
    )
    @action(detail=True, methods=["post"])
    def quote(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        payload = QuoteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = coding.coding_mark_quote(
            coding=item, is_quote=payload.validated_data["is_quote"], actor=request_actor(request)
        )
        return Response(CodingSerializer(item).data)


class AnalysisViewSet(ResearchViewSet):
    """Analyses van een onderzoek (alleen lezen): verzadiging en samen voorkomen."""

    queryset = Study.objects.none()
    audit_reads = False
    audit_reads_reason = (
        "Counts of codes per transcript and per pair of codes: no text, no personal data."
    )

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Study]:
        return Study.objects.filter(municipality=municipality)

    @extend_schema(
        summary="Verzadiging",
        description=(
            "De curve van unieke codes per gecodeerd gesprek (codering afgerond, in de volgorde "
            "gehouden), de vensters van Guest e.a. (2020) en de 10+3-regel van Francis e.a. "
            "(2010), met de instellingen van het onderzoek."
        ),
        responses={200: SaturationSerializer},
    )
    @action(detail=True, methods=["get"])
    def saturation(self, request: Request, pk: str | None = None) -> Response:
        study = self.get_object()
        sat = analysis.study_saturation(municipality=self.municipality, study=study)
        data = {
            "study": study.pk,
            "total_codes": sat.total_codes,
            "curve": [
                {
                    "number": p.number,
                    "transcript": t[0],
                    "codes": p.codes,
                    "new": p.new,
                    "cumulative": p.cumulative,
                }
                for p, t in zip(sat.points, sat.transcripts, strict=True)
            ],
            "guest": {
                "base_size": sat.guest.base_size,
                "run_length": sat.guest.run_length,
                "threshold": sat.guest.threshold,
                "reached_at": sat.guest.reached_at,
                "windows": [
                    {
                        "label": w.label,
                        "base_end": w.base_end,
                        "run_end": w.run_end,
                        "base_codes": w.base_codes,
                        "new_in_run": w.new_in_run,
                        "ratio": w.ratio,
                    }
                    for w in sat.guest.windows
                ],
                "text": sat.guest_text(),
            },
            "francis": {
                "initial": sat.francis.initial,
                "stop": sat.francis.stop,
                "reached_at": sat.francis.reached_at,
                "text": sat.francis_text(),
            },
        }
        return Response(SaturationSerializer(data).data)

    @extend_schema(
        summary="Codes die samen voorkomen",
        description=(
            "Per paar codes: het aantal overlappende paren coderingen (ten minste één teken "
            "gemeen) en het aantal transcripten met beide codes. Alleen paren met een van beide "
            "groter dan 0."
        ),
        responses={200: CooccurrenceSerializer},
    )
    @action(detail=True, methods=["get"])
    def cooccurrence(self, request: Request, pk: str | None = None) -> Response:
        study = self.get_object()
        table = analysis.cooccurrence_table(municipality=self.municipality, study=study)
        ids = [r.code.pk for r in table.codes]
        pairs = [
            {"code_a": ids[i], "code_b": ids[j], "overlaps": cell[0], "transcripts": cell[1]}
            for i, row in enumerate(table.rows)
            for j, cell in enumerate(row)
            if j > i and cell is not None and (cell[0] or cell[1])
        ]
        data = {"study": study.pk, "codes": ids, "pairs": pairs}
        return Response(CooccurrenceSerializer(data).data)
