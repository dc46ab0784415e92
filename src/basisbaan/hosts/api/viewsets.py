"""API of hosts, their contact persons and positions."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.exceptions import ValidationError

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.hosts.api.filters import HostContactFilter, HostFilter, PositionFilter
from basisbaan.hosts.api.serializers import (
    HostContactSerializer,
    HostSerializer,
    PositionSerializer,
)
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.hosts.selectors import host_contact_list, host_list, position_list
from basisbaan.hosts.services import (
    host_contact_create,
    host_contact_delete,
    host_create,
    host_update,
    position_create,
    position_update,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


@extend_schema_view(
    list=extend_schema(summary="Werkgevers van de gemeente"),
    retrieve=extend_schema(summary="Eén werkgever"),
    create=extend_schema(summary="Werkgever toevoegen"),
    update=extend_schema(summary="Werkgever wijzigen"),
    partial_update=extend_schema(summary="Werkgever deels wijzigen"),
)
class HostViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Werkgevers, inleners en wijkteams waar deelnemers werken."""

    audit_reads = False
    audit_reads_reason = "Hosts: employers (organisations); their contact persons are audited."

    queryset = Host.objects.none()
    serializer_class = HostSerializer
    filterset_class = HostFilter
    ordering_fields = ["name", "kind", "id"]
    # The selector orders explicitly (an annotated queryset may drop the model ordering).
    ordering = ["name", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.HOST_VIEW
    manage_permission = Perm.HOST_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Host]:
        return host_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[Host]) -> None:
        host = host_create(
            municipality=self.municipality,
            actor=request_actor(self.request),
            **serializer.validated_data,
        )
        serializer.instance = self.get_queryset().get(pk=host.pk)

    def perform_update(self, serializer: serializers.BaseSerializer[Host]) -> None:
        assert serializer.instance is not None
        host = host_update(
            host=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )
        serializer.instance = self.get_queryset().get(pk=host.pk)


@extend_schema_view(
    list=extend_schema(summary="Contactpersonen bij werkgevers"),
    retrieve=extend_schema(summary="Eén contactpersoon"),
    create=extend_schema(summary="Contactpersoon toevoegen"),
    destroy=extend_schema(summary="Contactpersoon verwijderen"),
)
class HostContactViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Contactpersonen bij een werkgever (begeleider op de werkvloer, HR)."""

    queryset = HostContact.objects.none()
    serializer_class = HostContactSerializer
    filterset_class = HostContactFilter
    ordering_fields = ["name", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.HOST_VIEW
    manage_permission = Perm.HOST_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HostContact]:
        return host_contact_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[HostContact]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = host_contact_create(
            host=data.pop("host"),
            actor=request_actor(self.request),
            **data,
        )

    def perform_destroy(self, instance: HostContact) -> None:
        host_contact_delete(contact=instance, actor=request_actor(self.request))


@extend_schema_view(
    list=extend_schema(summary="Werkplekken"),
    retrieve=extend_schema(summary="Eén werkplek"),
    create=extend_schema(summary="Werkplek toevoegen"),
    update=extend_schema(summary="Werkplek wijzigen"),
    partial_update=extend_schema(summary="Werkplek deels wijzigen"),
)
class PositionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Werkplekken van werkgevers: taken, uren, spoor en aantal plekken."""

    audit_reads = False
    audit_reads_reason = "Positions: jobs at a host, no personal data."

    queryset = Position.objects.none()
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    ordering_fields = ["title", "hours_per_week", "places", "id"]
    ordering = ["host__name", "title", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.HOST_VIEW
    manage_permission = Perm.HOST_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[Position]) -> None:
        data = dict(serializer.validated_data)
        position = position_create(
            municipality=self.municipality,
            actor=request_actor(self.request),
            host=data.pop("host"),
            **data,
        )
        serializer.instance = self.get_queryset().get(pk=position.pk)

    def perform_update(self, serializer: serializers.BaseSerializer[Position]) -> None:
        position = serializer.instance
        assert position is not None
        data = dict(serializer.validated_data)
        host = data.pop("host", None)
        if host is not None and host.pk != position.host_id:
            raise ValidationError(
                {"host": [_("De werkgever van een werkplek kan niet worden gewijzigd.")]}
            )
        position = position_update(
            position=position,
            actor=request_actor(self.request),
            data=data,
        )
        serializer.instance = self.get_queryset().get(pk=position.pk)
