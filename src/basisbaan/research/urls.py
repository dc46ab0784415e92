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
    path("<int:pk>/codeboek/", coding.CodebookView.as_view(), name="codebook"),
    path("<int:pk>/codeboek/nieuw/", coding.CodeCreateView.as_view(), name="code_create"),
    path("<int:pk>/codeboek/kleuren.css", coding.CodeColoursView.as_view(), name="code_colours"),
    path("<int:pk>/memo/", coding.MemoCreateView.as_view(), name="memo_create"),
    path("<int:pk>/samen-voorkomen/", coding.CooccurrenceView.as_view(), name="cooccurrence"),
    path("<int:pk>/vergelijking/", coding.ComparisonView.as_view(), name="comparison"),
    path("<int:pk>/citaten/", coding.QuotesView.as_view(), name="quotes"),
    path("<int:pk>/verzadiging/", coding.SaturationView.as_view(), name="saturation"),
    path("code/<int:pk>/", coding.CodeOverviewView.as_view(), name="code"),
    path("code/<int:pk>/wijzigen/", coding.CodeEditView.as_view(), name="code_edit"),
    path("code/<int:pk>/verwijderen/", coding.CodeDeleteView.as_view(), name="code_delete"),
    path("memo/<int:pk>/", coding.MemoEditView.as_view(), name="memo_edit"),
    path("transcript/<int:pk>/", coding.TranscriptCodingView.as_view(), name="transcript"),
    path(
        "transcript/<int:pk>/afgerond/", coding.TranscriptDoneView.as_view(), name="transcript_done"
    ),
    path("codering/<int:pk>/verwijderen/", coding.CodingDeleteView.as_view(), name="coding_delete"),
    path("codering/<int:pk>/citaat/", coding.CodingQuoteView.as_view(), name="coding_quote"),
    # REFI-QDA export and import (views/exchange.py).
]
