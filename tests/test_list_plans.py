"""Every list reads its municipality through an index (issue 19, PostgreSQL only).

A small municipality must not pay for a large one: a list's first page has to be
found through an index that starts with ``municipality_id``, and, where the list
is paginated, in the list's order. This test requests the first page of EVERY
list endpoint (the API's list routes and the HTML list pages, found in the URL
resolver: a new list is covered without touching this file) as the
municipality's functional administrator, captures its SQL, and asks PostgreSQL
for the plan of every SELECT that reads a tenant table (a model with a
``municipality``), with ``enable_seqscan`` and ``enable_sort`` off: on tables of
a few rows the planner would rather scan and sort, so whatever scan or sort
remains is there because no index can do the work. It fails, naming the
endpoint, the table and the query, on

- a **full scan of a tenant table**: a ``Seq Scan``, or an index scan with no
  index condition at all (with sequential scans off the planner walks the
  primary key instead and filters on the municipality: the same cost, and the
  "small municipality pays for the large one" of issue 19, when it walks ``-id``
  until it has found a page of its own rows);
- a **sort of the whole municipality under a page's LIMIT**: a ``Sort`` above a
  scan of a tenant table whose only index condition is the municipality (the
  list's order has no ``(municipality_id, ...)`` index), or a page found by
  walking an index of every municipality (``ORDER BY id DESC LIMIT 25`` over the
  primary key, filtered row by row).

Tables of which a municipality holds a few rows (:data:`SMALL_TABLES`) and pages
ordered through a join (:data:`ORDERED_THROUGH_A_JOIN`) may sort, each with the
reason; the full-scan check still applies to them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import ForeignKey
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.generic.list import MultipleObjectMixin

from basisbaan.core.listing import ListingMixin
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.test_tenant_walk import secret_world

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

postgres_only = pytest.mark.skipif(
    not POSTGRES,
    reason="query plans are PostgreSQL's: SQLite has no EXPLAIN (FORMAT JSON) and no "
    "enable_seqscan; run with DATABASE_URL=postgres://...",
)

# Routes that are no municipal list, each with its reason.
NOT_TENANT_LISTS: dict[str, str] = {
    r"^beheer/": "the Django admin: staff only, Django's own changelists, not a municipal list",
    r"^api/v1/$": "the API root: links, no data",
    r"^api/v1/regions/$": "the regions the municipality belongs to: a handful, no tenant table",
    r"^api/v1/tokens/$": "the viewer's own API tokens, found by user (no municipality)",
    r"^parameters/$": "the national figures: one table for every municipality, no tenant table",
}

# Lists that need a query parameter, filled from the world's record of that model.
QUERY: dict[str, tuple[str, str]] = {
    "api/v1/research/codes/": ("study", "research.Study"),
    "api/v1/research/memos/": ("study", "research.Study"),
    "api/v1/research/codings/": ("transcript", "research.Transcript"),
}

# Tables of which a municipality holds few rows: sorting them all for a page costs
# nothing, and an index for their order would cost every write.
SMALL_TABLES: dict[str, str] = {
    "programmes_programme": "a municipality runs a handful of programmes",
    "budgets_budget": "one per programme and year",
    "budgets_plannedstart": "planned starts per programme and month",
    "budgets_expenditure": "manual bookings per budget year: tens, not thousands",
    "intake_eligibilitycriteria": "one set per programme",
    "outcomes_outcomesettings": "one row per municipality",
    "esf_esfoperation": "one ESF+ operation per programme",
    "reports_councilreport": "a few council reports per programme a year",
    "research_study": "an evaluation study or two per programme",
    "research_respondent": "tens of respondents per study",
    "research_consent": "one per respondent",
    "research_session": "tens of interviews per study",
    "research_transcript": "one per interview",
    "research_memo": "tens per study",
    "research_coding": "read per transcript",
    "tenancy_membership": (
        "the staff of a municipality (tens; 1,000 at 1,000,000 participants): the bounded "
        "staff filters sort them by the user's name, through a join, to show 20"
    ),
}

# Pages whose order runs through a join (or an expression): no index of the table
# gives it. (endpoint route, table) -> why the sort stays.
ORDERED_THROUGH_A_JOIN: dict[tuple[str, str], str] = {
    ("api/v1/positions/", "hosts_position"): "ordered by the host's name, then the title",
    ("contracten/loonwaarde/", "contracts_wagevaluemeasurement"): (
        "ordered by the participant's name (the API's list of them is by date, indexed)"
    ),
    ("intake/", "participants_participant"): (
        "the waiting list is ordered by the referral's priority and date (COALESCE over a "
        "join); it sorts the waiting participants (participant_muni_status), not all"
    ),
}

SCANS = {"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan"}

# -- which tables, which endpoints ---------------------------------------------------------


def tenant_tables() -> set[str]:
    """The tables of every model that holds a ``municipality``."""
    tables = set()
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if (
                isinstance(model_field, ForeignKey)
                and model_field.name == "municipality"
                and model_field.related_model is Municipality
            ):
                tables.add(model._meta.db_table)
    return tables


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        else:
            yield route, entry


def _clean(route: str) -> str:
    """The API's regular-expression routes as plain paths with their parameters."""
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".")
    return re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)


