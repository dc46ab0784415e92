from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsConfig(AppConfig):
    name = "basisbaan.hosts"
    label = "hosts"
    verbose_name = _("Werkgevers en plekken")
