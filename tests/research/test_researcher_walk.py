"""The researcher's walk: a researcher visits every URL pattern and every API route,
with the ids of every kind of record, and never sees a participant's name, BSN,
address, phone number or e-mail address.

The researcher sees pseudonymised data only (issue 15): participants by their
research pseudonym, respondents by their code. The records are those of the
cross-municipality walk (one of every kind, a whole study among them), all in
the researcher's own municipality.
"""

from __future__ import annotations

import pytest

from django.urls import get_resolver

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.test_tenant_walk import SKIP, _fill, _patterns, world_a  # noqa: F401 - a fixture
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

IDENTITY = {
    "first_name": "Zwaantje",
    "last_name": "Kwakernaak",
    "street": "Klokslagstraat 9",
    "postcode": "8911 AB",
    "email": "zwaantje@voorbeeld.nl",
    "phone": "06-99887766",
}
BSN = "123456782"


@pytest.fixture
def identity(world_a):  # noqa: F811 - the imported fixture
    """The participant of the walk (who is a respondent of its study) with an identity
    that appears nowhere else."""
    participant = world_a[1]
    for field, value in IDENTITY.items():
        setattr(participant, field, value)
    participant.save()
    return participant


def forbidden_in(body: str) -> list[str]:
    values = [*IDENTITY.values(), BSN, IDENTITY["postcode"].replace(" ", "")]
    return [value for value in values if value.lower() in body.lower()]


def test_no_page_or_api_response_shows_the_researcher_a_participants_identity(
    world_a,  # noqa: F811 - the imported fixture
    identity,
    municipality,
    client_as,
):
    researcher = make_member(municipality, Role.RESEARCHER, username="onderzoeker-a")
    # A fixed name: the header shows it, and a random one could match the identity.
    researcher.first_name, researcher.last_name = "Onder", "Zoeker"
    researcher.save(update_fields=["first_name", "last_name"])
    client = client_as(researcher)
    ids = sorted({str(obj.pk) for obj in world_a}, key=int)

    visited = shown = 0
    with unchanged(*world_a, reads=True):
        for route, _pattern in _patterns(get_resolver()):
            if SKIP.match(route):
                continue
            for value in ids if "<" in route or "(?P" in route else [""]:
                path = _fill(route, value)
                if path is None:
                    continue
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                visited += 1
                assert response.status_code < 500, f"{path} gave {response.status_code}"
                if response.status_code == 200:
                    shown += 1
                    body = b"".join(
                        response.streaming_content if response.streaming else [response.content]
                    ).decode(errors="replace")
                    assert not forbidden_in(body), f"{path} shows {forbidden_in(body)}"
    assert visited > 100
    assert shown > 40