def is_api_list(pattern: URLPattern) -> bool:
    """A router route that answers GET with many records: ``list``, or a GET action
    on the collection (``detail=False``)."""
    actions = getattr(pattern.callback, "actions", None) or {}
    initkwargs = getattr(pattern.callback, "initkwargs", None) or {}
    return "get" in actions and initkwargs.get("detail") is False


def is_html_list(pattern: URLPattern) -> bool:
    """A page that lists records: a ``ListView`` (``TenantListView``), a view with the
    list's sorting and export (``ListingMixin``), or a view named as a list."""
    view = getattr(pattern.callback, "view_class", None)
    if view is None or getattr(pattern.callback, "actions", None) is not None:
        return False
    if issubclass(view, MultipleObjectMixin | ListingMixin):
        return True
    return re.search(r"(List|Worklist)View$", view.__name__) is not None


def list_routes() -> list[str]:
    """Every list route of the site, as a path with ``<name>`` parameters."""
    routes = []
    for raw, pattern in _patterns(get_resolver()):
        route = _clean(raw)
        if any(re.match(skip, route) for skip in NOT_TENANT_LISTS):
            continue
        if route.startswith("api/v1/"):
            if is_api_list(pattern):
                routes.append(route)
        elif is_html_list(pattern):
            routes.append(route)
    return routes


# -- the plans -----------------------------------------------------------------------------


@dataclass
class Finding:
    endpoint: str
    kind: str
    table: str
    sql: str
    plan: str = field(repr=False)

    def __str__(self) -> str:
        return (
            f"{self.endpoint}: {self.kind} of {self.table}\n    SQL: {self.sql}\n"
            f"    plan:\n{self.plan}"
        )


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _conditions(node: dict[str, Any]) -> str:
    """The index condition of a scan (a bitmap scan's: of its index scans)."""
    if node["Node Type"] == "Bitmap Heap Scan":
        return " ".join(
            child.get("Index Cond", "")
            for child in _nodes(node)
            if child["Node Type"] == "Bitmap Index Scan"
        )
    return str(node.get("Index Cond", ""))


MUNICIPALITY_ONLY = re.compile(r"^\(*(\w+\.)?municipality_id = \d+\)*$")
BY_MUNICIPALITY = re.compile(r"\bmunicipality_id = \d+")


def is_full_scan(node: dict[str, Any]) -> bool:
    """A ``Seq Scan``, or the walk of a whole index that filters on the municipality
    row by row (an index scan without index condition whose filter is the municipality;
    an unfiltered one is the inner side of a join on tables of a row or two)."""
    if node["Node Type"] == "Seq Scan":
        return True
    return (
        node["Node Type"] in ("Index Scan", "Index Only Scan")
        and not node.get("Index Cond")
        and BY_MUNICIPALITY.search(str(node.get("Filter", ""))) is not None
    )


