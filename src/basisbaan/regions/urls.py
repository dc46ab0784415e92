from django.urls import path

from basisbaan.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.RegionIndexView.as_view(), name="index"),
    path("delen/", views.SharingView.as_view(), name="sharing"),
    path("delen/starten/", views.ShareStartView.as_view(), name="share_start"),
    path("delen/<int:pk>/intrekken/", views.ShareWithdrawView.as_view(), name="share_withdraw"),
    path(
        "delen/programma/<int:pk>/bijwerken/",
        views.ShareRefreshView.as_view(),
        name="share_refresh",
    ),
    path("<slug:slug>/", views.RegionComparisonView.as_view(), name="comparison"),
    path(
        "<slug:slug>/vergelijking.csv",
        views.RegionExportView.as_view(),
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "<slug:slug>/vergelijking.xlsx",
        views.RegionExportView.as_view(),
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
]
