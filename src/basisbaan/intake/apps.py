from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "basisbaan.intake"
    label = "intake"
    verbose_name = _("Intake en matching")

    def ready(self) -> None:
        from basisbaan.intake.services import proposals_follow_intake
        from basisbaan.programmes.intake_listeners import register_intake_listener

        register_intake_listener(proposals_follow_intake)
