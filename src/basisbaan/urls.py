from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("basisbaan.dashboard.urls")),
    path("", include("basisbaan.tenancy.urls")),
    path("", include("basisbaan.core.urls")),
    path("programmas/", include("basisbaan.programmes.urls")),
    path("deelnemers/", include("basisbaan.participants.urls")),
    path("werkgevers/", include("basisbaan.hosts.urls")),
    path("plaatsingen/", include("basisbaan.placements.urls")),
    path("contracten/", include("basisbaan.contracts.urls")),
    path("verloning/", include("basisbaan.payroll.urls")),
    path("kosten/", include("basisbaan.costs.urls")),
    path("budget/", include("basisbaan.budgets.urls")),
    path("intake/", include("basisbaan.intake.urls")),
    path("begeleiding/", include("basisbaan.guidance.urls")),
    path("parameters/", include("basisbaan.parameters.urls")),
    path("audit/", include("basisbaan.audit.urls")),
    path("api/v1/", include("basisbaan.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

admin.site.site_header = "Basisbaan – functioneel beheer"
admin.site.site_title = "Basisbaan"
admin.site.index_title = "Functioneel beheer"
