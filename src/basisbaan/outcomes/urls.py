from django.urls import path

from basisbaan.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("", views.OutcomeOverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.OutcomeView.as_view(), name="programme"),
    path("<int:pk>/export/", views.OutcomeExportView.as_view(), name="export"),
    path("<int:pk>/business-case/", views.BusinessCaseView.as_view(), name="business_case"),
    path(
        "<int:pk>/business-case/export/",
        views.BusinessCaseExportView.as_view(),
        name="business_case_export",
    ),
    path("uitstroom/", views.ExitListView.as_view(), name="exits"),
    path("nametingen/", views.FollowUpWorklistView.as_view(), name="worklist"),
    path("nametingen/<int:pk>/", views.FollowUpRecordView.as_view(), name="follow_up"),
    path("aannames/", views.AssumptionListView.as_view(), name="assumptions"),
    path("aannames/nieuw/", views.AssumptionCreateView.as_view(), name="assumption_create"),
    path(
        "aannames/<int:pk>/verwijderen/",
        views.AssumptionDeleteView.as_view(),
        name="assumption_delete",
    ),
    path("drempel/", views.ThresholdView.as_view(), name="threshold"),
]
