"""The codebook, coding and analysis pages and the API, as a researcher."""

from __future__ import annotations

import re

import pytest

from django.urls import reverse

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research.models import Code, Coding
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.research.conftest_coding import Coded, coded_fixture  # noqa: F401
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _names(coded: Coded) -> list[str]:
    out = []
    for respondent in (coded.r1, coded.r4):
        p = respondent.participant
        out += [p.first_name, p.last_name, p.bsn, p.email, p.street]
    return [n for n in out if n]


def _assert_no_names(coded: Coded, content: bytes) -> None:
    text = content.decode()
    for name in _names(coded):
        assert not re.search(rf"\b{re.escape(name)}\b", text), name


def _pages(coded: Coded) -> list[str]:
    s = coded.study.pk
    return [
        reverse("research:codebook", args=[s]),
        reverse("research:code", args=[coded.w.pk]),
        reverse("research:code", args=[coded.w.pk]) + "?sub=1",
        reverse("research:code_edit", args=[coded.s.pk]),
        reverse("research:transcript", args=[coded.t1.pk]),
        reverse("research:transcript", args=[coded.t3.pk]),
        reverse("research:cooccurrence", args=[s]),
        reverse("research:comparison", args=[s]),
        reverse("research:quotes", args=[s]),
        reverse("research:saturation", args=[s]),
        reverse("research:code_colours", args=[s]),
    ]


def test_every_page_answers_without_names(coded: Coded, researcher, client_as) -> None:
    client = client_as(researcher)
    for url in _pages(coded):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_no_names(coded, response.content)


def test_another_municipality_sees_nothing(coded: Coded, other_municipality, client_as) -> None:
    client = client_as(make_member(other_municipality, Role.RESEARCHER, "onderzoeker-elders"))
    for url in _pages(coded):
        with unchanged():
            assert client.get(url).status_code == 404, url


def test_a_caseworker_may_not_see_the_pages(coded: Coded, caseworker, client_as) -> None:
    client = client_as(caseworker)
    assert client.get(reverse("research:codebook", args=[coded.study.pk])).status_code == 403


def test_transcript_page_shows_segments_codings_and_audits_the_read(
    coded: Coded, researcher, client_as
) -> None:
    response = client_as(researcher).get(reverse("research:transcript", args=[coded.t1.pk]))
    html = response.content.decode()
    assert html.count('name="segments"') == 4
    assert 'data-start="0"' in html
    assert '<mark class="rc-mark rc-code-' in html
    assert "Structuur</span>" in html  # the code's name beside the colour
    assert "<script src=" in html and "research/coding.js" in html
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="research.transcript")
    assert (entry.object_id, entry.changes) == (str(coded.t1.pk), {"fields": ["text"]})


def test_coding_consecutive_segments_without_javascript(
    coded: Coded, researcher, client_as
) -> None:
    client = client_as(researcher)
    url = reverse("research:transcript", args=[coded.t3.pk])
    response = client.post(
        url,
        {"segments": ["1", "2"], "code": coded.s.pk, "respondent": coded.r4.pk, "is_quote": "on"},
    )
    assert response.status_code == 302
    created = Coding.objects.get(transcript=coded.t3, code=coded.s)
    text = coded.t3.text
    assert text[created.start : created.end] == (
        "R: Goed. Ik heb structuur en collega's.\n\nI: En het geld?"
    )
    assert (created.respondent, created.is_quote) == (coded.r4, True)


def test_coding_an_exact_selection(coded: Coded, researcher, client_as) -> None:
    client = client_as(researcher)
    response = client.post(
        reverse("research:transcript", args=[coded.t2.pk]),
        {"start": "3", "end": "9", "code": coded.g.pk},
    )
    assert response.status_code == 302
    assert Coding.objects.filter(transcript=coded.t2, code=coded.g, start=3, end=9).exists()


def test_coding_refusals_show_the_form_and_change_nothing(
    coded: Coded, researcher, client_as
) -> None:
    client = client_as(researcher)
    url = reverse("research:transcript", args=[coded.t2.pk])
    with unchanged(reads=True):
        response = client.post(url, {"segments": ["0", "2"], "code": coded.g.pk})
    assert response.status_code == 400
    assert "Kies tekstdelen die op elkaar volgen" in response.content.decode()
    with unchanged(reads=True):
        response = client.post(url, {"segments": ["0"]})
    assert response.status_code == 400
    assert "Maak een keuze bij ‘Code’." in response.content.decode()


