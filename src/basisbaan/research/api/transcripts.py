"""API of pseudonymised transcripts: ``/api/v1/transcripts/`` and
``/api/v1/transcripts/propose/``.

``propose`` takes a session and the original text and answers with the
proposals and the pseudonymised preview; nothing is stored or logged. ``create``
takes the same text with the accepted proposal ids and added phrases,
computes the proposals again on the server and stores the pseudonymised text
only. The list holds no text; a detail does, and every detail read is audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.calc.redaction import Added
from basisbaan.core.api.fields import ScopedPrimaryKeyRelatedField, request_actor
from basisbaan.research import transcripts as services
from basisbaan.research.api.studies import ResearchViewSet
from basisbaan.research.constants import ProposalSource, RedactionTag
from basisbaan.research.models import Session, Transcript
from basisbaan.tenancy.models import Municipality

__all__ = ["TranscriptViewSet"]


class TranscriptListSerializer(serializers.ModelSerializer[Transcript]):
    study = serializers.IntegerField(source="session.study_id", read_only=True)

    class Meta:
        model = Transcript
        fields = [
            "id",
            "session",
            "study",
            "word_count",
            "redactions",
            "coding_done",
            "unlinked",
            "created_at",
        ]
        read_only_fields = fields


class TranscriptDetailSerializer(TranscriptListSerializer):
    class Meta(TranscriptListSerializer.Meta):
        fields = [*TranscriptListSerializer.Meta.fields, "text"]
        read_only_fields = fields


class AddedSerializer(serializers.Serializer[Any]):
    def get_fields(self) -> dict[str, Any]:
        return {
            "text": serializers.CharField(
                max_length=200, help_text="De tekst die overal wordt vervangen."
            ),
            "tag": serializers.ChoiceField(choices=RedactionTag.choices),
        }


class ProposeInputSerializer(serializers.Serializer[Any]):
    session = ScopedPrimaryKeyRelatedField(
        selector=services.session_list,
        queryset=Session.objects.all(),
        help_text="Het gehouden gesprek.",
    )
    text = serializers.CharField(
        max_length=services.MAX_TEXT_CHARS,
        trim_whitespace=False,
        help_text="De oorspronkelijke tekst (wordt niet bewaard).",
    )
    added = AddedSerializer(many=True, required=False, default=list)


class SaveInputSerializer(ProposeInputSerializer):
    accepted = serializers.ListField(
        child=serializers.CharField(max_length=40),
        help_text="De ids van de voorstellen die worden vervangen (uit propose).",
    )
    source_name = serializers.CharField(max_length=200, required=False, default="")


class RedactionProposalSerializer(serializers.Serializer[Any]):
    def get_fields(self) -> dict[str, Any]:
        return {
            "id": serializers.CharField(),
            "start": serializers.IntegerField(),
            "end": serializers.IntegerField(),
            "text": serializers.CharField(),
            "tag": serializers.CharField(),
            "number": serializers.IntegerField(),
            "label": serializers.CharField(),
            "source": serializers.ChoiceField(choices=ProposalSource.choices),
        }


class ProposeOutputSerializer(serializers.Serializer[Any]):
    proposals = RedactionProposalSerializer(many=True)
    preview = serializers.CharField(help_text="De tekst met alle voorstellen vervangen.")
    counts = serializers.DictField(child=serializers.IntegerField())


def _added(data: dict[str, Any]) -> list[Added]:
    return [Added(item["text"], item["tag"]) for item in data.get("added", [])]


@extend_schema_view(
    list=extend_schema(
        summary="Transcripten",
        description="De gepseudonimiseerde transcripten, zonder tekst.",
    ),
    retrieve=extend_schema(
        summary="Eén transcript",
        description="Met de gepseudonimiseerde tekst; elke keer vastgelegd in de auditlog.",
    ),
)
class TranscriptViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResearchViewSet):
    """Gepseudonimiseerde transcripten van gehouden gesprekken."""

    queryset = Transcript.objects.none()
    serializer_class = TranscriptDetailSerializer
    ordering = ["session__held_on", "id"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Transcript]:
        return Transcript.objects.filter(municipality=municipality).select_related("session")

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return TranscriptListSerializer
        return TranscriptDetailSerializer

    def _audit_fields(self) -> list[str]:
        return ["text"] if self.action == "retrieve" else super()._audit_fields()

    @extend_schema(
        summary="Vervangingen voorstellen",
        description=(
            "Namen uit de registratie en wat deduce herkent, zonder overlap, met vaste "
            "nummers per persoon ([PERSOON-1]). Er wordt niets bewaard."
        ),
        request=ProposeInputSerializer,
        responses={200: ProposeOutputSerializer},
    )
    @action(detail=False, methods=["post"])
    def propose(self, request: Request) -> Response:
        payload = ProposeInputSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        text = services.clean_text(data["text"])
        proposals, redacted = services.redaction_preview(
            session=data["session"], text=text, accepted=None, added=_added(data)
        )
        fields = ("id", "start", "end", "text", "tag", "number", "source")
        rows = [{**{f: getattr(p, f) for f in fields}, "label": p.label} for p in proposals]
        return Response(
            ProposeOutputSerializer(
                {"proposals": rows, "preview": redacted.text, "counts": redacted.counts}
            ).data
        )

    @extend_schema(
        summary="Transcript opslaan",
        description=(
            "Berekent de voorstellen opnieuw uit de tekst, vervangt de geaccepteerde en de "
            "toegevoegde teksten en bewaart alleen de gepseudonimiseerde tekst. Geweigerd "
            "(400) voor een gesprek dat niet gehouden is, al een transcript heeft, of zonder "
            "toestemming van een respondent."
        ),
        request=SaveInputSerializer,
        responses={201: TranscriptListSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = SaveInputSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        transcript = services.transcript_save(
            session=data["session"],
            actor=request_actor(request),
            text=data["text"],
            accepted=set(data["accepted"]),
            added=_added(data),
            source_name=data["source_name"],
        )
        fresh = self.get_queryset().get(pk=transcript.pk)
        return Response(TranscriptListSerializer(fresh).data, status=status.HTTP_201_CREATED)
