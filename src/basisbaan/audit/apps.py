from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "basisbaan.audit"
    label = "audit"
    verbose_name = _("Auditlog")

    def ready(self) -> None:
        from basisbaan.audit import checks  # noqa: F401 - registers the system check
