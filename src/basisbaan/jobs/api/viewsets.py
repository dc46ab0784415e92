"""``/api/v1/jobs/``: the background jobs the caller started.

Long work posted to the API (a payroll file, for one) answers ``202 Accepted``
with a job and a ``Location`` to poll here until ``status`` is ``done`` (the
``result`` is then the work's answer) or ``failed`` (``message`` says why).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.response import Response

from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.jobs.api.serializers import JobSerializer
from basisbaan.jobs.models import Job
from basisbaan.jobs.selectors import job_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm

NOTE = (
    "Werk dat op de achtergrond loopt, zoals het inlezen van een loonbestand. Vraag de taak "
    "op (bijvoorbeeld elke seconde) tot status done of failed is. U ziet alleen de taken "
    "die u zelf startte."
)


@extend_schema_view(
    list=extend_schema(summary="Mijn achtergrondtaken", description=NOTE),
    retrieve=extend_schema(
        summary="Eén achtergrondtaak, met voortgang en resultaat", description=NOTE
    ),
)
class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    queryset = Job.objects.none()
    serializer_class = JobSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.PROGRAMME_VIEW
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Job]:
        user = self.request.user
        if not isinstance(user, User):
            return Job.objects.none()
        return job_list(municipality=municipality, user=user)


def accepted(job: Job, request: Any) -> Response:
    """``202 Accepted`` with the job and a ``Location`` to poll."""
    data = JobSerializer(job, context={"request": request}).data
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})
