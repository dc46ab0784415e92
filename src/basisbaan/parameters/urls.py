from django.urls import path

from basisbaan.parameters import views

app_name = "parameters"
urlpatterns = [
    path("", views.ParameterListView.as_view(), name="list"),
    path("waarde/", views.ParameterValueSetView.as_view(), name="set"),
    path("lokale-regelingen/", views.LocalSchemeListView.as_view(), name="local_schemes"),
    path(
        "lokale-regelingen/nieuw/",
        views.LocalSchemeCreateView.as_view(),
        name="local_scheme_create",
    ),
    path(
        "lokale-regelingen/<int:pk>/bewerken/",
        views.LocalSchemeUpdateView.as_view(),
        name="local_scheme_update",
    ),
    path(
        "lokale-regelingen/<int:pk>/beeindigen/",
        views.LocalSchemeEndView.as_view(),
        name="local_scheme_end",
    ),
]
