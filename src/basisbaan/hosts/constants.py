from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HostKind(models.TextChoices):
    EMPLOYER = "employer", _("Reguliere werkgever")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Wijkteam")
    SOCIAL_ORGANISATION = "social_organisation", _("Maatschappelijke organisatie")


class Track(models.TextChoices):
    """The two tracks of the pilot: moving on to regular work, or social value."""

    TRANSITION = "transition", _("Doorstroom naar regulier werk")
    SOCIAL_VALUE = "social_value", _("Maatschappelijke waarde")
