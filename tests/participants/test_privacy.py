"""The personal-data policy itself: per role what of a participant is seen, searched,
sorted and audited, and the template tags that ask it."""

from __future__ import annotations

import re

import pytest

from django.template import Context, Template
from django.test import RequestFactory

from basisbaan.audit.display import HIDDEN
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import (
    NEUTRAL_ORDERING,
    Disclosure,
    PersonalDataPolicy,
    mask_bsn,
    policy_for,
)
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Membership, User
from basisbaan.tenancy.roles import MATRIX, Perm, Role
from tests.factories import ParticipantFactory

FULL = PersonalDataPolicy(Disclosure.FULL)
MASKED = PersonalDataPolicy(Disclosure.MASKED_BSN)
PSEUDONYM = PersonalDataPolicy(Disclosure.PSEUDONYM)


@pytest.mark.parametrize(
    ("role", "disclosure"),
    [
        (Role.CASEWORKER, Disclosure.FULL),
        (Role.JOBCOACH, Disclosure.FULL),
        (Role.PROGRAMME_MANAGER, Disclosure.FULL),
        (Role.CONTROLLER, Disclosure.FULL),
        (Role.FUNCTIONAL_ADMIN, Disclosure.FULL),
        (Role.READ_ONLY, Disclosure.MASKED_BSN),
        (Role.RESEARCHER, Disclosure.PSEUDONYM),
        (None, Disclosure.PSEUDONYM),
    ],
)
def test_each_role_has_one_disclosure(role, disclosure):
    assert PersonalDataPolicy.for_role(role).disclosure == disclosure


def test_the_read_only_role_sees_names_but_not_the_whole_bsn_by_a_permission():
    """A distinct permission, not a special case of the role."""
    granted = MATRIX[Role.READ_ONLY]
    assert Perm.PARTICIPANT_VIEW_PERSONAL in granted
    assert Perm.PARTICIPANT_VIEW_BSN not in granted
    assert {r for r in Role if Perm.PARTICIPANT_VIEW_BSN in MATRIX[r]} == {
        Role.CASEWORKER,
        Role.JOBCOACH,
        Role.PROGRAMME_MANAGER,
        Role.CONTROLLER,
        Role.FUNCTIONAL_ADMIN,
    }


def test_mask_bsn_keeps_the_last_four_digits():
    assert mask_bsn("111222333") == "*****2333"
    assert mask_bsn("012345672") == "*****5672"
    assert mask_bsn("") == ""


@pytest.mark.django_db
def test_name_and_bsn_per_disclosure(municipality):
    person = ParticipantFactory(
        programme__municipality=municipality,
        first_name="Piet",
        name_prefix="de",
        last_name="Jong",
        bsn="111222333",
    )
    assert (FULL.name(person), FULL.bsn(person)) == ("Piet de Jong", "111222333")
    assert (MASKED.name(person), MASKED.bsn(person)) == ("Piet de Jong", "*****2333")
    assert (PSEUDONYM.name(person), PSEUDONYM.bsn(person)) == (person.pseudonym, "")
    assert re.fullmatch(r"P(-[A-Z2-7]{4}){4}", person.pseudonym)


def test_shown_fields_are_what_the_audit_records():
    fields = ["bsn", "first_name", "last_name"]
    assert FULL.shown_fields(fields) == ["bsn", "first_name", "last_name"]
    assert MASKED.shown_fields(fields) == ["bsn_masked", "first_name", "last_name"]
    assert PSEUDONYM.shown_fields(fields) == []


@pytest.mark.parametrize(
    ("text", "full", "masked", "pseudonym"),
    [
        ("  de Jong ", "de Jong", "de Jong", ""),
        ("111222333", "111222333", "", ""),
        ("111 222 333", "111 222 333", "", ""),
        ("2333", "2333", "", ""),
        ("Jong2", "Jong2", "", ""),
        ("", "", "", ""),
    ],
)
def test_search_text(text, full, masked, pseudonym):
    assert FULL.search_text(text) == full
    assert MASKED.search_text(text) == masked
    assert PSEUDONYM.search_text(text) == pseudonym


def test_refuses_search_only_for_a_non_empty_search():
    assert MASKED.refuses_search("111222333") is True
    assert MASKED.refuses_search("Jong") is False
    assert MASKED.refuses_search("  ") is False
    assert PSEUDONYM.refuses_search("Jong") is True
    assert FULL.refuses_search("111222333") is False