def is_municipality_wide(node: dict[str, Any]) -> bool:
    """A scan that reads every row of the municipality (or more)."""
    if is_full_scan(node):
        return True
    return MUNICIPALITY_ONLY.match(_conditions(node).strip()) is not None


def full_scans(plan: dict[str, Any], tables: set[str]) -> list[str]:
    return [
        node["Relation Name"]
        for node in _nodes(plan)
        if node["Node Type"] in SCANS and node.get("Relation Name") in tables and is_full_scan(node)
    ]


def page_problems(plan: dict[str, Any], tables: set[str]) -> list[tuple[str, str]]:
    """What a page (a LIMIT) reads of the whole municipality, as (kind, table): a
    ``Sort`` above a scan of every row of the municipality (not an ``Incremental
    Sort``, which reads only the groups the page needs of an index that already
    gives the order's first columns), or a walk of an index of every municipality."""
    found: list[tuple[str, str]] = []

    def walk(node: dict[str, Any], limited: bool) -> None:
        if node["Node Type"] == "Limit":
            limited = True
        if limited and node["Node Type"] == "Sort":
            found.extend(
                ("a sort of the whole municipality", scan["Relation Name"])
                for scan in _nodes(node)
                if scan["Node Type"] in SCANS
                and scan.get("Relation Name") in tables
                and is_municipality_wide(scan)
            )
            return
        if limited and node.get("Relation Name") in tables and is_full_scan(node):
            found.append(("a walk of every municipality's rows", node["Relation Name"]))
        for child in node.get("Plans", []):
            walk(child, limited)

    walk(plan, False)
    return found


@contextmanager
def planner(*off: str) -> Iterator[None]:
    """The planner without the given plan types, in a savepoint that ends it again."""
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in off:
            cursor.execute(f"SET LOCAL {setting} = off")
        yield
        transaction.set_rollback(True)


