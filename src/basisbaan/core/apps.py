from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "basisbaan.core"
    label = "core"
    verbose_name = "Basisbaan"

    def ready(self) -> None:
        # The receivers that shape django-structlog's request lines.
        from basisbaan.core import (
            logs,  # noqa: F401
            versions,
        )

        # Cached forecasts follow the data's versions (core/versions.py).
        versions.connect()
