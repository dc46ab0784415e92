from django.urls import path

from basisbaan.budgets import views

app_name = "budgets"
urlpatterns = [
    path("", views.BudgetOverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.ProgrammeBudgetView.as_view(), name="programme"),
    path(
        "<int:pk>/berekening/<int:job>/",
        views.ComputingProgressView.as_view(),
        name="computing",
    ),
    path("<int:pk>/export.xlsx", views.BudgetExportView.as_view(), name="export"),
    path("<int:pk>/jaar-toevoegen/", views.BudgetCreateView.as_view(), name="budget_create"),
    path(
        "<int:pk>/instroom-plannen/",
        views.PlannedStartCreateView.as_view(),
        name="planned_start_create",
    ),
    path("jaar/<int:pk>/bewerken/", views.BudgetUpdateView.as_view(), name="budget_update"),
    path("jaar/<int:pk>/afsluiten/", views.BudgetCloseView.as_view(), name="budget_close"),
    path("jaar/<int:pk>/heropenen/", views.BudgetReopenView.as_view(), name="budget_reopen"),
    path(
        "jaar/<int:pk>/uitgave/", views.ExpenditureCreateView.as_view(), name="expenditure_create"
    ),
    path(
        "uitgave/<int:pk>/verwijderen/",
        views.ExpenditureDeleteView.as_view(),
        name="expenditure_delete",
    ),
    path(
        "instroom/<int:pk>/verwijderen/",
        views.PlannedStartDeleteView.as_view(),
        name="planned_start_delete",
    ),
]
