from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "basisbaan.regions"
    label = "regions"
    verbose_name = _("Regionale samenwerking")

    def ready(self) -> None:
        from basisbaan.regions.jobs import register_jobs

        register_jobs()
