"""The HTTP part of scripts/smoke-production: a payroll file through the pages.

Stdlib only (urllib, http.cookiejar): it talks to a running ``basisbaan serve``
as a browser behind the TLS proxy would (``X-Forwarded-Proto: https``, a
Referer on each POST), so production mode's secure cookies, CSRF and https
redirect are what is tested.

    python scripts/smoke_http.py http://127.0.0.1:8123 --file payroll.csv

Steps: /health/live and /health/ready; sign in; a stylesheet; upload the payroll file; follow
the job (/taken/<id>/, polling /taken/<id>/voortgang/ as htmx does) to the
import's preview; confirm; follow that job; the import page says "Ingelezen
op" with more than 0 new rows. Exit 0 when all passed, 1 with the reason.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from email.message import Message
from html import unescape
from pathlib import Path

JOB_URL = re.compile(r"^/taken/(\d+)/$")
IMPORT_URL = re.compile(r"^/verloning/importen/(\d+)/$")


class SmokeError(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: Message
    body: str

    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("Location", "")).path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow silently."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class ProxiedCookies(http.cookiejar.DefaultCookiePolicy):
    """The proxy speaks https to the browser: Secure cookies go back over our http."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: object) -> bool:
        return True


class Browser:
    def __init__(self, base: str, *, verbose: bool = False) -> None:
        if not base.startswith(("http://", "https://")):
            raise SmokeError(f"not an http(s) address: {base}")
        self.base = base.rstrip("/")
        self.host = urllib.parse.urlsplit(self.base).netloc
        self.verbose = verbose
        self.cookies = http.cookiejar.CookieJar(ProxiedCookies())
        self.opener = urllib.request.build_opener(
            NoRedirect(), urllib.request.HTTPCookieProcessor(self.cookies)
        )

    def request(
        self,
        path: str,
        *,
        data: bytes | None = None,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        all_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "nl"}
        if data is not None:
            # Django checks the Referer of a POST over https against the host.
            all_headers["Referer"] = f"https://{self.host}{path}"
            all_headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
        all_headers.update(headers or {})
        # http(s) only: checked in __init__.
        request = urllib.request.Request(self.base + path, data=data, headers=all_headers)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as answer:
                result = Response(answer.status, answer.headers, answer.read().decode())
        except urllib.error.HTTPError as error:
            result = Response(error.code, error.headers, error.read().decode(errors="replace"))
        if self.verbose:
            method = "POST" if data is not None else "GET"
            print(f"  {method} {path} -> {result.status} {result.location()}")
        return result

    def get(self, path: str, **kwargs: object) -> Response:
        return self.request(path, **kwargs)  # type: ignore[arg-type]

    def post_form(self, path: str, fields: dict[str, str]) -> Response:
        return self.request(path, data=urllib.parse.urlencode(fields).encode())

    def post_file(
        self, path: str, fields: dict[str, str], name: str, file_name: str, content: bytes
    ) -> Response:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            path, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )


