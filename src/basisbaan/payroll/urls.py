from django.urls import path

from basisbaan.payroll import views

app_name = "payroll"
urlpatterns = [
    path("", views.PayrollEntryListView.as_view(), name="list"),
    path("importen/", views.PayrollImportListView.as_view(), name="imports"),
    path("importeren/", views.PayrollUploadView.as_view(), name="upload"),
    path("importen/<int:pk>/", views.PayrollImportDetailView.as_view(), name="import_detail"),
    path(
        "importen/<int:pk>/bevestigen/",
        views.PayrollConfirmView.as_view(),
        name="import_confirm",
    ),
    path(
        "importen/<int:pk>/annuleren/",
        views.PayrollCancelView.as_view(),
        name="import_cancel",
    ),
]
