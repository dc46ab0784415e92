from django.urls import path

from basisbaan.placements import views

app_name = "placements"
urlpatterns = [
    path("", views.PlacementListView.as_view(), name="list"),
    path("nieuw/", views.PlacementCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlacementDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.PlacementUpdateView.as_view(), name="update"),
    path("<int:pk>/beeindigen/", views.PlacementEndView.as_view(), name="end"),
]
