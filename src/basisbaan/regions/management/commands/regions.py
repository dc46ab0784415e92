"""``basisbaan regions``: set up regions, share figures, refresh them, and print a
region's comparison (the same services and selectors as the pages)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.programmes.models import Programme
from basisbaan.regions import services
from basisbaan.regions.api.serializers import comparison_data
from basisbaan.regions.constants import RegionKind
from basisbaan.regions.export import comparison_csv
from basisbaan.regions.models import Region, Sharing
from basisbaan.regions.selectors import dangerously_region_comparison
from basisbaan.tenancy.models import Municipality, User


def _day(text: str | None) -> dt.date:
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text}") from None


class Command(BasisbaanCommand):
    help = (
        "Regional cooperation: create a region, add or remove a member municipality, grant "
        "or revoke a regional user's access, share a programme's figures or withdraw, "
        "refresh the shared figures, and print a region's comparison (CSV or JSON)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, help="What to do.")
        create = sub.add_parser("create", help="Create a region.")
        create.add_argument("slug")
        create.add_argument("name")
        create.add_argument(
            "--kind", choices=list(RegionKind.values), default=RegionKind.LABOUR_MARKET
        )
        create.add_argument("--threshold", type=int)
        for name in ("add-member", "remove-member"):
            p = sub.add_parser(
                name, help=f"{name.replace('-', ' ').capitalize()} (municipality slug)."
            )
            p.add_argument("region")
            p.add_argument("municipality")
        for name in ("grant", "revoke"):
            p = sub.add_parser(name, help=f"{name.capitalize()} a user's regional access.")
            p.add_argument("region")
            p.add_argument("username")
        share = sub.add_parser("share", help="Share a programme's figures with a region.")
        share.add_argument("region")
        share.add_argument("programme", type=int, help="Programme id.")
        share.add_argument("--as-of")
        withdraw = sub.add_parser("withdraw", help="Withdraw a programme's sharing with a region.")
        withdraw.add_argument("region")
        withdraw.add_argument("programme", type=int)
        refresh = sub.add_parser("refresh", help="Refresh the figures of every shared programme.")
        refresh.add_argument("--as-of")
        compare = sub.add_parser("compare", help="Print a region's comparison.")
        compare.add_argument("region")
        compare.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError(" ".join(messages)) from None

    def _region(self, slug: str) -> Region:
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            raise CommandError(f"No region {slug!r}.")
        return region

    def _municipality(self, slug: str) -> Municipality:
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            raise CommandError(f"No municipality {slug!r}.")
        return municipality

    def _programme(self, pk: int) -> Programme:
        programme = Programme.objects.select_related("municipality").filter(pk=pk).first()
        if programme is None:
            raise CommandError(f"No programme {pk}.")
        return programme

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user

    def _create(self, o: dict[str, Any]) -> None:
        region = services.region_create(
            actor=None, name=o["name"], slug=o["slug"], kind=o["kind"], threshold=o["threshold"]
        )
        self.stdout.write(f"Created region {region.slug}.")

    def _add_member(self, o: dict[str, Any]) -> None:
        services.region_add_member(
            actor=None,
            region=self._region(o["region"]),
            municipality=self._municipality(o["municipality"]),
        )
        self.stdout.write("Added.")

    def _remove_member(self, o: dict[str, Any]) -> None:
        services.region_remove_member(
            actor=None,
            region=self._region(o["region"]),
            municipality=self._municipality(o["municipality"]),
        )
        self.stdout.write("Removed.")

    def _grant(self, o: dict[str, Any]) -> None:
        services.region_grant_access(
            actor=None, region=self._region(o["region"]), user=self._user(o["username"])
        )
        self.stdout.write("Granted.")

    def _revoke(self, o: dict[str, Any]) -> None:
        services.region_revoke_access(
            actor=None, region=self._region(o["region"]), user=self._user(o["username"])
        )
        self.stdout.write("Revoked.")

    def _share(self, o: dict[str, Any]) -> None:
        programme = self._programme(o["programme"])
        services.sharing_start(
            actor=None,
            municipality=programme.municipality,
            programme=programme,
            region=self._region(o["region"]),
            as_of=_day(o["as_of"]),
        )
        self.stdout.write("Shared.")

    def _withdraw(self, o: dict[str, Any]) -> None:
        programme = self._programme(o["programme"])
        sharing = Sharing.objects.filter(
            programme=programme, region=self._region(o["region"]), withdrawn_at__isnull=True
        ).first()
        if sharing is None:
            raise CommandError("This programme does not share with that region.")
        services.sharing_withdraw(actor=None, municipality=programme.municipality, sharing=sharing)
        self.stdout.write("Withdrawn.")

    def _refresh(self, o: dict[str, Any]) -> None:
        rows = services.figures_refresh_shared(actor=None, as_of=_day(o["as_of"]))
        self.stdout.write(f"Refreshed {len(rows)} programme(s).")

    def _compare(self, o: dict[str, Any]) -> None:
        data = dangerously_region_comparison(
            region=self._region(o["region"]), today=timezone.localdate()
        )
        if o["format"] == "json":
            from basisbaan.regions.api.serializers import RegionComparisonSerializer

            payload = RegionComparisonSerializer(comparison_data(data)).data
            self.stdout.write(json.dumps(payload, indent=2, default=str, ensure_ascii=False))
        else:
            self.stdout.write(comparison_csv(data).lstrip("\ufeff"), ending="")
