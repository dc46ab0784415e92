"""``basisbaan create_api_token USERNAME``: make an API token and print it once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.core.tokens import revoke_all_tokens, token_create


class Command(BasisbaanCommand):
    help = (
        "Make a new API token for a user and print it (once: only a digest is stored); "
        "use it as 'Authorization: Token <token>'. It expires after API_TOKEN_TTL_DAYS "
        "days (or --days). --rotate ends the user's other tokens first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user's username.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="End every existing token of the user; they stop working at once.",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days the token works (1-366; default API_TOKEN_TTL_DAYS).",
        )

    def handle(
        self, *args: Any, username: str, rotate: bool, days: int | None, **options: Any
    ) -> None:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get(username=username)
        except user_model.DoesNotExist as exc:
            raise CommandError(f"Gebruiker '{username}' bestaat niet.") from exc
        if not user.is_active:
            raise CommandError(f"Gebruiker '{username}' is niet actief.")
        if days is not None and not 1 <= days <= 366:
            raise CommandError("--days moet tussen 1 en 366 liggen.")
        if rotate:
            revoke_all_tokens(actor=None, owner=user, reason="vervangen (--rotate)")
        token = token_create(actor=None, owner=user, days=days)
        self.stdout.write(token.secret)
