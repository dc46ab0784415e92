"""The evaluation study's pages, under /onderzoek/. Each block belongs to one views module."""

from django.urls import path

from basisbaan.research.views import coding, exchange, studies, transcripts  # noqa: F401

app_name = "research"

urlpatterns = [
    # Studies, respondents, consent and withdrawal, sessions (views/studies.py).
    path("", studies.StudyListView.as_view(), name="list"),
    # Transcripts: upload, the redaction review, reading (views/transcripts.py).
    path(
        "gesprekken/<int:session_pk>/transcript/",
        transcripts.TranscriptUploadView.as_view(),
        name="transcript-upload",
    ),
    path(
        "gesprekken/<int:session_pk>/transcript/controleren/",
        transcripts.TranscriptReviewView.as_view(),
        name="transcript-review",
    ),
    # Codebook, memos, coding, code overviews, co-occurrence, comparison, quotes,
    # saturation (views/coding.py).
    # REFI-QDA export and import (views/exchange.py).
]
