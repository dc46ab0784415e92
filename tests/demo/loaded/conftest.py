"""One demo for the whole package: ``load_demo --as-of`` the suite's day (18-11-2026),
loaded once, in a transaction rolled back when the package's last test is done.

Why a package and not the session: the load is wrapped in a transaction that
stays open while its tests run (each test in a savepoint inside it). Over the
whole session that transaction would hold the demo under every other test of the
suite; within this package only the tests that read the demo see it, and the
tests that load the demo themselves (``tests/demo/test_*.py``) run outside it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from basisbaan.tenancy.models import Municipality
from tests.conftest import TODAY
from tests.demo.story import load_demo_as_of, rolled_back


@pytest.fixture(scope="package")
def demo_output(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The output of ``load_demo --as-of 2026-11-18``; the demo stays loaded meanwhile."""
    with django_db_blocker.unblock(), rolled_back():
        yield load_demo_as_of(TODAY)


@pytest.fixture(scope="package")
def demo(demo_output, django_db_blocker) -> Municipality:
    """Leeuwarden in the demo loaded as of the suite's day."""
    with django_db_blocker.unblock():
        return Municipality.objects.get(slug="leeuwarden")
