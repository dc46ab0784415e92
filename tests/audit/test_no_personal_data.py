"""No BSN, name or address in the audit log: a walk over every entry of the demo.

The demo loads through the services (every write audited) and then a caseworker
changes, reads and lists participants through the pages; every entry's changes,
record name and user name are searched for every participant's BSN, first and
last name and street, and for every host contact's name, e-mail and phone.
A second walk checks that every model field that looks identifying is masked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from django.apps import apps

from basisbaan.audit.masking import MASK, MASKED_FIELDS, mask_changes, masked_fields, neutral_repr
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.hosts.models import HostContact
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_update
from basisbaan.tenancy.models import Membership
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY
from tests.demo.story import load_demo_as_of
from tests.factories import ParticipantFactory

# Field names that identify a person wherever they occur.
IDENTIFYING = frozenset(
    {
        "bsn",
        "first_name",
        "name_prefix",
        "last_name",
        "search_name",
        "date_of_birth",
        "birth_date",
        "email",
        "phone",
        "street",
        "postcode",
        "iban",
        "employee_number",
    }
)

# Fields with an identifying name that identify no person, and why.
NOT_PERSONAL = {
    # An employer's business address is public (the Chamber of Commerce register).
    ("hosts.host", "street"),
    ("hosts.host", "postcode"),
    # Where a position is (for travel distance), and the postcode table itself.
    ("intake.positionprofile", "postcode"),
    ("intake.postcodearea", "postcode"),
}


def strings(value: Any) -> Iterator[str]:
    """Every text in a stored JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif value is not None:
        yield str(value)


def test_every_identifying_field_is_masked():
    missing = [
        (model._meta.label_lower, field.name)
        for model in apps.get_models()
        if model.__module__.startswith("basisbaan.")
        for field in model._meta.concrete_fields
        if field.name in IDENTIFYING
        and (model._meta.label_lower, field.name) not in NOT_PERSONAL
        and field.name not in masked_fields(model._meta.label_lower)
    ]
    assert missing == []
    # Every model named in the list exists, with every field named.
    for label, names in MASKED_FIELDS.items():
        model = apps.get_model(label)
        assert names <= {f.name for f in model._meta.concrete_fields}, label


def test_masking_keeps_which_fields_changed_not_the_values():
    changes = {
        "bsn": [None, "111222333"],
        "last_name": ["Jong", "Vries"],
        "email": ["", "a@example.nl"],
        "status": ["registered", "active"],
    }
    assert mask_changes("participants.participant", changes) == {
        "bsn": [None, MASK],
        "last_name": [MASK, MASK],
        "email": ["", MASK],
        "status": ["registered", "active"],
    }
    # A view names fields only; an export's search text is masked, its other filters kept.
    assert mask_changes("participants.participant", {"fields": ["bsn"]}) == {"fields": ["bsn"]}
    assert mask_changes(
        "participants.participant", {"filters": {"q": "Jong", "status": "active"}, "rows": 3}
    ) == {"filters": {"q": MASK, "status": "active"}, "rows": 3}
    assert neutral_repr("participants.participant", "12") == "Deelnemer #12"
    assert neutral_repr("participants.participant", "") == "deelnemers"


@pytest.mark.django_db
def test_a_participant_change_keeps_no_value(municipality, caseworker):
    person = ParticipantFactory(
        programme__municipality=municipality,
        bsn="111222333",
        last_name="Jong",
        street="Kerkstraat 1",
    )
    before = snapshot(person)
    person.last_name, person.street = "Vries", "Dorpsweg 2"
    person.save()
    entry = audit_change(
        actor=caseworker, instance=person, action=AuditAction.UPDATE, before=before
    )
    entry.refresh_from_db()
    assert entry.changes == {
        "last_name": [MASK, MASK],
        "street": [MASK, MASK],
        "search_name": [MASK, MASK],
    }
    assert entry.object_repr == f"Deelnemer #{person.pk}"


@pytest.mark.django_db
def test_no_bsn_or_name_in_any_audit_entry(client_as):
    load_demo_as_of(TODAY)
    town = Participant.objects.order_by("id").first().municipality
    worker = Membership.objects.filter(municipality=town, role=Role.CASEWORKER).first().user
    # A change of identity, and the pages that show it (views and lists are audited).
    person = Participant.objects.filter(municipality=town).order_by("id").first()
    participant_update(
        participant=person,
        actor=worker,
        data={"last_name": "Hoekstra-Anders", "street": "Nieuwe Kade 12"},
    )
    client = client_as(worker)
    assert client.get(f"/deelnemers/{person.pk}/").status_code == 200
    assert client.get("/deelnemers/", {"q": "Hoekstra-Anders"}).status_code == 200

    secrets: set[str] = {"Hoekstra-Anders", "Nieuwe Kade 12"}
    for bsn, first, last, street in Participant.objects.values_list(
        "bsn", "first_name", "last_name", "street"
    ):
        secrets |= {bsn, first, last, street}
    for name, email, phone in HostContact.objects.values_list("name", "email", "phone"):
        secrets |= {name, email, phone}
    secrets = {s for s in secrets if s and len(s) >= 3}
    assert len(secrets) > 100
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)) + r")\b"
    )

    found: list[tuple[int, str]] = []
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        texts = [entry.object_repr, entry.actor_label, *strings(entry.changes)]
        found += [(entry.pk, match) for text in texts for match in pattern.findall(text)]
    assert count > 1000
    assert found == []
    # The walk would see them: the masked change of the name is there.
    changed = AuditEntry.objects.filter(
        object_type="participants.participant", object_id=str(person.pk), action="update"
    ).latest("id")
    assert json.dumps(changed.changes).count(MASK) >= 4
