"""API serializers of council reports: the versions, their texts, their published
figures (tables of cells, as frozen) and the comparison with the previous version.

A figure is shown as the report publishes it: a suppressed count has ``value``
null and the text ‘minder dan 5’ or ‘afgeschermd’.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.core.api.filters import EMPTY
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.reports.constants import MAX_SECTION_TEXT, SECTIONS, ReportFormat, ReportStatus
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import TextWarnings, filled_texts, published_figures

__all__ = [
    "ReportCompareSerializer",
    "CouncilReportCreateSerializer",
    "CouncilReportDetailSerializer",
    "CouncilReportEditedSerializer",
    "CouncilReportListSerializer",
    "CouncilReportUpdateSerializer",
    "DownloadQuerySerializer",
]

UNKNOWN_SECTIONS = _("Onbekende onderdelen: %(keys)s.")
TEXT_HELP = "De tekst van het onderdeel ‘%s’. Velden als {aantal_deelnemers} worden ingevuld."


# -- texts --------------------------------------------------------------------------------


class ReportTextsSerializer(serializers.Serializer[Any]):
    """One text per section of the letter; on input every section is optional (a
    missing one keeps its text) and an unknown one is refused."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            section.key: serializers.CharField(
                required=False,
                allow_blank=True,
                max_length=MAX_SECTION_TEXT,
                help_text=TEXT_HELP % section.title,
            )
            for section in SECTIONS
        }

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(str(key) for key in set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {"non_field_errors": [UNKNOWN_SECTIONS % {"keys": ", ".join(unknown)}]}
                )
        return super().to_internal_value(data)


# -- figures ------------------------------------------------------------------------------


class ReportCellSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(help_text="Wat het rapport toont, bijvoorbeeld ‘minder dan 5’.")
    value = serializers.CharField(
        allow_null=True,
        help_text="Het getal als decimale tekst (een aantal, uren, euro's); null als het is "
        "afgeschermd of als de cel woorden bevat.",
    )
    status = serializers.CharField(
        help_text="published (getoond), primary (onder de drempel), secondary (afgeschermd "
        "omdat het een klein aantal zou verraden) of text (woorden, geen getal)."
    )


class ReportRowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    definition = serializers.CharField(allow_blank=True, help_text="Hoe het cijfer is bepaald.")
    cells = ReportCellSerializer(many=True, help_text="Eén cel per kolom.")


class ReportTableSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = ReportRowSerializer(many=True)
    note = serializers.CharField(allow_blank=True)


class ReportBlockSerializer(serializers.Serializer[Any]):
    title = serializers.CharField()
    tables = ReportTableSerializer(many=True)


class ReportFiguresSerializer(serializers.Serializer[Any]):
    as_of = serializers.DateField(help_text="De peildatum van de cijfers.")
    period_start = serializers.DateField(help_text="Het begin van de periode.")
    threshold = serializers.IntegerField(help_text="De drempel voor kleine aantallen.")
    columns = serializers.ListField(
        child=serializers.CharField(), help_text="De kolommen van de tabellen per spoor."
    )
    blocks = serializers.DictField(
        child=ReportBlockSerializer(),
        help_text="De gegenereerde blokken: key_figures, tracks, contracts, guidance, "
        "outcomes, finances en forecast.",
    )
    facts = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="De waarden van de velden die een tekst mag gebruiken, zoals getoond.",
    )


# -- the report ---------------------------------------------------------------------------


class CouncilReportListSerializer(serializers.ModelSerializer[CouncilReport]):
    programme = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[var-annotated]
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    status = serializers.ChoiceField(
        choices=ReportStatus.choices,
        read_only=True,
        help_text="draft (concept, cijfers van vandaag), final (definitief, bevroren) of "
        "superseded (vervangen door een nieuwere versie).",
    )
    previous = serializers.PrimaryKeyRelatedField(  # type: ignore[var-annotated]
        read_only=True, allow_null=True, help_text="De versie die deze vervangt."
    )
    next_version = serializers.SerializerMethodField(
        help_text="De versie die deze vervangt of gaat vervangen; null als die er niet is."
    )
    content_hash = serializers.CharField(
        read_only=True,
        help_text="SHA-256 van de bevroren inhoud (64 hextekens); leeg bij een concept.",
    )

    class Meta:
        model = CouncilReport
        fields = [
            "id",
            "programme",
            "programme_name",
            "title",
            "as_of",
            "period_start",
            "period_end",
            "number",
            "status",
            "previous",
            "next_version",
            "content_hash",
            "finalised_at",
            "finalised_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_next_version(self, report: CouncilReport) -> int | None:
        following = getattr(report, "next_version", None)
        return following.pk if following is not None else None


class CouncilReportDetailSerializer(CouncilReportListSerializer):
    """One version with its texts and its figures: frozen for a final one, computed
    now (and not stored) for a draft."""

    texts = ReportTextsSerializer(
        read_only=True, help_text="De teksten zoals geschreven, met de velden."
    )
    filled_texts = serializers.SerializerMethodField(
        help_text="De teksten met de velden ingevuld, zoals het rapport ze toont."
    )
    figures = serializers.SerializerMethodField(
        help_text="De cijfers zoals het rapport ze publiceert: bevroren bij een definitieve "
        "versie, van nu bij een concept."
    )

    class Meta(CouncilReportListSerializer.Meta):
        fields = [*CouncilReportListSerializer.Meta.fields, "texts", "filled_texts", "figures"]
        read_only_fields = fields

    def _figures(self, report: CouncilReport) -> dict[str, Any]:
        # One computation of a draft's figures for both fields.
        shown: dict[int, dict[str, Any]] = self.__dict__.setdefault("_shown", {})
        if report.pk not in shown:
            shown[report.pk] = published_figures(report)
        return shown[report.pk]

    @extend_schema_field(ReportFiguresSerializer)
    def get_figures(self, report: CouncilReport) -> dict[str, Any]:
        return ReportFiguresSerializer(self._figures(report)).data

    @extend_schema_field(ReportTextsSerializer)
    def get_filled_texts(self, report: CouncilReport) -> dict[str, Any]:
        return ReportTextsSerializer(filled_texts(report, self._figures(report))).data


class ReportWarningsSerializer(serializers.Serializer[Any]):
    names = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per onderdeel de namen van deelnemers die in de tekst staan. Een "
        "raadsbrief noemt geen deelnemers: haal ze weg voor u de versie definitief maakt.",
    )
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per onderdeel de velden ({veld}) die niet bestaan; ze blijven staan zoals "
        "geschreven.",
    )


