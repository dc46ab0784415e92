from django.urls import path

from basisbaan.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="list"),
    path("nieuw/", views.ReportCreateView.as_view(), name="create"),
    path("huisstijl/", views.HouseStyleView.as_view(), name="house_style"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ReportEditView.as_view(), name="edit"),
    path("<int:pk>/definitief/", views.ReportFinaliseView.as_view(), name="finalise"),
    path("<int:pk>/nieuwe-versie/", views.ReportNewVersionView.as_view(), name="new_version"),
    path("<int:pk>/vergelijken/", views.ReportCompareView.as_view(), name="compare"),
    path("<int:pk>/bestand/<str:fmt>/", views.ReportDownloadView.as_view(), name="download"),
]
