"""API list pagination: page numbers with a bounded count, and keyset cursors.

core/api/pagination.py and core/api/keyset.py (docs/api.md).
"""

from __future__ import annotations

import base64
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from django.db.models import Count, F

from basisbaan.audit.models import AuditEntry
from basisbaan.core import counting
from basisbaan.core.api.keyset import Keyset, Position, UnsupportedOrderingError
from basisbaan.participants.api.viewsets import ParticipantViewSet
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.research.models import Transcript
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    ParticipantFactory,
    ProgrammeFactory,
)
from tests.research.factories import StudyFactory, TranscriptFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/participants/"
NAMES = ["Bakker", "de Vries", "Visser", "Zijlstra", "Öztürk", "Amrani", "Jansen"]


def make_participants(programme, count: int, start: int = 0) -> list[Participant]:
    """``count`` participants; surnames repeat, so the id decides between equal names."""
    return [
        ParticipantFactory(
            programme=programme,
            last_name=NAMES[i % len(NAMES)],
            first_name=f"Anna{i % 3}",
        )
        for i in range(start, start + count)
    ]


def cursor_of(link: str | None) -> str | None:
    if link is None:
        return None
    return parse_qs(urlsplit(link).query)["cursor"][0]


def name_order(municipality) -> list[int]:
    return list(
        Participant.objects.filter(municipality=municipality)
        .order_by("last_name", "first_name", "id")
        .values_list("pk", flat=True)
    )


# -- cursor mode -----------------------------------------------------------------------


def test_cursor_pages_give_every_row_once_in_order(api_as, admin, municipality, programme):
    make_participants(programme, 11)
    client = api_as(admin)

    seen, link, answers = [], f"{URL}?cursor=&page_size=4", []
    while link is not None:
        body = client.get(link).json()
        answers.append(body)
        seen += [row["id"] for row in body["results"]]
        link = body["next"]

    assert seen == name_order(municipality)
    assert [len(a["results"]) for a in answers] == [4, 4, 3]
    assert answers[0]["previous"] is None
    assert all(a["previous"] is not None for a in answers[1:])
    assert all(a["count"] is None and a["count_exact"] is False for a in answers)


def test_rows_inserted_between_pages_do_not_repeat_or_hide_rows(
    api_as, admin, municipality, programme
):
    """Rows added before and after the cursor while paging: every row present at the
    start comes exactly once, in order; new rows after the cursor come too."""
    make_participants(programme, 9)
    at_start = name_order(municipality)
    client = api_as(admin)

    first = client.get(URL, {"cursor": "", "page_size": 4}).json()
    # Before the cursor ("Amrani" sorts first) and after it ("Zijlstra" last).
    early = ParticipantFactory(programme=programme, last_name="Aaldering", first_name="Bea")
    late = ParticipantFactory(programme=programme, last_name="Zwart", first_name="Cor")
    seen = [row["id"] for row in first["results"]]
    link = first["next"]
    while link is not None:
        body = client.get(link).json()
        seen += [row["id"] for row in body["results"]]
        link = body["next"]

    assert len(seen) == len(set(seen))
    assert [pk for pk in seen if pk in at_start] == at_start
    # "Aaldering" sorts before the first page's last row: not seen; "Zwart" after it.
    assert seen == [pk for pk in name_order(municipality) if pk != early.pk]
    assert late.pk in seen


def test_previous_links_walk_back_over_the_same_pages(api_as, admin, municipality, programme):
    make_participants(programme, 10)
    client = api_as(admin)
    pages, link = [], f"{URL}?cursor=&page_size=3"
    while link is not None:
        body = client.get(link).json()
        pages.append([row["id"] for row in body["results"]])
        link = body["next"]
    last = client.get(f"{URL}?cursor=&page_size=3").json()
    while last["next"] is not None:
        last = client.get(last["next"]).json()

    back, body = [], last
    while body["previous"] is not None:
        body = client.get(body["previous"]).json()
        back.append([row["id"] for row in body["results"]])

    assert pages == [name_order(municipality)[i : i + 3] for i in range(0, 10, 3)]
    assert back == pages[-2::-1]
    assert body["previous"] is None  # back on the first page


