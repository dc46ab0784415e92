from django.urls import path

from basisbaan.parameters import views

app_name = "parameters"
urlpatterns = [
    path("", views.ParameterListView.as_view(), name="list"),
    path("waarde/", views.ParameterValueSetView.as_view(), name="set"),
]
