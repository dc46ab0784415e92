"""Every API read of a participant's data leaves an audit entry (issue 11, 3a).

The walk: municipality A's functional administrator (every permission) GETs
every /api/v1/ route, with the id of every record of A filled in where a route
takes one. Every answer that shows rows of a viewset that audits its reads
must have written an audit entry in the same request. The viewsets that do not
(no personal data, or their own audit) are the reviewed list below: a new one
fails this test until it is reviewed and added.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from django.urls import get_resolver

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import RenewalDecisionFactory, WageValueMeasurementFactory
from tests.test_tenant_walk import SKIP, _fill, _patterns, world_a  # noqa: F401 -- fixture

pytestmark = pytest.mark.django_db

# Reviewed: the viewsets whose reads the base viewset does not audit, and why.
# Change this list only with a review of the reason (docs/security.md, "Read audit").
REVIEWED_OPT_OUTS = {
    "ParticipantViewSet": "privacy",
    "ProgrammeCostViewSet": "own",
    "GuidanceNormViewSet": "own",
    "ProgrammeViewSet": "no personal data",
    "BudgetViewSet": "no personal data",
    "ExpenditureViewSet": "no personal data",
    "PlannedStartViewSet": "no personal data",
    "ProgrammeForecastViewSet": "no personal data",
    "CriteriaViewSet": "no personal data",
    "HostViewSet": "no personal data",
    "PositionViewSet": "no personal data",
    "PositionProfileViewSet": "no personal data",
    # Outcome figures and the business case: aggregates per programme, small numbers
    # suppressed; the assumptions are the municipality's figures with their source.
    "OutcomeViewSet": "no personal data",
    "BusinessCaseViewSet": "no personal data",
    "AssumptionViewSet": "no personal data",
    # Research: saturation and co-occurrence are counts of codes, no text.
    "AnalysisViewSet": "no personal data",
    # ESF+ operations: settings and suppressed indicator totals; the worklist (names)
    # and the claim (staff rates) write their own entries.
    "EsfOperationViewSet": "no personal data; own",
}


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def api_path(route: str, value: str) -> str | None:
    """A router route (``api/v1/^contracts/(?P<pk>[^/.]+)/$``) as a path with ``value``."""
    if "(?P<format>" in route:
        return None
    route = re.sub(r"\(\?P<\w+>[^)]*\)", value, route)
    return _fill(route.replace("^", "").replace("$", ""), value)


def _shows_rows(body: Any) -> bool:
    if isinstance(body, dict) and "results" in body:
        return bool(body["results"])
    return bool(body)


def test_the_opt_outs_are_the_reviewed_ones():
    import basisbaan.api_urls  # noqa: F401 -- every viewset imported

    opted_out = {
        cls.__name__: cls.audit_reads_reason
        for cls in _subclasses(TenantViewSet)
        if not cls.audit_reads and cls.__module__.startswith("basisbaan.")
    }
    assert sorted(opted_out) == sorted(REVIEWED_OPT_OUTS)
    assert all(reason.strip() for reason in opted_out.values())


def test_an_opt_out_without_a_reason_is_refused():
    with pytest.raises(TypeError, match="Quiet: audit_reads = False needs an audit_reads_reason."):

        class Quiet(TenantViewSet):
            audit_reads = False


def test_every_read_of_participant_data_is_audited(world_a, municipality, api_as):  # noqa: F811
    participant = world_a[1]
    decision = RenewalDecisionFactory(period=world_a[7])
    measurement = WageValueMeasurementFactory(participant=participant)
    reader = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-a")
    client = api_as(reader)
    ids = sorted({str(obj.pk) for obj in [*world_a, decision, measurement]})

    audited: dict[str, set[str]] = defaultdict(set)
    unaudited: list[str] = []
    for route, pattern in _patterns(get_resolver()):
        if not route.startswith("api/v1/") or SKIP.match(route):
            continue
        view = getattr(pattern.callback, "cls", None)
        if view is None or not issubclass(view, TenantViewSet):
            continue
        for value in ids if "<" in route or "(?P" in route else [""]:
            path = api_path(route, value)
            if path is None:
                continue
            response = client.get(path)
            if response.status_code != 200:
                continue
            entries = AuditEntry.objects.filter(request_id=response["X-Request-ID"])
            if not response["Content-Type"].startswith("application/json"):
                # A file (a council report's download): an export entry, not a read.
                assert [e.action for e in entries] == [AuditAction.EXPORT], path
                continue
            if not _shows_rows(response.json()):
                continue
            if view.audit_reads or view.__name__ in {"ParticipantViewSet", "GuidanceNormViewSet"}:
                if not entries.exists():
                    unaudited.append(path)
                for entry in entries:
                    assert entry.actor == reader
                    assert entry.municipality == municipality
                    assert entry.channel == "api"
                    assert entry.action in {AuditAction.LIST, AuditAction.VIEW}
                    audited[entry.object_type].add(path)
    assert unaudited == []
    # The records the issue named, each read as a list and as a detail.
    for label in [
        "contracts.contract",
        "placements.placement",
        "contracts.wagevaluemeasurement",
        "contracts.renewaldecision",
        "guidance.feedbackaction",
        "guidance.feedbacksession",
        "guidance.hoursentry",
        "guidance.signal",
        "intake.referral",
        "intake.intakeconversation",
        "intake.intakedecision",
        "intake.participantprofile",
        "participants.participant",
        "hosts.hostcontact",
    ]:
        assert audited[label], (label, sorted(audited))


def test_a_list_page_is_one_entry_with_its_ids(world_a, municipality, api_as):  # noqa: F811
    contract = world_a[6]
    reader = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-a")

    response = api_as(reader).get("/api/v1/contracts/")

    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert (entry.action, entry.object_type, entry.changes["ids"]) == (
        AuditAction.LIST,
        "contracts.contract",
        [str(contract.pk)],
    )


def test_a_detail_is_one_view_entry(world_a, municipality, api_as):  # noqa: F811
    placement = world_a[5]
    reader = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-a")

    response = api_as(reader).get(f"/api/v1/placements/{placement.pk}/")

    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert (entry.action, entry.object_type, entry.object_id, entry.municipality) == (
        AuditAction.VIEW,
        "placements.placement",
        str(placement.pk),
        municipality,
    )


def test_a_refused_read_writes_nothing(world_a, api_as, outsider):  # noqa: F811
    placement = world_a[5]

    response = api_as(outsider).get(f"/api/v1/placements/{placement.pk}/")

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(request_id=response["X-Request-ID"]).exists()


# -- files: every download is an export -------------------------------------------------

PAGE_SKIP = re.compile(r"^(api/|beheer/|i18n/|static/|media/)")


def test_every_download_is_audited_as_an_export(world_a, municipality, client_as):  # noqa: F811
    reader = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-a")
    client = client_as(reader)
    ids = sorted({str(obj.pk) for obj in world_a})

    downloads: dict[str, str] = {}
    for route, _pattern in _patterns(get_resolver()):
        if PAGE_SKIP.match(route):
            continue
        route = route.replace("<int:year>", "2024")
        values = ids if "<" in route or "(?P" in route else [""]
        for value in values:
            path = _fill(route, value)
            if path is None:
                continue
            for query in ("", "?export=csv", "?export=xlsx"):
                response = client.get(path + query)
                if "attachment" not in response.get("Content-Disposition", ""):
                    continue
                entry = AuditEntry.objects.filter(
                    request_id=response["X-Request-ID"], action=AuditAction.EXPORT
                ).first()
                downloads[path + query] = entry.object_type if entry else "NOT AUDITED"
    assert "NOT AUDITED" not in downloads.values(), downloads
    assert len(downloads) >= 8, downloads
    assert any(path.startswith("/kosten/") for path in downloads), downloads
    assert any(path.startswith("/budgetten/") or "budget" in path for path in downloads), downloads