def test_cursor_keeps_the_requested_ordering_and_the_filters(
    api_as, admin, municipality, programme
):
    people = make_participants(programme, 8)
    for number, person in enumerate(people):
        Participant.objects.filter(pk=person.pk).update(
            status=ParticipantStatus.PLACED if number % 2 else ParticipantStatus.WAITING,
            status_changed_at=dt.datetime(2026, 1, 1 + number % 3, tzinfo=dt.UTC)
            if number != 5
            else None,
        )
    client = api_as(admin)
    expected = list(
        Participant.objects.filter(municipality=municipality, status=ParticipantStatus.PLACED)
        .order_by(F("status_changed_at").desc(), "-id")
        .values_list("pk", flat=True)
    )

    seen, link = [], f"{URL}?cursor=&page_size=1&ordering=-status_changed_at&status=placed"
    while link is not None:
        body = client.get(link).json()
        seen += [row["id"] for row in body["results"]]
        link = body["next"]

    assert seen == expected
    assert len(seen) == 4


def test_nullable_keys_in_both_directions_on_either_database(municipality, programme):
    """NULLs sit where the database sorts them (PostgreSQL last ascending, SQLite
    first); the keyset finds every row once forwards and backwards."""
    people = make_participants(programme, 9)
    for number, person in enumerate(people):
        changed = None if number % 3 == 0 else dt.datetime(2026, 1, number % 2 + 1, tzinfo=dt.UTC)
        Participant.objects.filter(pk=person.pk).update(status_changed_at=changed)
    for ordering in (["status_changed_at", "id"], ["-status_changed_at", "id"]):
        queryset = Participant.objects.filter(municipality=municipality).order_by(*ordering)
        expected = list(queryset.values_list("pk", flat=True))
        forward, backward = walk(Keyset(queryset), 2)

        assert forward == expected, ordering
        assert backward == expected[:-1], ordering


def test_page_size_is_capped_in_cursor_mode(api_as, admin, programme):
    make_participants(programme, 102)

    body = api_as(admin).get(URL, {"cursor": "", "page_size": 500}).json()

    assert len(body["results"]) == 100
    assert body["next"] is not None


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", "eyJvIjoiYSJ9:1abc:xyz", "a" * 300, "%00", "."],
)
def test_an_invalid_cursor_is_a_400_and_changes_nothing(api_as, admin, programme, cursor):
    make_participants(programme, 3)
    audit_before = AuditEntry.objects.count()

    response = api_as(admin).get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {
        "cursor": [
            "Deze cursor is ongeldig. Gebruik de link in next of previous van een eerder "
            "antwoord, of een lege cursor voor de eerste pagina."
        ]
    }
    assert AuditEntry.objects.count() == audit_before


def test_a_tampered_cursor_is_refused(api_as, admin, programme):
    make_participants(programme, 5)
    client = api_as(admin)
    token = cursor_of(client.get(URL, {"cursor": "", "page_size": 2}).json()["next"])
    assert token is not None
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]

    response = client.get(URL, {"cursor": tampered})

    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


def test_the_cursor_shows_no_sort_values(api_as, admin, researcher, programme):
    """The token is encrypted: no name for anyone reading a URL or a log, and no
    database id for a pseudonym viewer (sorted by status date, then id)."""
    make_participants(programme, 5)
    for user in (admin, researcher):
        link = api_as(user).get(URL, {"cursor": "", "page_size": 2}).json()["next"]
        token = cursor_of(link)
        assert token is not None
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert b'"k"' not in raw
        assert not any(name.encode() in raw for name in ["Amrani", "Bakker", "Jansen"])
        assert api_as(user).get(link).status_code == 200


def test_a_cursor_survives_a_rotated_secret_key(api_as, admin, programme, settings):
    make_participants(programme, 5)
    client = api_as(admin)
    link = client.get(URL, {"cursor": "", "page_size": 2}).json()["next"]
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40

    settings.SECRET_KEY_FALLBACKS = [old]
    still = client.get(link)
    settings.SECRET_KEY_FALLBACKS = []
    gone = client.get(link)

    assert still.status_code == 200
    assert len(still.json()["results"]) == 2
    assert gone.status_code == 400


