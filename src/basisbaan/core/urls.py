from __future__ import annotations

from django.urls import path

from basisbaan.core import token_views

app_name = "core"

urlpatterns = [
    path("api-tokens/", token_views.TokenPageView.as_view(), name="api_tokens"),
]
