from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The overview page: a face over the domain apps, which none of them imports."""

    name = "basisbaan.dashboard"
    label = "dashboard"
    verbose_name = _("Overzicht")
