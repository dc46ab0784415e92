from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "basisbaan.tenancy"
    label = "tenancy"
    verbose_name = _("Gemeenten en gebruikers")

    def ready(self) -> None:
        # Sign-in auditing (every login path) from Django's and axes' signals.
        from basisbaan.tenancy import signals  # noqa: F401
