from django.urls import path

from basisbaan.contracts import lkv_views, views

app_name = "contracts"
urlpatterns = [
    path("", views.ContractListView.as_view(), name="list"),
    path("nieuw/", views.ContractCreateView.as_view(), name="create"),
    path("beslissingen/", views.DecisionWorklistView.as_view(), name="worklist"),
    path("onder-minimumloon/", views.BelowMinimumWageView.as_view(), name="below_minimum"),
    path("loonwaarde/", views.WageValueListView.as_view(), name="wage_values"),
    path("loonwaarde/nieuw/", views.WageValueCreateView.as_view(), name="wage_value_create"),
    path(
        "loonwaarde/<int:pk>/bewerken/",
        views.WageValueUpdateView.as_view(),
        name="wage_value_update",
    ),
    path(
        "lkv/deelnemer/<int:participant>/nieuw/",
        lkv_views.LkvCreateView.as_view(),
        name="lkv_create",
    ),
    path("lkv/<int:pk>/bewerken/", lkv_views.LkvUpdateView.as_view(), name="lkv_update"),
    path("lkv/<int:pk>/verwijderen/", lkv_views.LkvDeleteView.as_view(), name="lkv_delete"),
    path("instellingen/", views.ContractSettingsListView.as_view(), name="settings"),
    path(
        "instellingen/<int:pk>/",
        views.ContractSettingsUpdateView.as_view(),
        name="settings_update",
    ),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ContractUpdateView.as_view(), name="update"),
    path("<int:pk>/verlengen/", views.ContractRenewView.as_view(), name="renew"),
    path("<int:pk>/besluit/", views.ContractDecisionView.as_view(), name="decide"),
    path("<int:pk>/einde/", views.ContractEndReasonView.as_view(), name="end_reason"),
    path(
        "<int:pk>/periodes/<int:period>/aanzegging/",
        views.ContractNoticeView.as_view(),
        name="notice",
    ),
    path(
        "periode/<int:pk>/loonregel/nieuw/",
        views.WageLineCreateView.as_view(),
        name="wage_line_create",
    ),
    path(
        "loonregel/<int:pk>/verwijderen/",
        views.WageLineDeleteView.as_view(),
        name="wage_line_delete",
    ),
]
