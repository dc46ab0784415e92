"""The council report pages: who may do what, refusals that change nothing, the
comparison of versions, the files and their audit, the house style."""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.reports import services
from basisbaan.reports.constants import ReportStatus
from basisbaan.reports.models import CouncilReport, HouseStyle
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY, make_member
from tests.factories import ParticipantFactory, PlacementFactory, ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(municipality):
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    for day in range(1, 8):
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, day))
    return programme


@pytest.fixture
def manager(municipality):
    return make_member(municipality, Role.PROGRAMME_MANAGER, username="manager")


@pytest.fixture
def draft(programme, manager):
    return services.report_create(
        programme=programme,
        actor=manager,
        title="Voortgang",
        as_of=TODAY,
        period_start=TODAY.replace(day=1),
        period_end=TODAY,
        today=TODAY,
        texts={"state": "Op {peildatum} werken {aantal_deelnemers} mensen."},
    )


def edit_data(**texts: str) -> dict[str, str]:
    data = {
        "title": "Voortgang",
        "as_of": TODAY.strftime("%d-%m-%Y"),
        "period_start": TODAY.replace(day=1).strftime("%d-%m-%Y"),
        "period_end": TODAY.strftime("%d-%m-%Y"),
    }
    data.update({f"text_{key}": value for key, value in texts.items()})
    return data


def test_the_preview_fills_the_fields_and_shows_the_figures(client, manager, draft):
    client.force_login(manager)
    page = client.get(reverse("reports:detail", args=[draft.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Op 18 november 2026 werken 7 mensen." in text
    assert "Teksten bewerken" in text


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CASEWORKER, 403),
        (Role.JOBCOACH, 403),
        (Role.RESEARCHER, 200),
        (Role.CONTROLLER, 200),
        (Role.READ_ONLY, 200),
    ],
)
def test_who_may_read(client, municipality, draft, role, status):
    client.force_login(make_member(municipality, role))
    assert client.get(reverse("reports:detail", args=[draft.pk])).status_code == status


@pytest.mark.parametrize("role", [Role.CONTROLLER, Role.RESEARCHER, Role.READ_ONLY])
def test_only_the_programme_manager_writes(client, municipality, draft, role):
    client.force_login(make_member(municipality, role))
    with unchanged(draft):
        edited = client.post(reverse("reports:edit", args=[draft.pk]), edit_data(state="x"))
        finalised = client.post(reverse("reports:finalise", args=[draft.pk]))
    assert (edited.status_code, finalised.status_code) == (403, 403)


def test_another_municipality_sees_nothing(client, other_municipality, draft):
    client.force_login(make_member(other_municipality, Role.PROGRAMME_MANAGER, "elders"))
    with unchanged(draft, reads=True):
        for name in ("detail", "edit", "finalise", "compare"):
            assert client.get(reverse(f"reports:{name}", args=[draft.pk])).status_code == 404
        download = reverse("reports:download", args=[draft.pk, "pdf"])
        assert client.get(download).status_code == 404


