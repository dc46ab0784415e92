from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "basisbaan.budgets"
    label = "budgets"
    verbose_name = _("Budgetten")

    def ready(self) -> None:
        # A closed budget year locks its payroll; payroll, below budgets, asks
        # through this interface instead of importing budgets.
        from basisbaan.budgets.selectors import closed_years_by_participant
        from basisbaan.payroll.locks import register_lock

        register_lock(closed_years_by_participant)

        from basisbaan.budgets.jobs import register_jobs

        register_jobs()
