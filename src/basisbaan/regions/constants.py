"""Constants of regional cooperation: kinds of region, the version of the shared
definitions and the editable fields."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

# The version of the shared definitions (docs/region-esf.md). A municipality's
# shared figures carry the version they were computed with; the comparison shows
# only figures of the current version (older ones wait for the next refresh).
DEFINITION_VERSION: Final = "2026.1"
# The region's own small-number threshold when none is set.
DEFAULT_REGION_THRESHOLD: Final = 5
# Shared figures older than this many days show as outdated on the comparison.
STALE_AFTER_DAYS: Final = 35


class RegionKind(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("Arbeidsmarktregio")
    TABLE = "table", _("Samenwerkingstafel")
    OTHER = "other", _("Anders")


REGION_FIELDS: Final = ("name", "kind", "description", "threshold")
