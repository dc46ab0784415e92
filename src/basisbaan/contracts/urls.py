from django.urls import path

from basisbaan.contracts import views

app_name = "contracts"
urlpatterns = [
    path("", views.ContractListView.as_view(), name="list"),
    path("nieuw/", views.ContractCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ContractUpdateView.as_view(), name="update"),
    path("<int:pk>/verlengen/", views.ContractRenewView.as_view(), name="renew"),
]
