from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "basisbaan.guidance"
    verbose_name = _("Begeleiding")

    def ready(self) -> None:
        from basisbaan.guidance.jobs import register_jobs

        register_jobs()
