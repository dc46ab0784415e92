"""``/api-tokens/``: a signed-in user's own API tokens, made, listed and revoked.

The page counterpart of ``/api/v1/tokens/`` and ``basisbaan create_api_token``;
the same services (:mod:`basisbaan.core.tokens`), so the same audit entries.
A new token is shown once, on the page after the POST (kept in the session
until then, like the calendar address), and stored nowhere else.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from basisbaan.core.tokens import revoke_token, token_create, token_list
from basisbaan.tenancy.models import User

SESSION_KEY = "api_token_new"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


class TokenPageView(TemplateView):
    template_name = "core/api_tokens.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["tokens"] = list(token_list(_user(self.request)))
        context["new_token"] = self.request.session.pop(SESSION_KEY, None)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = _user(request)
        revoke = request.POST.get("revoke", "")
        if revoke:
            token = token_list(user).filter(token_key=revoke).first()
            if token is None:
                # Another user's token or none at all: the same answer.
                raise Http404
            revoke_token(actor=user, token=token)
            messages.success(request, _("Het API-token is ingetrokken."))
        else:
            made = token_create(actor=user, owner=user)
            request.session[SESSION_KEY] = made.secret
            messages.success(request, _("Er is een nieuw API-token gemaakt."))
        return HttpResponseRedirect(reverse("core:api_tokens"))
