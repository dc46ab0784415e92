"""The writes of regional cooperation: sharing and withdrawing (with the audit
entries and what the comparison then shows), members, regional access, and the
shared figures of a small programme computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.regions import services
from basisbaan.regions.constants import DEFINITION_VERSION
from basisbaan.regions.models import RegionalAccess, RegionMember, SharedFigures, Sharing
from basisbaan.regions.selectors import dangerously_region_comparison, region_list_visible
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ProgrammeFactory
from tests.regions.conftest import TODAY, make_region, make_regional_user, set_figures
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def entries(model: type, action: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=model._meta.label_lower, action=action).order_by("pk")
    )


def _types() -> set[str]:
    return {
        Sharing._meta.label_lower,
        SharedFigures._meta.label_lower,
        RegionMember._meta.label_lower,
    }


@pytest.fixture
def region(municipality, other_municipality):
    return make_region("noord", "Arbeidsmarkttafel Noord", municipality, other_municipality)


# -- sharing ---------------------------------------------------------------------------


def test_sharing_starts_with_an_audit_entry_and_computes_the_figures(
    municipality, region, programme, manager
):
    sharing = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )

    assert (sharing.active, sharing.shared_by, sharing.municipality) == (
        True,
        manager,
        municipality,
    )
    [created] = entries(Sharing, AuditAction.CREATE)
    assert (created.object_id, created.actor, created.municipality) == (
        str(sharing.pk),
        manager,
        municipality,
    )
    figures = SharedFigures.objects.get(programme=programme)
    assert (figures.version, figures.as_of, figures.municipality) == (
        DEFINITION_VERSION,
        TODAY,
        municipality,
    )
    assert len(entries(SharedFigures, AuditAction.CREATE)) == 1
    # The region's comparison shows the municipality at once.
    data = dangerously_region_comparison(region=region, today=TODAY)
    assert [c.name for c in data.columns] == ["Leeuwarden"]
    assert data.columns[0].programmes == ("Basisbanen Leeuwarden",)
    assert data.not_sharing == ["Emmen"]


def test_sharing_is_refused_when_the_municipality_is_no_member(municipality, programme, manager):
    elsewhere = make_region("zuid", "Regio Zuid")

    with pytest.raises(PermissionDenied) as error, unchanged(programme, elsewhere, tables=True):
        services.sharing_start(
            actor=manager,
            municipality=municipality,
            programme=programme,
            region=elsewhere,
            as_of=TODAY,
        )

    assert str(error.value) == "Leeuwarden is geen lid van Regio Zuid."


def test_sharing_twice_is_refused(municipality, region, programme, manager):
    first = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )

    with pytest.raises(ValidationError) as error, unchanged(first, programme, tables=True):
        services.sharing_start(
            actor=manager,
            municipality=municipality,
            programme=programme,
            region=region,
            as_of=TODAY,
        )

    assert error.value.messages == [
        "Basisbanen Leeuwarden wordt al gedeeld met Arbeidsmarkttafel Noord."
    ]


def test_another_municipalitys_programme_cannot_be_shared(
    municipality, region, other_programme, manager
):
    with pytest.raises(ValidationError), unchanged(other_programme, tables=True):
        services.sharing_start(
            actor=manager,
            municipality=municipality,
            programme=other_programme,
            region=region,
            as_of=TODAY,
        )


def test_withdrawing_is_audited_and_the_comparison_drops_the_municipality(
    municipality, other_municipality, region, programme, other_programme, manager
):
    mine = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )
    services.sharing_start(
        actor=None,
        municipality=other_municipality,
        programme=other_programme,
        region=region,
        as_of=TODAY,
    )

    services.sharing_withdraw(actor=manager, municipality=municipality, sharing=mine)

    mine.refresh_from_db()
    assert mine.withdrawn_by == manager and mine.withdrawn_at is not None
    [update] = entries(Sharing, AuditAction.UPDATE)
    assert update.object_id == str(mine.pk)
    assert set(update.changes) >= {"withdrawn_at", "withdrawn_by"}
    data = dangerously_region_comparison(region=region, today=TODAY)
    assert [c.name for c in data.columns] == ["Emmen"]
    assert data.not_sharing == ["Leeuwarden"]
    # The figures stay (a new sharing shows them again at once), the region sees none.
    assert SharedFigures.objects.filter(programme=programme).exists()
    # Withdrawing again is refused, and changes nothing.
    with pytest.raises(ValidationError) as error, unchanged(mine, tables=True):
        services.sharing_withdraw(actor=manager, municipality=municipality, sharing=mine)
    assert error.value.messages == ["Dit delen is al ingetrokken."]


def test_another_municipality_cannot_withdraw_a_sharing(
    municipality, other_municipality, region, programme, manager
):
    sharing = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )

    with pytest.raises(ValidationError), unchanged(sharing, tables=True):
        services.sharing_withdraw(actor=None, municipality=other_municipality, sharing=sharing)


def test_sharing_again_after_withdrawing_makes_a_new_row(municipality, region, programme, manager):
    first = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )
    services.sharing_withdraw(actor=manager, municipality=municipality, sharing=first)

    second = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )

    assert second.pk != first.pk
    assert list(Sharing.objects.filter(withdrawn_at__isnull=True)) == [second]
    assert SharedFigures.objects.count() == 1  # one row per programme, replaced


# -- members and access -----------------------------------------------------------------


def test_removing_a_member_withdraws_its_sharing_first(
    municipality, other_municipality, region, programme, manager
):
    sharing = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )

    services.region_remove_member(actor=None, region=region, municipality=municipality)

    sharing.refresh_from_db()
    assert sharing.withdrawn_at is not None
    assert list(region.members.values_list("municipality__name", flat=True)) == ["Emmen"]
    assert len(entries(Sharing, AuditAction.UPDATE)) == 1
    assert len(entries(RegionMember, AuditAction.DELETE)) == 1
    data = dangerously_region_comparison(region=region, today=TODAY)
    assert (data.columns, data.not_sharing) == ([], ["Emmen"])
    # A member once more, the municipality does not share until it chooses to.
    services.region_add_member(actor=None, region=region, municipality=municipality)
    assert dangerously_region_comparison(region=region, today=TODAY).columns == []


def test_adding_a_member_twice_and_removing_a_non_member_are_refused(municipality, region):
    elsewhere = make_region("zuid", "Regio Zuid")

    with pytest.raises(ValidationError) as twice, unchanged(region, tables=True):
        services.region_add_member(actor=None, region=region, municipality=municipality)
    with pytest.raises(ValidationError) as absent, unchanged(elsewhere, tables=True):
        services.region_remove_member(actor=None, region=elsewhere, municipality=municipality)

    assert twice.value.messages == ["Leeuwarden is al lid van Arbeidsmarkttafel Noord."]
    assert absent.value.messages == ["Leeuwarden is geen lid van Regio Zuid."]


def test_granting_and_revoking_regional_access(region):
    user = make_regional_user(region)

    assert list(region_list_visible(user=user, membership=None)) == [region]
    [granted] = entries(RegionalAccess, AuditAction.CREATE)
    assert granted.object_id == str(RegionalAccess.objects.get().pk)
    with pytest.raises(ValidationError) as twice, unchanged(user, tables=True):
        services.region_grant_access(actor=None, region=region, user=user)
    assert twice.value.messages == ["regionaal heeft al toegang tot Arbeidsmarkttafel Noord."]

    services.region_revoke_access(actor=None, region=region, user=user)

    assert list(region_list_visible(user=user, membership=None)) == []
    assert len(entries(RegionalAccess, AuditAction.DELETE)) == 1
    with pytest.raises(ValidationError) as absent, unchanged(user, tables=True):
        services.region_revoke_access(actor=None, region=region, user=user)
    assert absent.value.messages == ["regionaal heeft geen toegang tot Arbeidsmarkttafel Noord."]


def test_a_member_sees_a_region_only_while_its_municipality_shares(municipality, region, programme):
    manager = make_member(municipality, Role.PROGRAMME_MANAGER)
    membership = manager.memberships.get()
    assert list(region_list_visible(user=manager, membership=membership)) == []

    sharing = services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )
    assert list(region_list_visible(user=manager, membership=membership)) == [region]

    services.sharing_withdraw(actor=manager, municipality=municipality, sharing=sharing)
    assert list(region_list_visible(user=manager, membership=membership)) == []


# -- the figures ------------------------------------------------------------------------


def test_figures_refresh_on_a_hand_built_programme(hand_built):
    row = services.figures_refresh(actor=None, programme=hand_built, as_of=TODAY)

    assert row.counts == {
        "started": 5,
        "started_transition": 4,
        "started_social": 1,
        "active": 4,
        "working": 4,
        "between": 0,
        "exited": 1,
        "exits_work": 1,
        "exits_other": 0,
        # All five started at least 12 months before 18 November 2026; the leaver had
        # left a day before her 12 months were up.
        "ret12_eligible": 5,
        "ret12_retained": 4,
        "ret12_not": 1,
        "fu6_measured": 1,
        "fu6_working": 1,
        "fu6_not": 0,
        # Four running; two held a session on 2 November, two none since July 2024
        # or January 2025 (six-week rhythm).
        "placements_running": 4,
        "cadence_kept": 2,
        "cadence_overdue": 2,
    }
    # The research (EUR 1,000) is the only cost: no contracts, no hourly rate.
    assert row.cost_cents == 100_000
    # Full months before November 2026: the leaver July 2024 to June 2025 (12), three
    # from July 2024 to October 2026 (3 x 28), the social-value one from January 2025
    # (22).
    assert row.participant_months == 12 + 84 + 22
    # 1.5 + 2.25 hours; the 4 hours of 2 November fall in the as-of month.
    assert row.guidance_hundredths == 375
    assert (row.version, row.as_of) == (DEFINITION_VERSION, TODAY)
    assert len(entries(SharedFigures, AuditAction.CREATE)) == 1


def test_figures_refresh_replaces_the_row_with_an_update_entry(hand_built):
    first = services.figures_refresh(actor=None, programme=hand_built, as_of=dt.date(2025, 7, 15))
    assert (first.counts["started"], first.counts["exited"]) == (5, 1)
    assert first.participant_months == 12 + 3 * 12 + 6  # up to June 2025

    second = services.figures_refresh(actor=None, programme=hand_built, as_of=TODAY)

    assert second.pk == first.pk
    assert SharedFigures.objects.count() == 1
    [update] = entries(SharedFigures, AuditAction.UPDATE)
    assert update.object_id == str(first.pk)
    assert "participant_months" in update.changes


def test_the_nightly_refresh_covers_only_programmes_that_share(
    municipality, region, programme, manager
):
    quiet = ProgrammeFactory(municipality=municipality, name="Niet gedeeld")
    services.sharing_start(
        actor=manager,
        municipality=municipality,
        programme=programme,
        region=region,
        as_of=dt.date(2026, 1, 5),
    )

    rows = services.figures_refresh_shared(actor=None, as_of=TODAY)

    assert [r.programme for r in rows] == [programme]
    assert SharedFigures.objects.get(programme=programme).as_of == TODAY
    assert not SharedFigures.objects.filter(programme=quiet).exists()


def test_figures_of_an_older_definition_version_wait_for_the_refresh(
    municipality, region, programme, manager
):
    services.sharing_start(
        actor=manager, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )
    set_figures(programme, started=9, started_transition=9, active=9, working=9)
    SharedFigures.objects.update(version="2025.1")

    data = dangerously_region_comparison(region=region, today=TODAY)

    assert (data.columns, data.waiting, data.not_sharing) == ([], ["Leeuwarden"], ["Emmen"])
