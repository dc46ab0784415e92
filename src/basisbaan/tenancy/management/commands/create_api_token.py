"""``basisbaan create_api_token USERNAME``: print the user's API token."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from basisbaan.core.management.base import BasisbaanCommand


class Command(BasisbaanCommand):
    help = (
        "Print the API token of a user (made when missing); use it as "
        "'Authorization: Token <key>'. --rotate replaces an existing token."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user's username.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the existing token by a new one; the old one stops working.",
        )

    def handle(self, *args: Any, username: str, rotate: bool, **options: Any) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(username=username)
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Gebruiker '{username}' bestaat niet.") from exc
        if not user.is_active:
            raise CommandError(f"Gebruiker '{username}' is niet actief.")
        with transaction.atomic():
            if rotate:
                Token.objects.filter(user=user).delete()
            token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
