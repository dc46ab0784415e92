"""The container's HEALTHCHECK: is the web process alive? (stdlib only)

GET /health/live on the local server, as the proxy would send it: with the
first of ALLOWED_HOSTS as Host (Django refuses other hosts) and
``X-Forwarded-Proto: https`` (else production redirects to https). Exit 0
when it answers 200, 1 otherwise.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
    port = bind.rsplit(":", 1)[-1]
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
    request = urllib.request.Request(  # noqa: S310 - a fixed local http URL
        f"http://127.0.0.1:{port}/health/live",
        headers={"Host": host, "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
