from django.urls import path

from basisbaan.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("nieuw/", views.ProgrammeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.ProgrammeUpdateView.as_view(), name="update"),
    path("<int:pk>/instroom/", views.ProgrammeIntakeView.as_view(), name="intake"),
]
