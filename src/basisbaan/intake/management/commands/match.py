"""``basisbaan match --municipality SLUG (--position ID | --participant ID)``: ranked matches.

Candidates from the waiting list for a position, or open positions for a
participant, with the score and the reasons in words; ``--format json`` prints
the same rows as the API. Names are personal data: they show as the personal-data
policy of the ``--user`` given allows (without one: the operator on the server,
who sees names), and the read is audited (as that user, or "systeem").
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.audit.services import audit_list_access
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.hosts.selectors import position_list
from basisbaan.intake.matching import candidates_for_position, positions_for_participant
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import Disclosure, PersonalDataPolicy, policy_for_membership
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

USAGE_ERROR = 2


class Command(BasisbaanCommand):
    help = (
        "Ranked matches: candidates from the waiting list for a position, or open positions "
        "for a participant, with the score and the reasons in words."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", required=True, help="Short name (slug) of the municipality."
        )
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--position", type=int, help="Id of a position: its candidates.")
        target.add_argument(
            "--participant", type=int, help="Id of a participant: positions for them."
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=10,
            choices=range(1, 201),
            metavar="N",
            help="At most N matches, 1 to 200 (default 10).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Text for people (default) or JSON, the rows of the API.",
        )
        parser.add_argument(
            "--user", help="Username for the audit log (needs the right intake.view)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(
                f"Onbekende gemeente: {options['municipality']}", returncode=USAGE_ERROR
            )
        actor, privacy = self._actor(options.get("user"), municipality)
        limit = options["limit"]
        if options["position"] is not None:
            position = (
                position_list(municipality=municipality).filter(pk=options["position"]).first()
            )
            if position is None:
                raise CommandError("Onbekende werkplek in deze gemeente.", returncode=USAGE_ERROR)
            rows, _excluded = candidates_for_position(
                municipality=municipality, position=position, limit=limit
            )
        else:
            participant = (
                participant_list(municipality=municipality)
                .filter(pk=options["participant"])
                .first()
            )
            if participant is None:
                raise CommandError("Onbekende deelnemer in deze gemeente.", returncode=USAGE_ERROR)
            rows = positions_for_participant(
                municipality=municipality, participant=participant, limit=limit
            )
        shown = privacy.shown_fields(["first_name", "name_prefix", "last_name", "profile"])
        if shown:
            audit_list_access(
                actor=actor,
                municipality=municipality,
                model=Participant,
                ids=sorted({r.participant.pk for r in rows}),
                fields=shown,
                channel="cli",
            )
        if options["format"] == "json":
            self.stdout.write(json.dumps([r.as_json() for r in rows], ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("Geen match die aan de harde eisen voldoet.")
        for number, row in enumerate(rows, start=1):
            self.stdout.write(
                f"{number}. {privacy.name(row.participant)} – {row.position.title} "
                f"({row.position.host.name}): score {row.match.score} van 100"
            )
            for line in row.lines:
                self.stdout.write(f"   - {line['text']}")

    def _actor(
        self, username: str | None, municipality: Municipality
    ) -> tuple[User | None, PersonalDataPolicy]:
        if not username:
            return None, PersonalDataPolicy(Disclosure.FULL)
        membership = (
            Membership.objects.filter(user__username=username, municipality=municipality)
            .select_related("user")
            .first()
        )
        if membership is None or not has_perm(membership.role, Perm.INTAKE_VIEW):
            raise CommandError(
                f"Gebruiker {username} mag in {municipality.name} geen matches zien.",
                returncode=USAGE_ERROR,
            )
        return membership.user, policy_for_membership(membership)
