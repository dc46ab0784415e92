from django.urls import path

from basisbaan.tenancy import views

app_name = "tenancy"
urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.TwoFactorCodeView.as_view(), name="two_factor_code"),
    path("inloggen/tweede-factor/", views.TwoFactorSetupView.as_view(), name="two_factor_setup"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("gemeente/", views.SwitchMunicipalityView.as_view(), name="switch"),
    path("account/beveiliging/", views.SecurityView.as_view(), name="security"),
    path(
        "account/beveiliging/sleutel/<int:pk>/verwijderen/",
        views.SecurityKeyDeleteView.as_view(),
        name="security_key_delete",
    ),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "account/wachtwoord/gewijzigd/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
