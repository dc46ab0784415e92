from __future__ import annotations

import django_filters

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.programmes.models import Programme


class ProgrammeFilter(TenantFilterSet):
    intake_open = django_filters.BooleanFilter(help_text="Alleen programma's met open instroom.")

    class Meta:
        model = Programme
        fields = ["intake_open"]
