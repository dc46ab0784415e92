"""Sign in and out, and choose the municipality to work in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from basisbaan.audit.services import audit_login
from basisbaan.tenancy.selectors import SESSION_KEY, membership_list


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_login(actor=form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django refuses GET): a link cannot sign anyone out."""


class SwitchMunicipalityView(View):
    """Work in another municipality the user is a member of."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        slug = request.POST.get("municipality", "")
        membership = next(
            (m for m in membership_list(user=request.user) if m.municipality.slug == slug),  # type: ignore[arg-type]
            None,
        )
        if membership is None:
            raise PermissionDenied(_("U bent geen lid van deze gemeente."))
        request.session[SESSION_KEY] = slug
        messages.success(
            request, _("U werkt nu in gemeente %(name)s.") % {"name": membership.municipality.name}
        )
        # Always to the dashboard: the page you were on shows the other
        # municipality's records, which do not exist here.
        return HttpResponseRedirect(reverse("dashboard:dashboard"))
