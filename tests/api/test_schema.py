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
