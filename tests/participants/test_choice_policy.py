"""The participant choice shows and searches as the viewer's personal-data policy allows."""

from __future__ import annotations

import pytest

from django import forms

from basisbaan.core.forms import Form
from basisbaan.participants.choices import ParticipantChoiceField
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import Disclosure, PersonalDataPolicy
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


class ChoiceForm(Form):
    participant = ParticipantChoiceField(label="Deelnemer", queryset=Participant.objects.none())


def rendered(policy: PersonalDataPolicy, query: str) -> forms.Field:
    form = ChoiceForm(initial={"participant_q": query})
    field = form.fields["participant"]
    assert isinstance(field, ParticipantChoiceField)
    field.queryset = Participant.objects.all()
    field.apply_policy(policy)
    str(form["participant"])
    return field


def test_a_full_viewer_finds_by_name(person):
    field = rendered(PersonalDataPolicy(Disclosure.FULL), "jong piet")
    assert [field.label_from_instance(p) for p in field.shown_rows()] == [
        "Piet de Jong (Basisbanen Leeuwarden)"
    ]


def test_a_masked_viewer_may_not_search_with_digits(person):
    field = rendered(PersonalDataPolicy(Disclosure.MASKED_BSN), "1112")
    assert field.shown_rows() == []


def test_a_pseudonym_viewer_sees_pseudonyms_and_cannot_search(person):
    found = rendered(PersonalDataPolicy(Disclosure.PSEUDONYM), "jong")
    assert found.shown_rows() == []
    listed = rendered(PersonalDataPolicy(Disclosure.PSEUDONYM), "")
    assert [listed.label_from_instance(p) for p in listed.shown_rows()] == [
        f"{person.pseudonym} (Basisbanen Leeuwarden)"
    ]


def test_the_other_municipality_is_not_in_the_scoped_queryset(person, other_municipality):
    ParticipantFactory(
        programme__municipality=other_municipality, first_name="Piet", last_name="Jong"
    )
    form = ChoiceForm(initial={"participant_q": "jong"})
    field = form.fields["participant"]
    field.queryset = Participant.objects.filter(municipality=person.municipality)
    field.apply_policy(PersonalDataPolicy(Disclosure.FULL))
    str(form["participant"])
    assert field.shown_rows() == [person]
