"""Browser tests: Chromium from the system, driven by Playwright.

No browser is downloaded: Debian's ``chromium`` is used. Without it the tests
are skipped on a developer machine, but fail in CI (where CI is set), so a
missing browser cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; the ORM calls of
    the test itself (making users and records) are still plain synchronous calls.

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true" for the browser tests only:
    package scope sets it before the database fixtures and removes it after the
    last browser test, so it cannot leak into other tests (such as the
    production ``check --deploy``, which refuses it: async.E001).
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = (
            "Chromium niet gevonden: browsertests overgeslagen "
            "(installeer met: apt-get install -y chromium)."
        )
        if os.environ.get("CI"):
            pytest.fail(message.replace("overgeslagen", "kunnen niet draaien in CI"))
        pytest.skip(message)
    return path


# Package scope: Playwright's sync API keeps an event loop running in this thread
# while the browser is open; closing it with the browser tests keeps that loop out
# of the tests a worker runs after them (async-unsafe ORM calls would be refused).
@pytest.fixture(scope="package")
def browser(chromium_path: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def new_page(browser):
    """``new_page(width)``: a Dutch browser tab of that width; CSP errors are collected."""
    contexts = []

    def _make(width: int = 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        return page

    yield _make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _sourced_parameters(request: pytest.FixtureRequest) -> None:
    """Browser tests run in transactional test cases, whose flush after each test
    also empties the legal figures a migration seeds; put them back first, so a
    browser test does not depend on which test ran before it."""
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from basisbaan.parameters.models import ParameterValue
    from basisbaan.parameters.seed import NORMS, SEED
    from basisbaan.parameters.seed_esf import ESF
    from basisbaan.parameters.seed_income import INCOME

    for key, effective_date, value, source in (*SEED, *NORMS):
        ParameterValue.objects.get_or_create(
            key=key, effective_date=effective_date, defaults={"value": value, "source": source}
        )
    # The assistance norms (migration 0004) and the figures of "does work pay?"
    # (migration 0006), with their marks.
    for row in (*INCOME, *ESF):
        ParameterValue.objects.get_or_create(
            key=row.key,
            effective_date=row.effective_date,
            defaults={
                "value": row.value,
                "source": row.source,
                "is_assumption": row.is_assumption,
                "note": row.note,
            },
        )
