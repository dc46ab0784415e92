from django.urls import path

app_name = "payroll"
urlpatterns: list = []
