from django.urls import path

from basisbaan.income.views.programme import ProgrammeGainView

app_name = "income"
urlpatterns = [
    path("programma/<int:pk>/", ProgrammeGainView.as_view(), name="programme"),
]
