"""The evaluation study's pages, under /onderzoek/. Each block belongs to one views module."""

from django.urls import path

from basisbaan.research.views import coding, exchange, studies, transcripts  # noqa: F401

app_name = "research"

urlpatterns = [
    # Studies, respondents, consent and withdrawal, sessions (views/studies.py).
    path("", studies.StudyListView.as_view(), name="list"),
    # Transcripts: upload, the redaction review, reading (views/transcripts.py).
    # Codebook, memos, coding, code overviews, co-occurrence, comparison, quotes,
    # saturation (views/coding.py).
    # REFI-QDA export and import (views/exchange.py).
    path("<int:pk>/uitwisselen/", exchange.ExchangeView.as_view(), name="export"),
    path(
        "<int:pk>/uitwisselen/bestand/<str:fmt>/",
        exchange.ExportView.as_view(),
        name="export_file",
    ),
    path(
        "<int:pk>/uitwisselen/importeren/<str:fmt>/", exchange.ImportView.as_view(), name="import"
    ),
]
