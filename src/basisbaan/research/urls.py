"""The evaluation study's pages, under /onderzoek/. Each block belongs to one views module."""

from django.urls import path

from basisbaan.research.views import coding, exchange, studies, transcripts  # noqa: F401

app_name = "research"

urlpatterns = [
    # Studies, respondents, consent and withdrawal, sessions (views/studies.py).
    path("", studies.StudyListView.as_view(), name="list"),
    path("nieuw/", studies.StudyCreateView.as_view(), name="create"),
    path("<int:pk>/", studies.StudyDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", studies.StudyEditView.as_view(), name="edit"),
    path("<int:pk>/respondenten/", studies.RespondentListView.as_view(), name="respondents"),
    path(
        "<int:pk>/respondenten/nieuw/",
        studies.RespondentCreateView.as_view(),
        name="respondent_create",
    ),
    path(
        "<int:pk>/respondenten/<int:rid>/bewerken/",
        studies.RespondentEditView.as_view(),
        name="respondent_edit",
    ),
    path(
        "<int:pk>/respondenten/<int:rid>/toestemming/",
        studies.ConsentView.as_view(),
        name="consent",
    ),
    path(
        "<int:pk>/respondenten/<int:rid>/toestemming/intrekken/",
        studies.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "<int:pk>/respondenten/<int:rid>/toestemmingsformulier.pdf",
        studies.ConsentFormPdfView.as_view(),
        name="consent_pdf",
    ),
    path("<int:pk>/gesprekken/", studies.SessionListView.as_view(), name="sessions"),
    path("<int:pk>/gesprekken/nieuw/", studies.SessionCreateView.as_view(), name="session_create"),
    path(
        "<int:pk>/gesprekken/<int:sid>/bewerken/",
        studies.SessionEditView.as_view(),
        name="session_edit",
    ),
    path(
        "<int:pk>/gesprekken/<int:sid>/vervallen/",
        studies.SessionCancelView.as_view(),
        name="session_cancel",
    ),
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
