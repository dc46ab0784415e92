from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayrollConfig(AppConfig):
    name = "basisbaan.payroll"
    label = "payroll"
    verbose_name = _("Verloning")

    def ready(self) -> None:
        from basisbaan.payroll.jobs import register_jobs

        register_jobs()
