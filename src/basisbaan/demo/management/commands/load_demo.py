"""``basisbaan load_demo``: the Leeuwarden pilot and a small Emmen programme, for trying out."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum

from basisbaan.core.money import format_euro
from basisbaan.demo.data import DEMO_PASSWORD, USERS
from basisbaan.demo.loader import (
    DemoConflictError,
    audit_entry_count,
    demo_is_loaded,
    load_demo,
)
from basisbaan.payroll.models import PayrollEntry
from basisbaan.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Load the demo data: the Leeuwarden basisbaan pilot as the 2025 council letter "
        "describes it, and a small programme in Emmen. Refused in production; a second "
        "run changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "De demogegevens worden niet geladen in een productieomgeving "
                "(BASISBAAN_ENV=production): ze hebben het wachtwoord 'demo'."
            )
        if demo_is_loaded():
            self.stdout.write(
                "De demo is al geladen (gemeente Leeuwarden bestaat): niets gewijzigd."
            )
            return
        audit_before = audit_entry_count()
        try:
            summaries = load_demo()
        except DemoConflictError as exc:
            raise CommandError(str(exc)) from exc

        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        for s in summaries:
            intake = "instroom open" if s.intake_open else "instroom gesloten"
            self.stdout.write(
                f"  {s.name}: {s.programme} ({intake}); {s.hosts} werkgevers, "
                f"{s.participants} deelnemers, waarvan {s.placed} geplaatst; "
                f"{s.contracts} contracten, waarvan {s.with_wage_subsidy} met loonkostensubsidie."
            )
        payroll = PayrollEntry.objects.aggregate(rows=Count("id"), total=Sum("total"))
        if payroll["rows"]:
            self.stdout.write(
                f"  Verloning (loonbestanden 2024): {payroll['rows']} regels, "
                f"totaal {format_euro(payroll['total'])}."
            )
        self.stdout.write(
            f"  Alles via de services: {audit_entry_count() - audit_before} auditregels "
            "(gebruiker 'systeem')."
        )
        self.stdout.write("")
        self.stdout.write(f"Inloggen (wachtwoord voor iedereen: {DEMO_PASSWORD}):")
        names = dict(Municipality.objects.values_list("slug", "name"))
        self.stdout.write(f"  {'gebruiker':<18} {'rol':<24} gemeente")
        for user in USERS:
            self.stdout.write(
                f"  {user.username:<18} {user.role.label!s:<24} {names[user.municipality]}"
            )