def explain(sql: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        raw = cursor.fetchone()[0]
    document = json.loads(raw) if isinstance(raw, str) else raw
    plan: dict[str, Any] = document[0]["Plan"]
    return plan


def explain_text(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        return "\n".join("      " + row[0] for row in cursor.fetchall())


def reads_tenant_table(sql: str, tables: set[str]) -> list[str]:
    if not re.match(r"\s*(SELECT|WITH)\b", sql, re.IGNORECASE):
        return []
    return sorted(table for table in tables if f'"{table}"' in sql)


# -- requesting every list -----------------------------------------------------------------


def _fill(route: str, value: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?\w+>", value, route)


def first_page(client: Any, route: str, world: list[Any]) -> tuple[str, list[str]]:
    """The path that answered and the SQL of its first page; parameters are tried
    with every id of the world until one is the viewer's own record."""
    accept = "application/json" if route.startswith("api/") else "text/html"
    ids = sorted({str(obj.pk) for obj in world}, key=int)
    query = ""
    if route in QUERY:
        name, label = QUERY[route]
        record = next(obj for obj in world if obj._meta.label == label)
        query = f"?{name}={record.pk}"
    tried = []
    for value in ids if "<" in route else [""]:
        path = _fill(route, value) + query
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_ACCEPT=accept)
        tried.append(f"{path}: {response.status_code}")
        if response.status_code == 200:
            return path, [query["sql"] for query in queries.captured_queries]
    raise AssertionError(f"{route}: no first page answered 200 ({', '.join(tried)})")


def list_world(municipality: Municipality, viewer: Any) -> list[Any]:
    """A record of every kind a list shows: the tenant walk's world, and what it
    leaves out (a list without rows runs no page query, so its plan goes unchecked)."""
    from basisbaan.jobs.models import Job, JobStatus
    from basisbaan.outcomes.services import assumption_set, exit_record
    from basisbaan.participants.constants import ExitReason
    from basisbaan.payroll.models import PayrollEntry, PayrollImport
    from tests.contracts.factories import WageValueMeasurementFactory
    from tests.factories import ParticipantFactory, PlacementFactory

    world = secret_world(municipality)
    programme, participant = world[0], world[1]
    contract = next(obj for obj in world if obj._meta.label == "contracts.Contract")
    leaver = ParticipantFactory(programme=programme, bsn="111222333")
    PlacementFactory(participant=leaver, start_date=dt.date(2024, 3, 1))
    source = PayrollImport.objects.create(
        municipality=municipality,
        file_name="loon.csv",
        sha256="0" * 64,
        started_at=dt.datetime(2024, 8, 1, 12, tzinfo=dt.UTC),
    )
    money = {
        name: Decimal("100.00")
        for name in (
            "gross_wage",
            "holiday_allowance",
            "employer_charges",
            "pension",
            "other_costs",
            "total",
        )
    }
    return [
        *world,
        WageValueMeasurementFactory(participant=participant),
        source,
        PayrollEntry.objects.create(
            municipality=municipality,
            participant=participant,
            contract=contract,
            period=dt.date(2024, 7, 1),
            hours=Decimal("80"),
            source_import=source,
            **money,
        ),
        exit_record(
            municipality=municipality,
            actor=None,
            participant=leaver,
            exit_date=dt.date(2025, 6, 30),
            reason=ExitReason.REGULAR_WORK_ELSEWHERE,
            leaves_programme=True,
            employer="Bakkerij",
            hours_per_week=Decimal(32),
            contract_type="permanent",
            wage_band="minimum",
        ),
        assumption_set(
            municipality=municipality,
            actor=None,
            key="execution_cost_year",
            effective_date=dt.date(2025, 1, 1),
            value=Decimal("2900"),
            source="Eigen begroting 2025",
        ),
        Job.objects.create(
            municipality=municipality,
            created_by=viewer,
            kind="test.count",
            label="Loonbestand controleren: loon.csv",
            status=JobStatus.DONE,
        ),
    ]


@postgres_only
@pytest.mark.django_db(transaction=False)
def test_every_list_reads_its_municipality_through_an_index(municipality, client_as):
    viewer = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-plans")
    world = list_world(municipality, viewer)
    client = client_as(viewer)
    tables = tenant_tables()
    routes = list_routes()
    assert len(routes) > 60

    captured = [(route, *first_page(client, route, world)) for route in routes]

    findings: list[Finding] = []
    for route, path, statements in captured:
        for sql in dict.fromkeys(sql for sql in statements if reads_tenant_table(sql, tables)):
            # No sequential scans: what remains has no index to read instead.
            with planner("enable_seqscan"):
                plan = explain(sql)
                findings += [
                    Finding(path, "a full scan", table, sql, explain_text(sql))
                    for table in full_scans(plan, tables)
                ]
            # No sorts either: a page whose order no index gives sorts the whole
            # municipality, or walks an index of every municipality for its rows.
            with planner("enable_seqscan", "enable_sort"):
                plan = explain(sql)
                findings += [
                    Finding(path, kind, table, sql, explain_text(sql))
                    for kind, table in page_problems(plan, tables)
                    if table not in SMALL_TABLES and (route, table) not in ORDERED_THROUGH_A_JOIN
                ]

    assert not findings, f"{len(findings)} plans without a usable index:\n\n" + "\n\n".join(
        map(str, findings)
    )


def test_the_allow_lists_name_what_exists():
    """An allow-list entry for a route or table that is gone is removed, not kept."""
    routes = [_clean(raw) for raw, _pattern in _patterns(get_resolver())]
    for skip in NOT_TENANT_LISTS:
        assert any(re.match(skip, route) for route in routes), skip
    for table in SMALL_TABLES:
        assert table in tenant_tables(), table
    for route, table in ORDERED_THROUGH_A_JOIN:
        assert route in routes and table in tenant_tables(), (route, table)
