from django.urls import path

from basisbaan.privacy import views

app_name = "privacy"
urlpatterns = [
    path("inzage/", views.SubjectAccessView.as_view(), name="subject_access"),
    path("inzage/bestand/<int:pk>/", views.ExportFileView.as_view(), name="export"),
    path(
        "inzage/bestand/<int:pk>/download/",
        views.ExportFileDownloadView.as_view(),
        name="export_download",
    ),
    path(
        "inzage/<int:pk>/<str:file_format>/",
        views.SubjectAccessDownloadView.as_view(),
        name="subject_access_download",
    ),
]
