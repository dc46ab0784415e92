from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from basisbaan.core import health
from basisbaan.core import views as core_views
from basisbaan.privacy.views import security_txt
from basisbaan.tenancy.views import LoginView

urlpatterns = [
    # For load balancers and Kubernetes probes: no sign-in (docs/operations.md).
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("", include("basisbaan.dashboard.urls")),
    path("", include("basisbaan.tenancy.urls")),
    path("", include("basisbaan.core.urls")),
    # Security keys and passkeys (answer 404 unless BASISBAAN_WEBAUTHN is on).
    path("sleutel/", include("basisbaan.tenancy.webauthn_urls")),
    path("programmas/", include("basisbaan.programmes.urls")),
    path("deelnemers/", include("basisbaan.participants.urls")),
    path("werkgevers/", include("basisbaan.hosts.urls")),
    path("plaatsingen/", include("basisbaan.placements.urls")),
    path("contracten/", include("basisbaan.contracts.urls")),
    path("verloning/", include("basisbaan.payroll.urls")),
    path("kosten/", include("basisbaan.costs.urls")),
    path("budget/", include("basisbaan.budgets.urls")),
    path("uitkomsten/", include("basisbaan.outcomes.urls")),
    path("loont-werken/", include("basisbaan.income.urls")),
    path("regio/", include("basisbaan.regions.urls")),
    path("raadsrapportages/", include("basisbaan.reports.urls")),
    path("onderzoek/", include("basisbaan.research.urls")),
    path("esf/", include("basisbaan.esf.urls")),
    path("intake/", include("basisbaan.intake.urls")),
    path("begeleiding/", include("basisbaan.guidance.urls")),
    path("parameters/", include("basisbaan.parameters.urls")),
    path("audit/", include("basisbaan.audit.urls")),
    path("privacy/", include("basisbaan.privacy.urls")),
    path("taken/", include("basisbaan.jobs.urls")),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("api/v1/", include("basisbaan.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through the app's own login (password, then the second
    # factor), with the same lockout and auditing: one way in.
    path("beheer/login/", LoginView.as_view(), name="admin_login"),
    path(
        "beheer/r/<str:content_type_id>/<path:object_id>/",
        core_views.admin_view_on_site,
        name="admin_view_on_site",
    ),
    path("beheer/", admin.site.urls),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

admin.site.site_header = "Basisbaan – functioneel beheer"
admin.site.site_title = "Basisbaan"
admin.site.index_title = "Functioneel beheer"

# Under /api/ Django's error pages answer in JSON, as the API's schema documents.
handler400 = "basisbaan.core.api.errors.bad_request"
handler403 = "basisbaan.core.api.errors.permission_denied"
handler404 = "basisbaan.core.api.errors.page_not_found"
handler500 = "basisbaan.core.api.errors.server_error"
