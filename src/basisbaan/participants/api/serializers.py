from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from basisbaan.calc.income import MAX_CHILDREN
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.outcomes.api.fields import ExitWorkSerializer
from basisbaan.participants.constants import PARTICIPANT_FIELDS, ExitReason, ParticipantStatus
from basisbaan.participants.models import Participant, participant_pseudonym
from basisbaan.participants.privacy import policy_for
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality, User


def staff_list(*, municipality: Municipality) -> Any:
    """Users with a membership in ``municipality``: candidates for contact person."""
    return User.objects.filter(memberships__municipality=municipality).distinct()


class ParticipantSerializer(serializers.ModelSerializer[Participant]):
    """All fields, identity and contact data included (audited on every read).

    The BSN goes out as the personal-data policy of the request allows: whole,
    or its last four digits (``*****1234``) for the read-only role.
    """

    # Empty until the participant exits: the schema's enum includes "".
    exit_reason = serializers.ChoiceField(
        choices=ExitReason.choices, allow_blank=True, read_only=True, label="Reden uitstroom"
    )

    programme = ScopedPrimaryKeyRelatedField(
        selector=programme_list, queryset=Programme.objects.none(), label="programma"
    )
    contact_person = ScopedPrimaryKeyRelatedField(
        selector=staff_list,
        queryset=User.objects.none(),
        allow_null=True,
        required=False,
        label="vast aanspreekpunt",
        help_text="Id van een consulent, jobcoach of programmamanager van de gemeente.",
    )
    contact_person_reason = serializers.CharField(
        write_only=True,
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="Reden van een wisseling van het vaste aanspreekpunt (verplicht bij wisselen).",
    )
    date_of_birth = DateField(label="geboortedatum")
    social_assistance_start = DateField(
        label="in de bijstand sinds", allow_null=True, required=False
    )
    # A list of birth months "YYYY-MM" (never null); the service checks each value.
    children_birth_months = serializers.ListField(
        child=serializers.CharField(max_length=7),
        required=False,
        max_length=MAX_CHILDREN,
        error_messages={"max_length": gettext_lazy("Geef hoogstens {max_length} kinderen op.")},
        label="kinderen (geboortemaand)",
        help_text="Geboortemaanden van de thuiswonende kinderen, zoals 2014-03.",
    )
    full_name = serializers.CharField(read_only=True)
    pseudonym = serializers.CharField(read_only=True)

    class Meta:
        model = Participant
        extra_kwargs = {
            "bsn": {
                "help_text": (
                    "Burgerservicenummer, 9 cijfers. Rollen zonder recht op het hele BSN "
                    "(alleen lezen) krijgen alleen de laatste 4 cijfers: *****1234."
                )
            }
        }
        fields = [
            "id",
            "pseudonym",
            "full_name",
            *PARTICIPANT_FIELDS,
            "status",
            "status_changed_at",
            "exit_date",
            "exit_reason",
            "contact_person",
            "contact_person_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "status_changed_at",
            "exit_date",
            "exit_reason",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance: Participant) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and "bsn" in data:
            data["bsn"] = policy_for(request).bsn(instance)
        return data


class ParticipantPseudonymisedSerializer(serializers.ModelSerializer[Participant]):
    """Without identity, contact data or database id: for roles without the
    personal-data right (researchers). The pseudonym is the record's key."""

    pseudonym = serializers.CharField(read_only=True)

    class Meta:
        model = Participant
        fields = [
            "pseudonym",
            "programme",
            "status",
            "household_type",
            "status_changed_at",
            "exit_date",
            "exit_reason",
        ]
        read_only_fields = fields


class ParticipantStatusSerializer(ExitWorkSerializer):
    status = serializers.ChoiceField(choices=ParticipantStatus.choices)
    exit_date = DateField(
        required=False, allow_null=True, default=None, help_text="Verplicht bij uitstroom."
    )
    exit_reason = serializers.ChoiceField(
        choices=ExitReason.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Verplicht bij uitstroom.",
    )


class ParticipantContactPersonSerializer(serializers.Serializer[None]):
    contact_person = ScopedPrimaryKeyRelatedField(
        selector=staff_list,
        queryset=User.objects.none(),
        allow_null=True,
        help_text=(
            "Id van het nieuwe vaste aanspreekpunt; null maakt het leeg (niet bij een "
            "actieve deelnemer)."
        ),
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text="Waarom het aanspreekpunt wisselt (verplicht als er al een was).",
    )


class PseudonymousParticipantMixin:
    """A serializer whose participant ids go out as pseudonyms to a researcher.

    For a viewer who may not see identities, each key of ``participant_keys``
    that holds a participant id holds its pseudonym instead
    (``P-ABCD-EFGH-IJKL-MNOP``): no research answer carries a participant's
    database id, which would link it to other extracts.
    """

    participant_keys: tuple[str, ...] = ("participant",)
    context: dict[str, Any]

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        request = self.context.get("request")
        if request is None or policy_for(request).sees_identity:
            return data
        for key in self.participant_keys:
            value = data.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                data[key] = participant_pseudonym(value)
        return data
