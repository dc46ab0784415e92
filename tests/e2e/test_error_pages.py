"""The app's own 404 page in a browser, with the header and a way back."""

from __future__ import annotations

import pytest

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_unknown_address_shows_the_dutch_404_page(
    municipality, live_server, new_page, screenshots
):
    user = make_member(municipality, Role.CASEWORKER, username="consulent")
    page = new_page(1280)
    log_in(page, live_server.url, user.username)

    response = page.goto(f"{live_server.url}/deelnemers/999999/")

    assert response is not None and response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    page.get_by_role("link", name="Naar het overzicht").wait_for()
    # The browser reports the page's own 404; nothing else (styles, scripts) failed.
    assert page.console_errors == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]
    page.screenshot(path=str(screenshots / "error-404.png"), full_page=True)