@pytest.mark.parametrize(
    ("model", "path", "full", "masked", "pseudonym"),
    [
        (Participant, "last_name", True, True, False),
        (Participant, "-first_name", True, True, False),
        (Participant, "bsn", True, False, False),
        (Participant, "date_of_birth", True, True, False),
        (Participant, "status_changed_at", True, True, True),
        (Participant, "id", True, True, True),
        (Contract, "participant__last_name", True, True, False),
        (Contract, "-participant__bsn", True, False, False),
        (Contract, "participant__status", True, True, True),
        (Placement, "position__host__name", True, True, True),
        (RenewalDecision, "period__contract__participant__last_name", True, True, False),
        # A staff member's name is no participant identity.
        (Participant, "contact_person__last_name", True, True, True),
        # Unresolvable paths are judged by their last part.
        (Contract, "annotated__last_name", True, True, False),
        (Contract, "whatever", True, True, True),
    ],
)
def test_may_order_by(model, path, full, masked, pseudonym):
    assert FULL.may_order_by(model, path) is full
    assert MASKED.may_order_by(model, path) is masked
    assert PSEUDONYM.may_order_by(model, path) is pseudonym


@pytest.mark.django_db
def test_order_participants_is_neutral_for_pseudonym_viewers_only():
    qs = Participant.objects.all()
    assert FULL.order_participants(qs).query.order_by == ()
    assert list(PSEUDONYM.order_participants(qs).query.order_by) == list(NEUTRAL_ORDERING)


@pytest.mark.django_db
def test_sort_rows_by_pseudonym_for_pseudonym_viewers(municipality):
    people = ParticipantFactory.create_batch(5, programme__municipality=municipality)
    rows = [("row", p) for p in people]
    assert FULL.sort_rows(rows, lambda r: r[1]) == rows
    assert [p.pseudonym for _row, p in PSEUDONYM.sort_rows(rows, lambda r: r[1])] == sorted(
        p.pseudonym for p in people
    )


def test_record_label_hides_names_from_pseudonym_viewers():
    assert FULL.record_label(Participant, "7", "Piet de Jong") == "Piet de Jong"
    assert MASKED.record_label(Participant, "7", "Piet de Jong") == "Piet de Jong"
    assert PSEUDONYM.record_label(Participant, "7", "Piet de Jong") == Participant(pk=7).pseudonym
    # Labels that name a participant, through up to three foreign keys.
    assert PSEUDONYM.record_label(Placement, "3", "Piet de Jong – Groen") == ""
    assert PSEUDONYM.record_label(ContractPeriod, "3", "Piet de Jong – Caparis #1") == ""
    assert PSEUDONYM.record_label(RenewalDecision, "3", "Piet – Caparis #1: verlengen") == ""
    # Labels that do not.
    assert PSEUDONYM.record_label(Host, "2", "Caparis") == "Caparis"
    assert PSEUDONYM.record_label(User, "2", "anna") == "anna"
    assert PSEUDONYM.record_label(None, "2", "iets") == "iets"


def test_field_value_masks_or_hides_participant_identity():
    assert FULL.field_value(Participant, "bsn", "111222333") == "111222333"
    assert MASKED.field_value(Participant, "bsn", "111222333") == "*****2333"
    assert MASKED.field_value(Participant, "last_name", "Jong") == "Jong"
    assert PSEUDONYM.field_value(Participant, "last_name", "Jong") is HIDDEN
    assert PSEUDONYM.field_value(Participant, "status", "placed") == "placed"
    assert PSEUDONYM.field_value(Host, "name", "Caparis") == "Caparis"


@pytest.mark.django_db
def test_policy_for_a_page_request_uses_its_membership(municipality):
    request = RequestFactory().get("/")
    assert policy_for(request).disclosure == Disclosure.PSEUDONYM  # no membership
    request.membership = Membership(municipality=municipality, role=Role.READ_ONLY)
    assert policy_for(request).disclosure == Disclosure.MASKED_BSN
    assert policy_for(None).disclosure == Disclosure.PSEUDONYM


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("disclosure", "expected"),
    [
        (Disclosure.FULL, "Piet de Jong|111222333|Piet de Jong"),
        (Disclosure.MASKED_BSN, "Piet de Jong|*****2333|Piet de Jong"),
        (Disclosure.PSEUDONYM, '<span class="bb-mono">{p}</span>||{p}'),
    ],
)
def test_template_tags_render_what_the_policy_allows(municipality, disclosure, expected):
    person = ParticipantFactory(
        programme__municipality=municipality,
        first_name="Piet",
        name_prefix="de",
        last_name="Jong",
        bsn="111222333",
    )
    template = Template(
        "{% participant_name p %}|{% participant_bsn p %}|"
        "{% participant_label p as label %}{{ label }}"
    )
    context = Context({"p": person, "privacy": PersonalDataPolicy(disclosure)})
    assert template.render(context) == expected.format(p=person.pseudonym)


@pytest.mark.django_db
def test_template_tags_without_a_policy_show_no_identity(municipality):
    """A template rendered without a request (or a viewer) shows pseudonyms."""
    person = ParticipantFactory(programme__municipality=municipality, bsn="111222333")
    rendered = Template("{% participant_label p %}|{% participant_bsn p %}").render(
        Context({"p": person})
    )
    assert rendered == f"{person.pseudonym}|"