def test_a_cursor_of_another_ordering_is_refused(api_as, admin, programme):
    make_participants(programme, 5)
    client = api_as(admin)
    token = cursor_of(client.get(URL, {"cursor": "", "page_size": 2}).json()["next"])

    response = client.get(URL, {"cursor": token, "ordering": "-created_at"})

    assert response.status_code == 400
    assert response.json() == {
        "cursor": ["Deze cursor hoort bij een andere sortering. Begin opnieuw met een lege cursor."]
    }


def test_cursor_and_page_together_are_refused(api_as, admin, programme):
    response = api_as(admin).get(URL, {"cursor": "", "page": 2})

    assert response.status_code == 400
    assert response.json() == {"cursor": ["Gebruik page of cursor, niet allebei."]}


@pytest.mark.parametrize(
    "ordering",
    [("placements_n",), ("?",), ("placements__start_date",), ("last_name__lower",)],
    ids=["aggregate", "random", "many", "transform"],
)
def test_an_ordering_keyset_cannot_follow_is_refused(municipality, ordering):
    """An aggregate, a random order, a relation with many rows per row or a
    transform: refused, the API answers 400."""
    queryset = (
        Participant.objects.filter(municipality=municipality)
        .annotate(placements_n=Count("placements"))
        .order_by(*ordering)
    )

    with pytest.raises(UnsupportedOrderingError):
        Keyset(queryset)


def test_an_ordering_by_a_relation_follows_its_models_ordering(municipality):
    """``order_by("-programme")`` sorts by the programme's own ordering, reversed, as
    Django does; the keyset expands it the same way."""
    for name in ("Beta", "Alfa", "Gamma"):
        make_participants(ProgrammeFactory(municipality=municipality, name=name), 3)
    queryset = Participant.objects.filter(municipality=municipality).order_by("-programme")
    keyset = Keyset(queryset)

    seen, position = [], None
    while True:
        rows, more = keyset.page(position, 2)
        seen += [row.pk for row in rows]
        if not more:
            break
        position = Position(keyset.values(rows[-1]))

    programmes = [Participant.objects.get(pk=pk).programme.name for pk in seen]
    assert programmes == ["Gamma"] * 3 + ["Beta"] * 3 + ["Alfa"] * 3
    assert seen == list(queryset.order_by("-programme", "-pk").values_list("pk", flat=True))


def walk(keyset: Keyset, size: int) -> tuple[list[int], list[int]]:
    """Every row forwards, then backwards from the last page: the ids in list order."""
    forward, position = [], None
    while True:
        rows, more = keyset.page(position, size)
        forward += [row.pk for row in rows]
        if not more:
            break
        position = Position(keyset.values(rows[-1]))
    backward, position = [], Position(keyset.values(rows[-1]), backward=True)
    while True:
        rows, more = keyset.page(position, size)
        backward = [row.pk for row in rows] + backward
        if not more:
            break
        position = Position(keyset.values(rows[0]), backward=True)
    return forward, backward


@pytest.mark.parametrize("ordering", [(), ("-session", "id")], ids=["model", "reversed"])
def test_a_related_ordering_with_an_expression_and_nulls(municipality, ordering):
    """Transcripts sort by their session, sessions by ``F("held_on").asc(nulls_last=True)``
    among others: expanded, prefixed and (for ``-session``) reversed as Django does."""
    study = StudyFactory(municipality=municipality)
    for held_on in [dt.date(2025, 3, 10), None, dt.date(2025, 1, 5), None, dt.date(2025, 3, 10)]:
        TranscriptFactory(session__study=study, session__held_on=held_on)
    queryset = Transcript.objects.filter(municipality=municipality)
    if ordering:
        queryset = queryset.order_by(*ordering)
    expected = list(queryset.values_list("pk", flat=True))

    forward, backward = walk(Keyset(queryset), 2)

    assert forward == expected
    assert backward == expected[:-1]


def test_an_unsupported_ordering_is_a_400(api_as, admin, monkeypatch):
    monkeypatch.setattr(
        ParticipantViewSet,
        "scoped_queryset",
        lambda self, municipality: Participant.objects.order_by("?"),
    )

    response = api_as(admin).get(URL, {"cursor": ""})

    assert response.status_code == 400
    assert response.json() == {
        "cursor": [
            "Met een cursor kan deze lijst niet zo gesorteerd worden (een berekende waarde). "
            "Kies een andere ordering of gebruik page."
        ]
    }


