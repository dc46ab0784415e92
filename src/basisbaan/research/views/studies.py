"""Pages of studies, respondents, consent and withdrawal, and sessions."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from basisbaan.research.selectors import study_list
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


class StudyListView(TenantViewMixin, TemplateView):
    permission = Perm.RESEARCH_VIEW
    template_name = "research/studies/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["studies"] = list(study_list(municipality=self.municipality))
        return context
