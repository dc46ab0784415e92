from __future__ import annotations

from typing import Final

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


# A host's editable fields (service, form, API).
HOST_FIELDS: Final = (
    "name",
    "kind",
    "kvk_number",
    "street",
    "postcode",
    "city",
    "notes",
    "active",
)

# A host contact's editable fields.
HOST_CONTACT_FIELDS: Final = (
    "name",
    "role",
    "email",
    "phone",
)

# A position's editable fields.
POSITION_FIELDS: Final = (
    "title",
    "tasks",
    "hours_per_week",
    "track",
    "places",
    "is_open",
)
