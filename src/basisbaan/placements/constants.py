from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    ACTIVE = "active", _("Lopend")
    ENDED = "ended", _("Beëindigd")