def test_a_subquery_ordering_pages_with_nulls(api_as, admin, municipality):
    """Contracts by the end of their last period: a subquery, NULL without periods."""
    ends = [dt.date(2026, 6, 30), None, dt.date(2026, 3, 31), dt.date(2026, 6, 30), None]
    for end in ends:
        if end is None:
            ContractFactory(participant__programme__municipality=municipality)
        else:
            ContractPeriodFactory(
                contract__participant__programme__municipality=municipality, end_date=end
            )
    client = api_as(admin)
    for ordering in ("last_end", "-last_end"):
        listed = client.get("/api/v1/contracts/", {"ordering": ordering}).json()["results"]
        seen, link = [], f"/api/v1/contracts/?cursor=&page_size=2&ordering={ordering}"
        while link is not None:
            body = client.get(link).json()
            seen += body["results"]
            link = body["next"]

        # The same order as the page numbers give; the id decides between equal ends.
        assert [row["last_end"] for row in seen] == [row["last_end"] for row in listed]
        assert sorted(row["id"] for row in seen) == sorted(row["id"] for row in listed)
        assert len(seen) == 5


def test_cursor_count_only_when_asked(api_as, admin, programme, monkeypatch):
    make_participants(programme, 7)
    client = api_as(admin)

    plain = client.get(URL, {"cursor": "", "page_size": 3}).json()
    counted = client.get(URL, {"cursor": "", "page_size": 3, "count": "true"}).json()
    following = client.get(plain["next"] + "&count=true").json()
    monkeypatch.setattr(counting, "COUNT_LIMIT", 5)
    monkeypatch.setattr(counting, "estimated_count", lambda queryset: None)  # as on SQLite
    bounded = client.get(URL, {"cursor": "", "page_size": 3, "count": "true"}).json()
    refused = client.get(URL, {"cursor": "", "count": "yes"})

    assert (plain["count"], plain["count_exact"]) == (None, False)
    assert (counted["count"], counted["count_exact"]) == (7, True)
    assert (following["count"], following["count_exact"]) == (7, True)
    assert (bounded["count"], bounded["count_exact"]) == (5, False)  # "more than 5"
    assert refused.status_code == 400
    assert refused.json() == {"count": ["Gebruik true of false."]}


def test_every_list_endpoint_pages_by_cursor(api_as, admin, programme):
    """Each paginated list of the schema answers a first and a second cursor page with
    its default ordering."""
    make_participants(programme, 2)
    client = api_as(admin)
    schema = client.get("/api/v1/schema/?format=json").json()
    lists = [
        path.replace("/api/v1", "", 1)
        for path, operations in schema["paths"].items()
        if "{" not in path
        and "get" in operations
        and any(p["name"] == "cursor" for p in operations["get"].get("parameters", []))
    ]
    assert len(lists) > 10

    answered = 0
    for path in lists:
        if client.get(f"/api/v1{path}", {"page_size": 1}).status_code != 200:
            continue  # a list that wants a parameter (?transcript=)
        response = client.get(f"/api/v1{path}", {"cursor": "", "page_size": 1})
        assert response.status_code == 200, (path, response.content[:300])
        assert set(response.json()) == {"count", "count_exact", "next", "previous", "results"}
        if response.json()["next"]:
            following = client.get(response.json()["next"])
            assert following.status_code == 200, (path, following.content[:300])
        answered += 1
    assert answered > 10


# -- page numbers ----------------------------------------------------------------------