class CouncilReportEditedSerializer(CouncilReportDetailSerializer):
    """The answer to a write of a draft: the version and what to look at in its texts
    (``context["warnings"]``, a :class:`~basisbaan.reports.services.TextWarnings`)."""

    warnings = serializers.SerializerMethodField(
        help_text="Waarschuwingen bij de teksten; geen weigering."
    )

    class Meta(CouncilReportDetailSerializer.Meta):
        fields = [*CouncilReportDetailSerializer.Meta.fields, "warnings"]
        read_only_fields = fields

    @extend_schema_field(ReportWarningsSerializer)
    def get_warnings(self, report: CouncilReport) -> dict[str, Any]:
        warnings: TextWarnings = self.context["warnings"]
        return {"names": warnings.names, "fields": warnings.fields}


class CouncilReportCreateSerializer(serializers.Serializer[Any]):
    programme = ScopedPrimaryKeyRelatedField(
        selector=programme_list, queryset=Programme.objects.all(), help_text="Het programma."
    )
    title = serializers.CharField(max_length=200, help_text="De titel van de brief.")
    as_of = DateField(help_text="De peildatum: in de periode, niet na vandaag.")
    period_start = DateField(help_text="Het begin van de periode waarover de brief gaat.")
    period_end = DateField(help_text="Het einde van de periode (tot en met).")
    texts = ReportTextsSerializer(
        required=False,
        help_text="Weggelaten: de teksten van de laatste brief van het programma, of de "
        "standaardopzet.",
    )


class CouncilReportUpdateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=200, required=False)
    as_of = DateField(required=False)
    period_start = DateField(required=False)
    period_end = DateField(required=False)
    texts = ReportTextsSerializer(
        required=False, help_text="Alleen de onderdelen die u meestuurt, veranderen."
    )


# -- download and comparison --------------------------------------------------------------


class DownloadQuerySerializer(serializers.Serializer[Any]):
    format = serializers.ChoiceField(
        choices=ReportFormat.choices,
        required=False,
        default=ReportFormat.PDF,
        help_text="pdf (toegankelijk, PDF/UA), pdfa (archief, PDF/A), docx (Word) of html; "
        "standaard pdf.",
    )

    def validate(self, attrs: Any) -> Any:
        # A query leaves an optional parameter out; DRF would read "?format=" as absent.
        if self.initial_data.get("format") == "":
            raise serializers.ValidationError({"format": [str(EMPTY)]})
        return attrs


class ReportTextPartSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text="same (gelijk), removed (weg) of added (nieuw).")
    words = serializers.CharField()


class ReportTextChangeSerializer(serializers.Serializer[Any]):
    section = serializers.CharField(help_text="De sleutel van het onderdeel.")
    title = serializers.CharField()
    parts = ReportTextPartSerializer(many=True)


class ReportFigureChangeSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="blok/tabel/rij/kolom.")
    label = serializers.CharField()  # type: ignore[assignment]
    before = serializers.CharField(
        help_text="Zoals de vorige versie het toonde; — als het er niet was."
    )
    after = serializers.CharField(
        help_text="Zoals deze versie het toont; — als het er niet meer is."
    )


class ReportCompareSerializer(serializers.Serializer[Any]):
    report = serializers.IntegerField(help_text="Deze versie.")
    previous = serializers.IntegerField(
        allow_null=True, help_text="De vorige versie; null bij de eerste (dan is er niets)."
    )
    texts = ReportTextChangeSerializer(
        many=True, help_text="De onderdelen waarvan de tekst veranderde."
    )
    figures = ReportFigureChangeSerializer(
        many=True, help_text="De cijfers die anders getoond worden."
    )
