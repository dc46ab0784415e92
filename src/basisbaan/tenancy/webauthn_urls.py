"""The WebAuthn ceremonies (django-otp-webauthn's, wired in tenancy/webauthn.py),
under the library's own URL names: its template tags and script look them up."""

from django.urls import path

from basisbaan.tenancy import webauthn

app_name = "otp_webauthn"
urlpatterns = [
    path(
        "registratie/begin/",
        webauthn.BeginRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registratie/klaar/",
        webauthn.CompleteRegistrationView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "inloggen/begin/",
        webauthn.BeginAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "inloggen/klaar/",
        webauthn.CompleteAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    path("teksten/", webauthn.ScriptCatalogView.as_view(), name="js-i18n-catalog"),
]