def test_page_numbers_answer_as_before_with_count_exact(api_as, admin, municipality, programme):
    make_participants(programme, 7)
    client = api_as(admin)

    first = client.get(URL, {"page_size": 3}).json()
    second = client.get(URL, {"page_size": 3, "page": 2}).json()
    third = client.get(URL, {"page_size": 3, "page": 3}).json()
    beyond = client.get(URL, {"page_size": 3, "page": 4})
    not_a_number = client.get(URL, {"page_size": 3, "page": "twee"})
    huge = client.get(URL, {"page_size": 3, "page": str(10**30)})

    order = name_order(municipality)
    assert [r["id"] for r in first["results"] + second["results"] + third["results"]] == order
    assert (first["count"], first["count_exact"]) == (7, True)
    assert (third["count"], third["count_exact"]) == (7, True)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/participants/?page=2&page_size=3"
    assert second["previous"] == "http://testserver/api/v1/participants/?page_size=3"
    assert third["next"] is None
    assert third["previous"] == "http://testserver/api/v1/participants/?page=2&page_size=3"
    for refused in (beyond, not_a_number, huge):
        assert refused.status_code == 404
        assert refused.json() == {"detail": "Ongeldige pagina."}


def test_an_empty_list_has_a_first_page(api_as, admin):
    body = api_as(admin).get(URL).json()

    assert body == {"count": 0, "count_exact": True, "next": None, "previous": None, "results": []}


def test_above_the_count_limit_the_count_is_an_estimate(api_as, admin, programme, monkeypatch):
    make_participants(programme, 9)
    monkeypatch.setattr(counting, "COUNT_LIMIT", 4)
    estimates = []
    monkeypatch.setattr(
        counting, "estimated_count", lambda queryset: estimates.append(queryset.model) or 1234
    )
    client = api_as(admin)

    first = client.get(URL, {"page_size": 2}).json()
    last = client.get(URL, {"page_size": 2, "page": 5}).json()
    page_last = client.get(URL, {"page_size": 2, "page": "last"}).json()
    monkeypatch.setattr(counting, "estimated_count", lambda queryset: None)
    without_estimate = client.get(URL, {"page_size": 2}).json()
    past_the_bound = client.get(URL, {"page_size": 2, "page": 4}).json()

    assert (first["count"], first["count_exact"]) == (1234, False)
    assert estimates == [Participant]
    assert first["next"] == "http://testserver/api/v1/participants/?page=2&page_size=2"
    # The last page knows every row before it: exact again.
    assert (last["count"], last["count_exact"]) == (9, True)
    assert len(last["results"]) == 1
    assert page_last["results"] == last["results"]
    # No estimate (SQLite): the bound, "more than 4"; never below the rows seen.
    assert (without_estimate["count"], without_estimate["count_exact"]) == (4, False)
    assert (past_the_bound["count"], past_the_bound["count_exact"]) == (9, False)


def test_the_count_reads_no_further_than_the_limit(api_as, admin, programme, monkeypatch):
    make_participants(programme, 6)
    monkeypatch.setattr(counting, "COUNT_LIMIT", 8)
    client = api_as(admin)

    body = client.get(URL, {"page_size": 2}).json()

    assert (body["count"], body["count_exact"]) == (6, True)


# -- the search ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["bakker", "anna1 vries", "ozturk", "an", "Visser Anna2", "zz"])
def test_the_api_search_answers_as_the_page_selector(api_as, admin, municipality, query):
    programme = ProgrammeFactory(municipality=municipality)
    make_participants(programme, 30)
    expected = list(
        participant_list(municipality=municipality, search=query).values_list("pk", flat=True)
    )

    pages = api_as(admin).get(URL, {"search": query, "page_size": 100}).json()
    cursor, ids, link = api_as(admin), [], f"{URL}?cursor=&page_size=4&search={query}"
    while link is not None:
        body = cursor.get(link).json()
        ids += [row["id"] for row in body["results"]]
        link = body["next"]

    assert [row["id"] for row in pages["results"]] == expected
    assert pages["count"] == len(expected)
    assert ids == expected


def test_the_api_search_keeps_the_other_filters(api_as, admin, municipality, programme):
    people = make_participants(programme, 14)
    Participant.objects.filter(pk__in=[p.pk for p in people[:7]]).update(
        status=ParticipantStatus.PLACED
    )
    expected = list(
        participant_list(municipality=municipality, search="bakker", status="placed").values_list(
            "pk", flat=True
        )
    )

    body = api_as(admin).get(URL, {"search": "bakker", "status": "placed"}).json()

    assert [row["id"] for row in body["results"]] == expected
    assert len(expected) == 1
