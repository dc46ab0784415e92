"""Schemathesis with every check: the API answers as its OpenAPI schema says.

Every operation gets explicit examples and generated cases, valid and invalid,
and every built-in check runs on each answer (no server error, documented status
codes, content types, headers and bodies, invalid data refused, valid data
accepted, authentication enforced). The fixtures of ``test_fuzz`` give a
functional administrator of one municipality and some data in it.

One check is refined: the schema cannot say which ids exist, that a name is
already taken or that a BSN passes the eleven-test, so a valid request may be
refused with 400 for such a reason. ``positive_data_accepted`` allows that 400
only when none of its messages is one a schema constraint could have prevented
(a required field, a type, a length, a range, a choice): those mean the schema
and the serializer disagree, which is what the built-in check is after. Nor can
it know a record's current ETag, so a 412 on a request with ``If-Match`` passes.
"""

from __future__ import annotations

import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import CheckContext
from schemathesis.specs.openapi.checks import positive_data_acceptance

from django import forms
from django.conf import settings as django_settings
from django.core.wsgi import get_wsgi_application
from django.utils import translation
from rest_framework import serializers

from tests.api.test_fuzz import fuzz_token, keep_connection  # noqa: F401

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
# Five generated cases per operation (plus the explicit examples), about 630 in
# all: some minutes on two cores. Set SCHEMATHESIS_EXAMPLES higher when hunting.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "5"))
# The run takes minutes, so it runs once: on PostgreSQL, the production database,
# where NUL characters and deep input used to fail. SCHEMATHESIS_SQLITE=1 runs it
# on SQLite too.
ON_POSTGRESQL = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL and not os.environ.get("SCHEMATHESIS_SQLITE"),
    reason="schemathesis runs on PostgreSQL (DATABASE_URL); SCHEMATHESIS_SQLITE=1 for SQLite",
)

# The messages of constraints a schema can state, per field type of DRF and of
# Django's forms (django-filter), as regular expressions.
SHAPE_CODES = {
    "required",
    "null",
    "blank",
    "invalid",
    "max_length",
    "min_length",
    "max_value",
    "min_value",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "invalid_choice",
    "not_a_list",
    "empty",
    "incorrect_type",
    "date",
    "datetime",
    "overflow",
    "max_string_length",
    "invalid_list",
}
SHAPE_FIELDS = [
    serializers.CharField,
    serializers.EmailField,
    serializers.IntegerField,
    serializers.DecimalField,
    serializers.BooleanField,
    serializers.DateField,
    serializers.DateTimeField,
    serializers.TimeField,
    serializers.ChoiceField,
    serializers.MultipleChoiceField,
    serializers.ListField,
    serializers.PrimaryKeyRelatedField,
    serializers.Serializer,
    forms.IntegerField,
    forms.DecimalField,
    forms.DateField,
    forms.ChoiceField,
    forms.MultipleChoiceField,
    forms.NullBooleanField,
]
# ModelChoiceField's invalid_choice means "no such row": not a shape error.
NOT_SHAPE = {"Selecteer een geldige keuze. Deze keuze is niet beschikbaar."}


def shape_messages() -> list[re.Pattern[str]]:
    patterns = []
    with translation.override("nl"):
        for field in SHAPE_FIELDS:
            messages: dict[str, str] = {}
            for klass in reversed(field.__mro__):
                messages.update(getattr(klass, "default_error_messages", {}))
            for code, message in messages.items():
                text = str(message)
                if code not in SHAPE_CODES or text in NOT_SHAPE:
                    continue
                escaped = re.escape(text)
                escaped = re.sub(r"\\\{[a-z_]+\\\}|%\\\([a-z_]+\\\)[sd]", ".*", escaped)
                patterns.append(re.compile(f"^{escaped}$", re.DOTALL))
    return patterns


SHAPE_MESSAGES = shape_messages()


def leaf_messages(data: object) -> list[str]:
    if isinstance(data, dict):
        return [message for value in data.values() for message in leaf_messages(value)]
    if isinstance(data, list):
        return [message for value in data for message in leaf_messages(value)]
    return [str(data)]


def range_messages() -> list[re.Pattern[str]]:
    with translation.override("nl"):
        messages = serializers.DecimalField.default_error_messages
        texts = [str(messages["min_value"]), str(messages["max_value"])]
    return [re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", ".*", re.escape(t)) + "$") for t in texts]


RANGE_MESSAGES = range_messages()


def shape_errors(errors: object, body: object) -> list[str]:
    """The messages in a 400's ``errors`` that a schema constraint could have prevented.

    A range message about a value sent as a string is left out: a decimal goes
    as a string, and a schema cannot bound a string's number.
    """
    if not isinstance(errors, dict):
        return [m for m in leaf_messages(errors) if any(p.match(m) for p in SHAPE_MESSAGES)]
    found = []
    for name, value in errors.items():
        sent_as_text = isinstance(body, dict) and isinstance(body.get(name), str)
        for message in leaf_messages(value):
            if sent_as_text and any(p.match(message) for p in RANGE_MESSAGES):
                continue
            if any(p.match(message) for p in SHAPE_MESSAGES):
                found.append(message)
    return found


@schemathesis.check
def positive_data_accepted(ctx: CheckContext, response, case) -> bool | None:
    """The built-in positive_data_acceptance, allowing a 400 for reasons no schema states.

    A 412 is allowed when the request sent an ``If-Match``: a generated tag is
    almost never the record's current one, and refusing a stale tag is the
    documented answer (``core/api/concurrency.py``), not a schema disagreement.
    """
    headers = {name.lower() for name in (case.headers or {})}
    if response.status_code == 412 and "if-match" in headers:
        return None
    if response.status_code == 400:
        errors = response.json()
        if leaf_messages(errors) and not shape_errors(errors, case.body):
            return None
    return positive_data_acceptance(ctx, response, case)


def test_the_shape_messages_are_recognised():
    with translation.override("nl"):
        messages = [
            str(serializers.Field.default_error_messages["required"]),
            str(serializers.IntegerField.default_error_messages["invalid"]),
        ]
    assert all(any(p.match(m) for p in SHAPE_MESSAGES) for m in messages)
    assert not any(p.match('Ongeldige pk "0" - object bestaat niet.') for p in SHAPE_MESSAGES)
    assert not any(p.match(next(iter(NOT_SHAPE))) for p in SHAPE_MESSAGES)


@pytest.fixture
def unthrottled(monkeypatch):
    """No 429 in the middle of a run: the ``ignored_auth`` check sends requests
    without a token, which count against the per-address limit of 60 a minute
    (tests/api/test_throttling.py holds the throttling itself)."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/min", "user": "100000/min"}
    )


@needs_postgresql
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.filterwarnings("ignore")
@pytest.mark.usefixtures("unthrottled")
def test_api_conforms_to_its_schema(case, db, keep_connection, fuzz_token, municipality):  # noqa: F811
    case.headers = {**(case.headers or {}), "X-Municipality": municipality.slug}
    case.call_and_validate(
        headers={"Authorization": f"Token {fuzz_token}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[positive_data_accepted],
    )
