"""Error reports (the mail to ADMINS, and Django's 500 report) without personal data.

Django's own filter hides passwords and keys but shows the query string, the
form fields, the cookies, the request headers, the local variables of every frame
and the signed-in user's name: in Basisbaan those hold names, BSNs and search
terms. :class:`ExceptionReporterFilter` hides all of them, and
:class:`ExceptionReporter` also the query parameters, the uploaded file names, the
query string in the address and the user (shown by id). A BSN in the exception's
text is masked. A developer's technical page (``DEBUG=true``) shows everything,
as Django's does.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from django.views import debug

from basisbaan.conf.logs import scrub_text

# The request META keys an error report may show: how the request came in, not who
# sent it (no address, user agent, referrer, cookie, query string, authorisation).
SAFE_META = frozenset(
    {
        "REQUEST_METHOD",
        "PATH_INFO",
        "SCRIPT_NAME",
        "SERVER_NAME",
        "SERVER_PORT",
        "SERVER_PROTOCOL",
        "CONTENT_TYPE",
        "CONTENT_LENGTH",
        "HTTP_ACCEPT",
        "HTTP_HOST",
        "HTTP_X_REQUEST_ID",
        "wsgi.url_scheme",
    }
)


class ExceptionReporterFilter(debug.SafeExceptionReporterFilter):
    # Django's list, and addresses with passwords in them (DATABASE_URL, REDIS_URL,
    # the cache LOCATION, the Sentry DSN) and the administrators' addresses.
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|(^|_)URL$|DSN|LOCATION|ADMINS|MANAGERS",
        flags=re.IGNORECASE,
    )

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        return {key: self.cleansed_substitute for key in request.POST}

    def get_get_parameters(self, request: HttpRequest) -> list[tuple[str, Any]]:
        if not self.is_active(request):
            return list(request.GET.items())
        return [(key, self.cleansed_substitute) for key in request.GET]

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        if not self.is_active(request):
            return super().get_safe_request_meta(request)
        return {
            key: value if key in SAFE_META else self.cleansed_substitute
            for key, value in request.META.items()
        }

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, Any]:
        if not self.is_active(request):
            return super().get_safe_cookies(request)
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        if not self.is_active(request):
            return super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]


class ExceptionReporter(debug.ExceptionReporter):
    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        request = self.request
        if not self.filter.is_active(request):
            return data
        if request is not None:
            assert isinstance(self.filter, ExceptionReporterFilter)
            data["request_GET_items"] = self.filter.get_get_parameters(request)
            data["request_FILES_items"] = [
                (key, self.filter.cleansed_substitute) for key in request.FILES
            ]
            data["request_insecure_uri"] = request.path
            user = getattr(request, "user", None)
            if user is not None:
                data["user_str"] = (
                    f"id {user.pk}" if getattr(user, "is_authenticated", False) else "anonymous"
                )
        if "exception_value" in data:
            data["exception_value"] = scrub_text(str(data["exception_value"]))
        if "exception_notes" in data:
            data["exception_notes"] = scrub_text(data["exception_notes"])
        for frame in data.get("frames", []):
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = scrub_text(str(frame["exc_cause"]))
        return data
