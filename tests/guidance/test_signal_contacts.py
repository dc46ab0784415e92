"""A signal raised by a host contact: only a contact of the participant's current host.

The page lists only those contacts (reloaded when the participant changes), and
the service refuses any other, so the API cannot bypass the page.
"""

from __future__ import annotations

import datetime as dt

import pytest

from django.core.exceptions import ValidationError

from basisbaan.guidance import services
from basisbaan.guidance.models import Signal
from tests.factories import HostContactFactory, PositionFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
REFUSED = (
    "Deze contactpersoon hoort niet bij de werkgever waar de deelnemer op 18-11-2026 geplaatst is."
)


@pytest.fixture
def elsewhere(municipality):
    """A contact of another host in the same municipality."""
    position = PositionFactory(host__municipality=municipality, host__name="Zwembad")
    return HostContactFactory(host=position.host, name="Zara Zwembad")


def _signal(person, contact, coach):
    return {
        "participant": person.pk,
        "kind": "absence",
        "description": "Twee dagen niet gekomen",
        "raised_by_host_contact": contact.pk,
        "owner": coach.pk,
    }


def test_the_form_lists_only_the_contacts_of_the_participants_host(
    placed, coach, host_contact, elsewhere, client_as
):
    person = placed().participant
    client = client_as(coach)

    chosen = client.get(f"/begeleiding/signalen/nieuw/?deelnemer={person.pk}")
    reloaded = client.get(
        f"/begeleiding/signalen/nieuw/?participant={person.pk}", HTTP_HX_REQUEST="true"
    )
    none_yet = client.get("/begeleiding/signalen/nieuw/")

    contacts = chosen.context["form"].fields["raised_by_host_contact"].queryset
    assert list(contacts) == [host_contact]
    body = chosen.content.decode()
    assert "Harm Host (Bibliotheek)" in body
    assert "Zara Zwembad" not in body
    assert list(reloaded.context["form"].fields["raised_by_host_contact"].queryset) == [
        host_contact
    ]
    assert 'id="signal-contact"' in reloaded.content.decode()
    assert list(none_yet.context["form"].fields["raised_by_host_contact"].queryset) == []
    assert 'hx-get="/begeleiding/signalen/nieuw/"' in none_yet.content.decode()


def test_the_page_refuses_a_contact_of_another_host(placed, coach, elsewhere, client_as):
    person = placed().participant
    client = client_as(coach)

    with unchanged(person, reads=True):  # the form again lists names: audited
        refused = client.post("/begeleiding/signalen/nieuw/", _signal(person, elsewhere, coach))

    assert refused.status_code == 200
    assert "raised_by_host_contact" in refused.context["form"].errors
    assert not Signal.objects.exists()


def test_the_api_refuses_a_contact_of_another_host(placed, coach, elsewhere, api_as):
    person = placed().participant

    with unchanged(person):
        refused = api_as(coach).post(
            "/api/v1/signals/", _signal(person, elsewhere, coach), format="json"
        )

    assert refused.status_code == 400
    assert REFUSED in str(refused.json())
    assert not Signal.objects.exists()


def test_the_api_accepts_a_contact_of_the_current_host(placed, coach, host_contact, api_as):
    person = placed().participant
    raised = api_as(coach).post(
        "/api/v1/signals/", _signal(person, host_contact, coach), format="json"
    )
    assert raised.status_code == 201, raised.json()
    assert Signal.objects.get().raised_by_host_contact == host_contact


def test_the_service_checks_the_host_on_the_day_the_signal_was_raised(
    placed, coach, host_contact, elsewhere
):
    """Placed at the library until 31-03-2025: its contact may report about March,
    not about April; a contact of another host never."""
    person = placed(start=D(2025, 1, 1), end=D(2025, 3, 31)).participant

    signal = services.signal_raise(
        participant=person,
        actor=coach,
        kind="absence",
        description="Ziek gemeld",
        owner=coach,
        raised_on=D(2025, 3, 31),
        raised_by_host_contact=host_contact,
    )
    assert signal.raised_by_host_contact == host_contact
    for contact, day in [(host_contact, D(2025, 4, 1)), (elsewhere, D(2025, 3, 1))]:
        with pytest.raises(ValidationError) as caught, unchanged(person):
            services.signal_raise(
                participant=person,
                actor=coach,
                kind="absence",
                description="Ziek gemeld",
                owner=coach,
                raised_on=day,
                raised_by_host_contact=contact,
            )
        assert caught.value.message_dict == {
            "raised_by_host_contact": [
                "Deze contactpersoon hoort niet bij de werkgever waar de deelnemer op "
                f"{day:%d-%m-%Y} geplaatst is."
            ]
        }
    assert Signal.objects.count() == 1