def test_codebook_create_edit_delete(coded: Coded, researcher, client_as) -> None:
    client = client_as(researcher)
    s = coded.study.pk
    response = client.post(
        reverse("research:code_create", args=[s]),
        {"code-name": "Zorg", "code-description": "", "code-parent": coded.w.pk, "code-colour": ""},
    )
    assert response.status_code == 302
    zorg = Code.objects.get(name="Zorg")
    assert zorg.parent == coded.w
    response = client.post(
        reverse("research:code_edit", args=[zorg.pk]),
        {"name": "Zorg thuis", "description": "x", "parent": "", "colour": "#112233"},
    )
    assert response.status_code == 302
    zorg.refresh_from_db()
    assert (zorg.name, zorg.parent, zorg.colour) == ("Zorg thuis", None, "#112233")
    with unchanged(reads=True):
        response = client.post(reverse("research:code_delete", args=[coded.g.pk]), follow=True)
    assert "De code ‘Geld’ is nog 2 keer gebruikt." in response.content.decode()
    client.post(reverse("research:code_delete", args=[zorg.pk]))
    assert not Code.objects.filter(pk=zorg.pk).exists()


def test_code_overview_audits_the_transcripts_shown(coded: Coded, researcher, client_as) -> None:
    response = client_as(researcher).get(reverse("research:code", args=[coded.w.pk]))
    assert "I: Hoe bev" in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.LIST, object_type="research.transcript")
    assert sorted(entry.changes["ids"]) == sorted(str(t.pk) for t in (coded.t1, coded.t2, coded.t4))


def test_quotes_page_withholds_a_quote_without_consent(coded: Coded, researcher, client_as) -> None:
    html = (
        client_as(researcher)
        .get(reverse("research:quotes", args=[coded.study.pk]))
        .content.decode()
    )
    assert "1 citaat mag niet worden gebruikt" in html
    assert "geen toestemming van R02" in html