def csrf_token(page: Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    if not match:
        raise SmokeError(f"no CSRF token on the page (status {page.status})")
    return match.group(1)


def expect(response: Response, status: int, what: str) -> Response:
    if response.status != status:
        raise SmokeError(f"{what}: status {response.status}, expected {status}\n{text(response)}")
    return response


def text(response: Response, limit: int = 600) -> str:
    """The page's readable text, shortened: for a failure's message."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.body)
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return words[:limit]


def check_health(browser: Browser) -> None:
    """/health/live answers; /health/ready says every check passed (database,
    migrations, the queue, the cache, the disk)."""
    for path in ("/health/live", "/health/ready"):
        response = browser.get(path)
        expect(response, 200, f"GET {path}")
        if '"status": "ok"' not in response.body:
            raise SmokeError(f"{path} is not ok: {response.body[:300]}")
        print(f"  {path}: ok")


def totp(secret: str, at: float) -> str:
    """The 6-digit code an authenticator app shows (RFC 6238: SHA-1, 30 seconds)."""
    key = base64.b32decode(
        secret.replace(" ", "").upper() + "=" * (-len(secret.replace(" ", "")) % 8)
    )
    digest = hmac.new(key, int(at // 30).to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF:010d}"[-6:]


def sign_in(browser: Browser, username: str, password: str) -> None:
    """Password, then (production requires it) an authenticator app set up on the spot."""
    page = expect(browser.get("/inloggen/"), 200, "GET /inloggen/")
    fields = {"csrfmiddlewaretoken": csrf_token(page), "username": username, "password": password}
    answer = browser.post_form("/inloggen/", fields)
    if answer.status != 302 or answer.location() == "/inloggen/":
        raise SmokeError(f"sign-in as {username} failed: {answer.status}\n{text(answer)}")
    if answer.location() != "/inloggen/tweede-factor/":
        return
    target = urllib.parse.urlsplit(answer.headers["Location"])
    setup_path = target.path + (f"?{target.query}" if target.query else "")
    setup = expect(browser.get(setup_path), 200, f"GET {setup_path}")
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', setup.body)
    if not secret:
        raise SmokeError(f"no secret on the second-factor page:\n{text(setup)}")
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', setup.body))
    fields |= {"csrfmiddlewaretoken": csrf_token(setup), "code": totp(secret.group(1), time.time())}
    done = browser.post_form("/inloggen/tweede-factor/", fields)
    if done.status not in (200, 302) or 'name="code"' in done.body:
        raise SmokeError(f"the second factor was not accepted:\n{text(done)}")
    print("  second factor: an authenticator app set up")


def check_static(browser: Browser) -> None:
    page = expect(browser.get("/"), 200, "GET / (signed in)")
    match = re.search(r'href="(/static/[^"]+\.css)"', page.body)
    if not match:
        raise SmokeError("no stylesheet linked from the overview page")
    expect(browser.get(match.group(1)), 200, f"GET {match.group(1)}")


def follow_job(browser: Browser, job_path: str, *, timeout: float) -> str:
    """Poll the job's progress part until it sends the browser on; the result's path."""
    deadline = time.monotonic() + timeout
    expect(browser.get(job_path), 200, f"GET {job_path}")
    while time.monotonic() < deadline:
        part = browser.get(f"{job_path}voortgang/", headers={"HX-Request": "true"})
        expect(part, 200, f"GET {job_path}voortgang/")
        if part.headers.get("HX-Redirect"):
            return urllib.parse.urlsplit(part.headers["HX-Redirect"]).path
        if part.headers.get("HX-Refresh"):
            page = browser.get(job_path)
            raise SmokeError(f"the job {job_path} did not succeed:\n{text(page)}")
        time.sleep(0.5)
    page = browser.get(job_path)
    raise SmokeError(f"the job {job_path} did not finish in {timeout:.0f} s:\n{text(page)}")


def result_of(browser: Browser, answer: Response, what: str, args: argparse.Namespace) -> str:
    """Where a POST that starts work leads: its job page, followed to the job's result."""
    if answer.status != 302:
        raise SmokeError(f"{what}: status {answer.status}, expected 302\n{text(answer)}")
    target = answer.location()
    if JOB_URL.match(target):
        print(f"  {what}: job {target}")
        return follow_job(browser, target, timeout=args.job_timeout)
    raise SmokeError(f"{what}: redirected to {target!r}, expected a job page /taken/<id>/")


def count(page: Response, label: str) -> int:
    match = re.search(rf"<dt>{label}</dt>\s*<dd>([\d.\s]+)</dd>", page.body)
    if not match:
        raise SmokeError(f"no count {label!r} on the import page")
    return int(re.sub(r"\D", "", match.group(1)))


def import_payroll(browser: Browser, file: Path, args: argparse.Namespace) -> None:
    form = expect(browser.get("/verloning/importeren/"), 200, "GET /verloning/importeren/")
    answer = browser.post_file(
        "/verloning/importeren/",
        {"csrfmiddlewaretoken": csrf_token(form)},
        "file",
        file.name,
        file.read_bytes(),
    )
    preview_path = result_of(browser, answer, "upload", args)
    if not IMPORT_URL.match(preview_path):
        raise SmokeError(f"the upload's result is {preview_path!r}, not an import page")
    preview = expect(browser.get(preview_path), 200, f"GET {preview_path}")
    confirm = re.search(
        r'<form method="post" action="(/verloning/importen/\d+/bevestigen/)"', preview.body
    )
    if not confirm:
        raise SmokeError(f"the preview {preview_path} offers no confirmation:\n{text(preview)}")
    answer = browser.post_form(confirm.group(1), {"csrfmiddlewaretoken": csrf_token(preview)})
    done_path = result_of(browser, answer, "confirm", args)
    page = expect(browser.get(done_path), 200, f"GET {done_path}")
    if "Ingelezen op" not in page.body:
        raise SmokeError(f"the import page {done_path} does not say 'Ingelezen op':\n{text(page)}")
    new = count(page, "Nieuw")
    if new <= 0:
        raise SmokeError(f"the import {done_path} imported no new rows")
    print(f"  imported: {new} new rows ({done_path})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="The server's address, e.g. http://127.0.0.1:8123.")
    parser.add_argument("--file", type=Path, required=True, help="The payroll file to import.")
    parser.add_argument("--username", default="controller", help="A user who may import payroll.")
    parser.add_argument("--password", default="demo", help="That user's password.")
    parser.add_argument("--job-timeout", type=float, default=180, help="Seconds a job may take.")
    parser.add_argument("--verbose", action="store_true", help="Print every request.")
    args = parser.parse_args(argv)
    browser = Browser(args.base, verbose=args.verbose)
    try:
        check_health(browser)
        sign_in(browser, args.username, args.password)
        print(f"  signed in as {args.username}")
        check_static(browser)
        print("  static files: served")
        import_payroll(browser, args.file, args)
    except (SmokeError, OSError) as exc:
        print(f"SMOKE FAILED: {exc}", file=sys.stderr)
        return 1
    print("  HTTP smoke passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