def test_editing_warns_about_a_participant_name(client, manager, programme, draft):
    ParticipantFactory(programme=programme, first_name="Dennis", last_name="Bakker")
    client.force_login(manager)
    saved = client.post(
        reverse("reports:edit", args=[draft.pk]),
        edit_data(state="Dennis Bakker werkt nu bij de gemeente."),
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.texts["state"] == "Dennis Bakker werkt nu bij de gemeente."
    text = saved.content.decode()
    assert "Namen van deelnemers in de tekst" in text
    assert 'In "Stand van zaken": Dennis Bakker.' in text


def test_finalise_freezes_and_a_final_version_cannot_be_edited(client, manager, draft):
    client.force_login(manager)
    client.post(reverse("reports:finalise", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == ReportStatus.FINAL
    assert draft.filled_texts["state"] == "Op 18 november 2026 werken 7 mensen."
    with unchanged(draft):
        assert client.get(reverse("reports:edit", args=[draft.pk])).status_code == 404
        again = client.post(reverse("reports:finalise", args=[draft.pk]), follow=True)
    assert "Deze versie is definitief en verandert niet meer." in again.content.decode()


def test_a_new_version_and_its_comparison(client, manager, programme, draft):
    client.force_login(manager)
    final = services.report_finalise(report=draft, actor=manager)
    made = client.post(reverse("reports:new_version", args=[final.pk]))
    new = CouncilReport.objects.get(previous=final)
    assert made.url == reverse("reports:edit", args=[new.pk])
    assert (new.number, new.status) == (2, ReportStatus.DRAFT)
    PlacementFactory(participant__programme=programme, start_date=dt.date(2025, 1, 6))
    client.post(
        reverse("reports:edit", args=[new.pk]),
        edit_data(state="Op {peildatum} werken {aantal_deelnemers} mensen in een basisbaan."),
    )
    page = client.get(reverse("reports:compare", args=[new.pk])).content.decode()
    assert (
        '<ins><span class="bb-visually-hidden">toegevoegd: </span>8 mensen in een basisbaan.</ins>'
        in page
    )
    assert '<del><span class="bb-visually-hidden">weggehaald: </span>7 mensen.</del>' in page
    assert "<td>7</td><td>8</td>" in page
    # The final version is untouched by the later placement.
    final.refresh_from_db()
    assert final.figures["facts"]["aantal_deelnemers"] == "7"


@pytest.mark.parametrize(
    ("fmt", "content_type", "start"),
    [
        ("pdf", "application/pdf", b"%PDF-"),
        ("pdfa", "application/pdf", b"%PDF-"),
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            b"PK",
        ),
    ],
)
def test_downloads_are_audited(client, municipality, manager, draft, fmt, content_type, start):
    client.force_login(manager)
    response = client.get(reverse("reports:download", args=[draft.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(start)
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.actor, entry.municipality) == (
        "reports.councilreport",
        manager,
        municipality,
    )
    assert entry.changes == {
        "filters": {"id": str(draft.pk), "version": "1", "status": "draft"},
        "rows": 1,
        "format": fmt,
    }


def test_an_unknown_format_is_not_found(client, manager, draft):
    client.force_login(manager)
    with unchanged(reads=True):
        assert client.get(reverse("reports:download", args=[draft.pk, "exe"])).status_code == 404


def test_house_style_with_a_logo(client, municipality, manager):
    client.force_login(manager)
    logo = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'
    )
    client.post(
        reverse("reports:house_style"),
        {
            "name": "Gemeente Leeuwarden",
            "colour": "#1F4E79",
            "accent": "#c8102e",
            "font": "DejaVu Serif",
            "logo": logo,
            "logo_alt": "Wapen van Leeuwarden",
        },
    )
    style = HouseStyle.objects.get(municipality=municipality)
    assert (style.name, style.colour, style.font, style.logo_alt) == (
        "Gemeente Leeuwarden",
        "#1f4e79",
        "DejaVu Serif",
        "Wapen van Leeuwarden",
    )
    assert style.logo_svg.startswith("<svg")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "bevat scripts",
        ),
        (b"<html>niet een svg</html>", "geen geldig SVG-bestand"),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>',
            "onveilige onderdelen",
        ),
    ],
)
def test_house_style_refuses_an_unsafe_logo(client, manager, content, message):
    client.force_login(manager)
    with unchanged():
        page = client.post(
            reverse("reports:house_style"),
            {
                "colour": "#1f4e79",
                "accent": "#c8102e",
                "font": "DejaVu Sans",
                "logo": SimpleUploadedFile("logo.svg", content),
            },
        )
    assert page.status_code == 200
    assert message in page.content.decode()


def test_a_report_dated_in_the_far_future_is_refused(client, manager, programme):
    client.force_login(manager)
    with unchanged(reads=True):
        page = client.post(
            reverse("reports:create"),
            {
                "programme": programme.pk,
                "title": "Ver weg",
                "as_of": "31-12-9999",
                "period_start": "01-01-9999",
                "period_end": "31-12-9999",
            },
        )
    assert page.status_code == 200
    assert "De peildatum ligt in de toekomst." in page.content.decode()


@pytest.mark.parametrize(
    ("field", "colour", "message"),
    [
        (
            "colour",
            "#ffcc00",
            "Deze kleur is te licht voor koppen op wit (contrast 1,5, nodig is 4,5).",
        ),
        ("accent", "#dddddd", "Deze accentkleur is te licht op wit (contrast 1,4, nodig is 3)."),
        ("colour", "blauw", "Vul een kleur in als #1f4e79."),
    ],
)
def test_house_style_refuses_colours_without_contrast(client, manager, field, colour, message):
    client.force_login(manager)
    data = {"colour": "#1f4e79", "accent": "#c8102e", "font": "DejaVu Sans", field: colour}
    with unchanged():
        page = client.post(reverse("reports:house_style"), data)
    assert message in page.content.decode()


def test_only_the_writer_sees_the_name_warning(client, municipality, manager, programme, draft):
    ParticipantFactory(programme=programme, first_name="Dennis", last_name="Bakker")
    services.report_update(
        report=draft, actor=manager, data={"texts": {"state": "Dennis B. werkt."}}, today=TODAY
    )
    client.force_login(make_member(municipality, Role.RESEARCHER))
    as_researcher = client.get(reverse("reports:detail", args=[draft.pk])).content.decode()
    client.force_login(manager)
    as_manager = client.get(reverse("reports:detail", args=[draft.pk])).content.decode()

    assert "Dennis Bakker" not in as_researcher
    assert "Namen van deelnemers in de tekst" not in as_researcher
    assert 'In "Stand van zaken": Dennis Bakker.' in as_manager