def test_saturation_page_and_settings(coded: Coded, researcher, client_as) -> None:
    client = client_as(researcher)
    url = reverse("research:saturation", args=[coded.study.pk])
    html = client.get(url).content.decode()
    assert "Francis 10+3: nog niet bereikt" in html
    response = client.post(
        url,
        {
            "guest_base_size": "1",
            "guest_run_length": "1",
            "guest_threshold_percent": "5",
            "francis_initial": "1",
            "francis_stop": "1",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Verzadiging bereikt na 3 gesprekken (Guest: 2+1" in html
    assert "Francis 1+1: bereikt bij gesprek 3" in html
    assert '<svg class="rc-chart"' in html and "<title" in html and "<desc" in html
    with unchanged(coded.study, reads=True):
        response = client.post(url, {"guest_base_size": "0"})
    assert response.status_code == 400


def test_transcript_done_and_memo(coded: Coded, researcher, client_as) -> None:
    client = client_as(researcher)
    client.post(reverse("research:transcript_done", args=[coded.t4.pk]), {"done": "1"})
    coded.t4.refresh_from_db()
    assert coded.t4.coding_done
    client.post(
        reverse("research:memo_create", args=[coded.study.pk]),
        {"transcript": coded.t4.pk, "memo-title": "Let op", "memo-text": "Lang gesprek"},
    )
    assert coded.t4.memos.get().title == "Let op"


# -- API ----------------------------------------------------------------------------------


def test_api_codebook_tree(coded: Coded, researcher, api_as) -> None:
    response = api_as(researcher).get("/api/v1/research/codes/", {"study": coded.study.pk})
    assert response.status_code == 200
    assert [(c["name"], c["depth"], c["codings"], c["transcripts"]) for c in response.json()] == [
        ("Werk", 0, 3, 3),
        ("Structuur", 1, 1, 1),
        ("Geld", 0, 2, 2),
        ("Collega's", 0, 2, 2),
    ]
    assert api_as(researcher).get("/api/v1/research/codes/").status_code == 400


def test_api_code_create_move_delete(coded: Coded, researcher, api_as) -> None:
    client = api_as(researcher)
    response = client.post(
        "/api/v1/research/codes/", {"study": coded.study.pk, "name": "Zorg"}, format="json"
    )
    assert response.status_code == 201, response.json()
    zorg = response.json()["id"]
    response = client.post(
        f"/api/v1/research/codes/{zorg}/move/", {"parent": coded.g.pk}, format="json"
    )
    assert (response.status_code, response.json()["parent"], response.json()["depth"]) == (
        200,
        coded.g.pk,
        1,
    )
    with unchanged():
        response = client.post(
            f"/api/v1/research/codes/{coded.g.pk}/move/", {"parent": zorg}, format="json"
        )
    assert response.status_code == 400
    with unchanged():
        assert client.delete(f"/api/v1/research/codes/{coded.g.pk}/").status_code == 400
    assert client.delete(f"/api/v1/research/codes/{zorg}/").status_code == 204


def test_api_coding_create_quote_delete(coded: Coded, researcher, api_as) -> None:
    client = api_as(researcher)
    payload = {
        "transcript": coded.t3.pk,
        "code": coded.s.pk,
        "start": 2,
        "end": 7,
        "respondent": coded.r3.pk,
    }
    response = client.post("/api/v1/research/codings/", payload, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    with unchanged():
        again = client.post("/api/v1/research/codings/", payload, format="json")
    assert again.status_code == 400
    response = client.post(
        f"/api/v1/research/codings/{pk}/quote/", {"is_quote": True}, format="json"
    )
    assert response.json()["is_quote"] is True
    listed = client.get("/api/v1/research/codings/", {"transcript": coded.t3.pk}).json()
    assert "text" not in listed["results"][0] if "results" in listed else "text" not in listed[0]
    assert client.delete(f"/api/v1/research/codings/{pk}/").status_code == 204


def test_api_code_overview_is_audited_and_has_no_names(coded: Coded, researcher, api_as) -> None:
    response = api_as(researcher).get(
        f"/api/v1/research/codes/{coded.w.pk}/overview/", {"sub": "1"}
    )
    assert response.status_code == 200
    data = response.json()
    assert [f["text"] for f in data["fragments"]] == [
        coded.t1.text[0:10],
        coded.t1.text[5:20],
        coded.t2.text[0:8],
        coded.t4.text[0:5],
    ]
    assert data["fragments"][0]["respondents"] == [
        {
            "id": coded.r1.pk,
            "code": "R01",
            "kind": "participant",
            "pseudonym": coded.r1.participant.pseudonym,
        }
    ]
    _assert_no_names(coded, response.content)
    entry = AuditEntry.objects.filter(
        action=AuditAction.LIST, object_type="research.transcript"
    ).get()
    assert entry.changes["fields"] == ["text"]


def test_api_saturation_and_cooccurrence(coded: Coded, researcher, api_as) -> None:
    client = api_as(researcher)
    sat = client.get(f"/api/v1/research/analysis/{coded.study.pk}/saturation/").json()
    assert [(p["number"], p["new"], p["cumulative"]) for p in sat["curve"]] == [
        (1, 3, 3),
        (2, 1, 4),
        (3, 0, 4),
    ]
    assert sat["francis"]["text"] == "Francis 10+3: nog niet bereikt"
    cooc = client.get(f"/api/v1/research/analysis/{coded.study.pk}/cooccurrence/").json()
    pairs = {(p["code_a"], p["code_b"]): (p["overlaps"], p["transcripts"]) for p in cooc["pairs"]}
    assert pairs[(coded.w.pk, coded.s.pk)] == (1, 1)
    assert pairs[(coded.w.pk, coded.c.pk)] == (1, 1)
    assert len(pairs) == 5


def test_api_of_another_municipality(coded: Coded, other_municipality, api_as) -> None:
    client = api_as(make_member(other_municipality, Role.RESEARCHER, "onderzoeker-elders"))
    with unchanged():
        assert client.get(f"/api/v1/research/codes/{coded.w.pk}/overview/").status_code == 404
        assert (
            client.get(f"/api/v1/research/analysis/{coded.study.pk}/saturation/").status_code == 404
        )
        assert (
            client.delete(f"/api/v1/research/codings/{coded.codings['t1w'].pk}/").status_code == 404
        )
