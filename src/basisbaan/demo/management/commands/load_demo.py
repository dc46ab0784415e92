"""``basisbaan load_demo``: the Leeuwarden pilot and a small Emmen programme, for trying out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

from basisbaan.core.formatting import month_text
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.core.money import format_euro
from basisbaan.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TOTP_USER, USERS
from basisbaan.demo.loader import (
    DemoConflictError,
    audit_entry_count,
    demo_is_loaded,
    load_demo,
)
from basisbaan.demo.story import DemoDateError, as_of_argument
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.reports.models import CouncilReport
from basisbaan.tenancy.models import Municipality


class Command(BasisbaanCommand):
    help = (
        "Load the demo data: the Leeuwarden basisbaan pilot as the 2025 council letter "
        "describes it, then month by month up to the chosen day (payroll, hours, feedback "
        "sessions, signals, renewals); plus a small programme in Emmen. Refused in "
        "production; a second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            type=as_of_argument,
            default=None,
            metavar="DATE",
            help="The day the demo shows as today (2025-06-30 or 30-06-2025): not before "
            "30-06-2025 (the situation of the letter) and not after today. Default: today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "De demogegevens worden niet geladen in een productieomgeving "
                "(BASISBAAN_ENV=production): ze hebben het wachtwoord 'demo'."
            )
        today = timezone.localdate()
        as_of: dt.date = options["as_of"] or today
        if as_of > today:
            raise CommandError(
                f"--as-of {as_of:%d-%m-%Y} ligt na vandaag ({today:%d-%m-%Y}): de demo loopt niet "
                "vooruit op verloning, uren en sessies die er nog niet zijn."
            )
        if demo_is_loaded():
            self.stdout.write(
                "De demo is al geladen (gemeente Leeuwarden bestaat): niets gewijzigd."
            )
            return
        audit_before = audit_entry_count()
        try:
            summaries = load_demo(as_of=as_of)
        except (DemoConflictError, DemoDateError) as exc:
            raise CommandError(str(exc)) from exc

        self.stdout.write(self.style.SUCCESS(f"Demogegevens geladen, stand van {as_of:%d-%m-%Y}."))
        for s in summaries:
            intake = "instroom open" if s.intake_open else "instroom gesloten"
            self.stdout.write(
                f"  {s.name}: {s.programme} ({intake}); {s.hosts} werkgevers, "
                f"{s.participants} deelnemers, waarvan {s.placed} geplaatst; "
                f"{s.contracts} contracten, waarvan {s.with_wage_subsidy} met loonkostensubsidie."
            )
        self._payroll()
        self._reports()
        self.stdout.write(
            f"  Leeuwarden en Emmen via de services: {audit_entry_count() - audit_before} "
            "auditregels (gebruiker 'systeem'); Groningen in bulk, zonder auditregels."
        )
        self.stdout.write("")
        self.stdout.write(f"Inloggen (wachtwoord voor iedereen: {DEMO_PASSWORD}):")
        names = dict(Municipality.objects.values_list("slug", "name"))
        self.stdout.write(f"  {'gebruiker':<18} {'rol':<32} gemeente")
        for user in USERS:
            role = f"{user.role.label}" + (" + landelijk beheer" if user.national_admin else "")
            self.stdout.write(f"  {user.username:<18} {role:<32} {names[user.municipality]}")
        self.stdout.write(
            f"  {DEMO_TOTP_USER} logt in met wachtwoord én een code (tweede factor): zet in een "
            f"authenticator-app de geheime sleutel {DEMO_TOTP_SECRET}."
        )

    def _reports(self) -> None:
        for report in CouncilReport.objects.order_by("as_of", "number"):
            self.stdout.write(
                f"  Raadsrapportage '{report.title}' per {report.as_of:%d-%m-%Y}: "
                f"{'concept' if report.is_draft else 'definitief'}."
            )

    def _payroll(self) -> None:
        payroll = PayrollEntry.objects.aggregate(
            rows=Count("id"), total=Sum("total"), first=Min("period"), last=Max("period")
        )
        if payroll["rows"]:
            files = PayrollImport.objects.filter(status=ImportStatus.IMPORTED).count()
            self.stdout.write(
                f"  Verloning {month_text(payroll['first'])} t/m {month_text(payroll['last'])}: "
                f"{files} loonbestanden, {payroll['rows']} regels, "
                f"totaal {format_euro(payroll['total'])}."
            )
