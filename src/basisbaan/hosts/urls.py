from django.urls import path

from basisbaan.hosts import views

app_name = "hosts"
urlpatterns = [
    path("", views.HostListView.as_view(), name="list"),
    path("nieuw/", views.HostCreateView.as_view(), name="create"),
    path("<int:pk>/", views.HostDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.HostUpdateView.as_view(), name="update"),
    path(
        "<int:pk>/contactpersonen/nieuw/",
        views.HostContactCreateView.as_view(),
        name="contact_create",
    ),
    path(
        "contactpersonen/<int:pk>/bewerken/",
        views.HostContactUpdateView.as_view(),
        name="contact_update",
    ),
    path(
        "contactpersonen/<int:pk>/verwijderen/",
        views.HostContactDeleteView.as_view(),
        name="contact_delete",
    ),
    path("<int:pk>/werkplekken/nieuw/", views.PositionCreateView.as_view(), name="position_create"),
    path("werkplekken/<int:pk>/", views.PositionDetailView.as_view(), name="position_detail"),
    path(
        "werkplekken/<int:pk>/bewerken/",
        views.PositionUpdateView.as_view(),
        name="position_update",
    ),
]
