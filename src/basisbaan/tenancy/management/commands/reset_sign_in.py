"""``basisbaan reset_sign_in USER``: a lost phone or a lockout, lifted (audited)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.tenancy.models import User
from basisbaan.tenancy.two_factor import sign_in_reset


class Command(BasisbaanCommand):
    help = (
        "Remove a user's authenticator app and recovery codes and lift a lockout: the "
        "next sign-in sets up a new app. For a lost phone; audited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The user's user name.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Gebruiker '{options['username']}' bestaat niet.")
        devices, failures = sign_in_reset(user=user)
        self.stdout.write(
            f"{user.username}: {devices} tweede-factorapparaten verwijderd, {failures} "
            "registraties van mislukte pogingen gewist. Bij de volgende keer inloggen stelt de gebruiker "
            "een nieuwe app in."
        )
