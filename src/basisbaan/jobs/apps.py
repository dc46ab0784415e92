from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "basisbaan.jobs"
    label = "jobs"
    verbose_name = _("Achtergrondtaken")

    def ready(self) -> None:
        # django-rq and django-tasks-db bring admin pages of their queues (each
        # task's arguments and tracebacks, with buttons to run or delete them);
        # the admin here is read-only and for the domain data, and the queue is
        # seen through the jobs (the job pages, /api/v1/jobs/, the worker's log).
        from django_rq.models import Dashboard
        from django_tasks_db.models import DBTaskResult

        from django.contrib import admin

        for model in (Dashboard, DBTaskResult):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
