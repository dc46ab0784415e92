from django.urls import path

from basisbaan.esf import views

app_name = "esf"
urlpatterns = [
    path("", views.EsfOverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.OperationView.as_view(), name="operation"),
    path("<int:pk>/operatie/", views.OperationFormView.as_view(), name="operation_form"),
    path("<int:pk>/werklijst/", views.WorklistView.as_view(), name="worklist"),
    path("<int:pk>/declaratie/", views.ClaimView.as_view(), name="claim"),
    path(
        "<int:pk>/bestand/<slug:what>.<str:fmt>",
        views.ExportView.as_view(),
        name="export",
    ),
    path("deelnemer/<int:pk>/", views.RegistrationView.as_view(), name="registration"),
    path("registratie/<int:pk>/resultaat/", views.EventAddView.as_view(), name="event_add"),
    path("resultaat/<int:pk>/verwijderen/", views.EventDeleteView.as_view(), name="event_delete"),
    path("tarieven/", views.StaffRateListView.as_view(), name="rates"),
    path("tarieven/nieuw/", views.StaffRateCreateView.as_view(), name="rate_create"),
    path("tarieven/<int:pk>/verwijderen/", views.StaffRateDeleteView.as_view(), name="rate_delete"),
]
