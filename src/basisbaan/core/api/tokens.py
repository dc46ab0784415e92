"""``/api/v1/tokens/``: a user's own API tokens, listed, made and ended.

Not a tenant viewset: a token belongs to a person, not to a municipality.
Anyone signed in sees and ends only their own tokens. A new token is made only
from a browser session (signed in with the second factor), never with a
token: a leaked token cannot make itself a successor that outlives it.
"""

from __future__ import annotations

from typing import Any

from knox.models import AuthToken

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.throttling import ThrottleFirstMixin
from basisbaan.core.tokens import revoke_token, token_create, token_list


class TokenSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = AuthToken
        fields = ["token_key", "created", "expiry"]
        read_only_fields = fields


class NewTokenSerializer(serializers.Serializer):  # type: ignore[type-arg]
    days = serializers.IntegerField(
        min_value=1,
        max_value=366,
        required=False,
        help_text="Dagen dat het token werkt; standaard API_TOKEN_TTL_DAYS.",
    )


class NewTokenResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    token_key = serializers.CharField()
    token = serializers.CharField(help_text="Het token zelf: alleen nu te zien.")
    expiry = serializers.DateTimeField(allow_null=True)


class SessionOnlyForCreate(permissions.BasePermission):
    """Making a token needs a browser session, not a token."""

    message = _("Een nieuw API-token maakt u na inloggen in de browser, niet met een token.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if getattr(view, "action", None) == "create":
            return not isinstance(request.auth, AuthToken)
        return True


@extend_schema_view(
    list=extend_schema(summary="Eigen API-tokens", description="Zonder het token zelf."),
    create=extend_schema(
        summary="Nieuw API-token",
        description="Alleen vanuit een browsersessie. Het token staat één keer in het antwoord.",
        request=NewTokenSerializer,
        responses={201: NewTokenResponseSerializer},
    ),
    destroy=extend_schema(summary="API-token intrekken"),
)
class TokenViewSet(
    ThrottleFirstMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    permission_classes = [permissions.IsAuthenticated, SessionOnlyForCreate]
    serializer_class = TokenSerializer
    lookup_field = "token_key"
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if not self.request.user.is_authenticated:
            return AuthToken.objects.none()
        return token_list(request_actor(self.request))

    def get_object(self) -> AuthToken:
        # Another user's token answers 404, exactly like a token that does not exist.
        return get_object_or_404(self.get_queryset(), token_key=self.kwargs["token_key"])

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = NewTokenSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = request_actor(request)
        token = token_create(actor=user, owner=user, days=form.validated_data.get("days"))
        body = {"token_key": token.token_key, "token": token.secret, "expiry": token.expiry}
        return Response(NewTokenResponseSerializer(body).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: AuthToken) -> None:
        revoke_token(actor=request_actor(self.request), token=instance)
