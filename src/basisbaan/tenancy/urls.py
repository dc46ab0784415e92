from django.urls import path

from basisbaan.tenancy import views

app_name = "tenancy"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("gemeente/", views.SwitchMunicipalityView.as_view(), name="switch"),
]
