"""The pages of "does work pay?", under /loont-werken/."""

from django.urls import path

from basisbaan.income.views import panel, printout
from basisbaan.income.views.programme import ProgrammeGainView

app_name = "income"

urlpatterns = [
    path("deelnemer/<int:pk>/", panel.ParticipantPanelView.as_view(), name="participant"),
    path("programma/<int:pk>/", ProgrammeGainView.as_view(), name="programme"),
    path(
        "deelnemers/<int:pk>/loont-werken.pdf",
        printout.ParticipantPrintoutView.as_view(),
        name="participant_pdf",
    ),
]
