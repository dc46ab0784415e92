"""Schemathesis with every check: the API answers as its OpenAPI schema says."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, Phase, settings

from django.core.wsgi import get_wsgi_application

from tests.api.test_fuzz import MODELS, fuzz_token, keep_connection  # noqa: F401

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, db, keep_connection, fuzz_token, municipality):
    case.headers = {**(case.headers or {}), "X-Municipality": municipality.slug}
    case.call_and_validate(headers={"Authorization": f"Token {fuzz_token}"})
