from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "basisbaan.core"
    label = "core"
    verbose_name = "Basisbaan"
