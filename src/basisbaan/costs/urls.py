from django.urls import path

from basisbaan.costs import views

app_name = "costs"
urlpatterns = [
    path("", views.CostOverviewView.as_view(), name="overview"),
    path("indexatie/", views.IndexationView.as_view(), name="indexation"),
    path(
        "indexatie/<int:pk>/verwijderen/",
        views.IndexationDeleteView.as_view(),
        name="indexation_delete",
    ),
    path("contract/<int:pk>/", views.ContractComparisonView.as_view(), name="contract"),
    path("<int:pk>/", views.ComparisonRedirectView.as_view(), name="programme"),
    path("<int:pk>/instellingen/", views.CostSettingsUpdateView.as_view(), name="settings"),
    path("<int:pk>/<int:year>/", views.ComparisonView.as_view(), name="comparison"),
    path(
        "<int:pk>/<int:year>/export.xlsx",
        views.ComparisonExportView.as_view(),
        name="comparison_export",
    ),
]
