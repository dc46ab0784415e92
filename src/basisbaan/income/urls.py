"""The pages of "does work pay?", under /loont-werken/."""

from django.urls import path

from basisbaan.income.views import printout

app_name = "income"

urlpatterns = [
    path(
        "deelnemers/<int:pk>/loont-werken.pdf",
        printout.ParticipantPrintoutView.as_view(),
        name="participant_pdf",
    ),
]
