"""The ESF+ pages in the browser: no axe violations at 1280 and 390 px, as the
programme manager (every page, the forms included)."""

from __future__ import annotations

import pytest

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_accessibility import violations
from tests.e2e.test_region import sign_in
from tests.esf.conftest import staff, world  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_esf_pages_have_no_axe_violations(municipality, world, live_server, browser, width):  # noqa: F811
    manager = make_member(municipality, Role.PROGRAMME_MANAGER, username="pm-esf")
    programme = world["programme"].pk
    anna = world["people"]["Anna"].pk
    paths = [
        "/esf/",
        f"/esf/{programme}/",
        f"/esf/{programme}/operatie/",
        f"/esf/{programme}/werklijst/",
        f"/esf/{programme}/declaratie/",
        f"/esf/{programme}/declaratie/?jaar=2025",
        f"/esf/deelnemer/{anna}/",
        "/esf/tarieven/",
        "/esf/tarieven/nieuw/",
    ]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    sign_in(page, live_server.url, manager.username)
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        if problems := violations(page):
            found[path] = problems
    context.close()
    assert found == {}
