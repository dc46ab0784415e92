from django.urls import path

from basisbaan.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path(
        "programma-dashboard/<int:pk>/",
        views.ProgrammeDashboardView.as_view(),
        name="programme",
    ),
]
