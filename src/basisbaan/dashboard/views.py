"""The dashboard: the municipality's key figures, read through :mod:`.selectors`."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from basisbaan.dashboard.selectors import dashboard_counts
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


class DashboardView(TenantViewMixin, TemplateView):
    permission = Perm.PARTICIPANT_VIEW
    template_name = "dashboard/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(dashboard_counts(self.municipality))
        return context
