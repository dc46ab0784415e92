from __future__ import annotations

import pytest

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

RESOURCES = [
    "programmes",
    "participants",
    "hosts",
    "host-contacts",
    "positions",
    "placements",
    "contracts",
]


def test_schema_generates_without_warnings_or_errors():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)

    assert not GENERATOR_STATS, GENERATOR_STATS
    assert GENERATOR_STATS._warn_cache == {}
    assert GENERATOR_STATS._error_cache == {}
    paths = schema["paths"]
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in paths
    for action in (
        "/api/v1/contracts/{id}/renew/",
        "/api/v1/participants/{id}/status/",
        "/api/v1/participants/{id}/contact-person/",
        "/api/v1/programmes/{id}/intake/",
        "/api/v1/placements/{id}/end/",
    ):
        assert "post" in paths[action]


def test_every_tenant_operation_documents_the_municipality_header():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    for path, operations in schema["paths"].items():
        if path.startswith("/api/v1/tokens/"):
            continue  # a person's own tokens: no municipality
        for method, operation in operations.items():
            names = {(p["in"], p["name"]) for p in operation.get("parameters", [])}
            assert ("header", "X-Municipality") in names, f"{method} {path}"


def test_schema_and_docs_are_public():
    client = APIClient()

    schema = client.get("/api/v1/schema/", {"format": "json"})
    docs = client.get("/api/v1/docs/")
    script = client.get("/api/v1/docs/", {"script": ""})

    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Basisbaan API"
    assert docs.status_code == 200
    # The split view keeps scripts out of the page: no inline script under the CSP.
    assert b"<script>" not in docs.content
    assert "script-src 'self'" in docs["Content-Security-Policy"]
    assert script.status_code == 200


def test_spectacular_command_validates_and_fails_on_no_warning(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert "X-Municipality" in target.read_text()


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_operation_documents_its_error_responses():
    schema = _schema()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "406", "429"} <= codes, f"{method} {path}"
            if method in {"post", "put", "patch"}:
                assert "415" in codes, f"{method} {path}"
            if method in {"put", "patch"}:
                assert "412" in codes, f"{method} {path}"
    participant = schema["paths"]["/api/v1/participants/"]["post"]["responses"]
    assert participant["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ValidationError"
    }
    assert participant["403"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_request_bodies_are_json():
    schema = _schema()

    operation = schema["paths"]["/api/v1/participants/"]["post"]
    assert list(operation["requestBody"]["content"]) == ["application/json"]
    upload = schema["paths"]["/api/v1/payroll-imports/"]["post"]
    assert list(upload["requestBody"]["content"]) == ["multipart/form-data"]


def test_decimal_strings_have_an_exact_pattern():
    import re

    schemas = _schema()["components"]["schemas"]
    pattern = schemas["PositionRequest"]["properties"]["hours_per_week"]["pattern"]

    # hours_per_week: max_digits 4, decimal_places 1, min_value 1.
    for good in ["32", "32.5", "007", ".5", "5."]:
        assert re.match(pattern, good), good
    for bad in ["", "-", "-5", "abc", "1234", "1.25"]:
        assert not re.match(pattern, bad), bad


def test_nullable_read_only_fields_say_so():
    schemas = _schema()["components"]["schemas"]

    assert schemas["Referral"]["properties"]["referred_by"]["nullable"] is True
    assert schemas["FeedbackAction"]["properties"]["done_on"]["nullable"] is True
    assert schemas["NormReport"]["type"] == "object"
