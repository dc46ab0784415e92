"""The app's routes and one that fails, for the tests of logs and error reports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

# A BSN that passes the elfproef, and a name: neither may reach a log or a report.
BSN = "111222333"
NAME = "Fokje Zwartsenberg"


def fails(request: HttpRequest) -> HttpResponse:
    participant_name = NAME  # a local variable an error report would show
    raise RuntimeError(f"kan deelnemer {BSN} niet verwerken ({len(participant_name)})")


urlpatterns = [
    path("kapot/", fails),
    path("", include("basisbaan.urls")),
]
