"""The participant page links to the ESF+ registration (ESF_VIEW; the form for ESF_MANAGE)."""

from __future__ import annotations

import pytest

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_link_to_the_registration_for_a_caseworker(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-l"))
    anna, cas = world["people"]["Anna"], world["people"]["Cas"]
    html = client.get(f"/deelnemers/{anna.pk}/").content.decode()
    assert f'href="/esf/deelnemer/{anna.pk}/">ESF+-registratie</a>' in html
    html = client.get(f"/deelnemers/{cas.pk}/").content.decode()
    assert f'href="/esf/deelnemer/{cas.pk}/">ESF+: nog niet geregistreerd</a>' in html


def test_a_viewer_gets_the_operation_page(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CONTROLLER, username="controller-l"))
    anna = world["people"]["Anna"]
    html = client.get(f"/deelnemers/{anna.pk}/").content.decode()
    assert f'href="/esf/{world["programme"].pk}/">ESF+-registratie</a>' in html


def test_no_link_without_esf_view_or_operation(client_as, municipality, world):
    coach = client_as(make_member(municipality, Role.JOBCOACH, username="coach-l"))
    anna = world["people"]["Anna"]
    html = coach.get(f"/deelnemers/{anna.pk}/").content.decode()
    assert "ESF+-registratie" not in html and "/esf/deelnemer/" not in html
    other = ParticipantFactory(
        programme=ProgrammeFactory(municipality=municipality, name="Zonder", slug="zonder")
    )
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-m"))
    html = client.get(f"/deelnemers/{other.pk}/").content.decode()
    assert "nog niet geregistreerd" not in html and "/esf/deelnemer/" not in html
