from django.urls import path

from basisbaan.participants import views

app_name = "participants"
urlpatterns = [
    path("", views.ParticipantListView.as_view(), name="list"),
    path("nieuw/", views.ParticipantCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ParticipantDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ParticipantUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", views.ParticipantStatusView.as_view(), name="status"),
    path(
        "<int:pk>/aanspreekpunt/",
        views.ParticipantContactPersonView.as_view(),
        name="contact_person",
    ),
]
