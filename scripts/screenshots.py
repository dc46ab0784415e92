"""Screenshots of the main pages of a running Basisbaan, to look at what users see.

Usage: python scripts/screenshots.py [BASE_URL] [OUT_DIR]
(default http://127.0.0.1:8000 and var/screenshots; logs in as consulent/demo).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = {
    "dashboard": "/",
    "participants": "/deelnemers/",
    "participant": "/deelnemers/1/",
    "hosts": "/werkgevers/",
    "placements": "/plaatsingen/",
    "contracts": "/contracten/",
    "programme": "/programmas/1/",
}


def main(base: str, out: Path, username: str = "consulent") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        for width in (1280, 390):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + "/inloggen/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", "demo")
            page.click(".bb-login button[type=submit]")
            for name, path in PAGES.items():
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000",
        Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots"),
    )
