from django.urls import path

from basisbaan.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.JobListView.as_view(), name="list"),
    path("<int:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("<int:pk>/voortgang/", views.JobProgressView.as_view(), name="progress"),
]
