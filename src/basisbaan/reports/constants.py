"""Council reports: states, the sections of the letter and the fields a text may use."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# The largest text of one section (characters): a long section, never a book.
MAX_SECTION_TEXT = 20_000


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    FINAL = "final", _("Definitief")
    SUPERSEDED = "superseded", _("Vervangen")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF (toegankelijk, PDF/UA)")
    PDFA = "pdfa", _("PDF/A (archief)")
    DOCX = "docx", _("Word (DOCX)")
    HTML = "html", _("Webpagina (HTML)")


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the letter: its heading, the generated blocks under its text."""

    key: str
    title: str | Promise
    blocks: tuple[str, ...] = ()


# The structure of Leeuwarden's raadsinformatiebrief (shared/seed), in its order.
SECTIONS: tuple[Section, ...] = (
    Section("opening", _("Inleiding")),
    Section("background", _("Achtergrond en context")),
    Section("region", _("Regionale samenwerking")),
    Section("state", _("Stand van zaken"), ("key_figures", "tracks")),
    Section("work", _("Werk"), ("contracts", "guidance", "outcomes")),
    Section("finances", _("Financiën (uitnutting en prognose)"), ("finances",)),
    Section("forecasts", _("Prognoses"), ("forecast",)),
    Section("research", _("De opzet en uitvoering van het onderzoek"), ("research",)),
    Section("next", _("Vervolg")),
    Section("closing", _("Afsluiting")),
)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
SECTION_BY_KEY = {section.key: section for section in SECTIONS}
