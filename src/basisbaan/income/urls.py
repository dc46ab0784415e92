from django.urls import path

from basisbaan.income.views import panel

app_name = "income"
urlpatterns = [
    path("deelnemer/<int:pk>/", panel.ParticipantPanelView.as_view(), name="participant"),
]
