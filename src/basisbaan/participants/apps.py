from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "basisbaan.participants"
    label = "participants"
    verbose_name = _("Deelnemers")

    def ready(self) -> None:
        # The audit log page shows names and BSNs as this app's policy allows.
        from basisbaan.audit.display import register_viewer_policy
        from basisbaan.participants.privacy import policy_for

        register_viewer_policy(policy_for)
