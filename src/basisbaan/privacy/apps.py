from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "basisbaan.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from basisbaan.privacy.jobs import register_jobs

        register_jobs()
