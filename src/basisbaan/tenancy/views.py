"""Sign in (password, then a second factor), sign out, passwords, and choosing the
municipality to work in. See docs/security.md#sign-in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import segno

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from basisbaan.tenancy import forms, two_factor
from basisbaan.tenancy.lockout import code_failed, is_locked_out, lockout_response
from basisbaan.tenancy.models import User
from basisbaan.tenancy.selectors import SESSION_KEY, membership_list
from basisbaan.tenancy.sessions import HAS_DEVICE_KEY, IDLE_SIGNED_OUT_KEY


def _next_url(request: HttpRequest, default: str = "") -> str:
    """The page to go to after signing in: ``next`` when it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Step 1: user name and password (also at /beheer/login/). Sign-ins are audited
    from Django's login signals (tenancy/signals.py), lockout is axes'."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["idle_signed_out"] = self.request.session.pop(IDLE_SIGNED_OUT_KEY, False)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        return context

    def get_success_url(self) -> str:
        next_url = super().get_success_url()
        user = self.request.user
        assert isinstance(user, User)
        if two_factor.session_verified(self.request) or not two_factor.needs_second_factor(user):
            return next_url
        step = (
            "tenancy:two_factor_code" if two_factor.has_device(user) else "tenancy:two_factor_setup"
        )
        return _with_next(reverse(step), next_url)


class TwoFactorCodeView(View):
    """Step 2: a code from the authenticator app, or a recovery code. A wrong code
    counts as a failed sign-in (lockout per user and address)."""

    template_name = "registration/two_factor_code.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if isinstance(user, User) and not two_factor.has_device(user):
            # The app was removed since this session started (basisbaan reset_sign_in).
            request.session[HAS_DEVICE_KEY] = False
            return HttpResponseRedirect(
                _with_next(reverse("tenancy:two_factor_setup"), _next_url(request))
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if two_factor.session_verified(request):
            return HttpResponseRedirect(_next_url(request))
        return self._page(request, forms.CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        username = user.get_username()
        if is_locked_out(request, username):
            return lockout_response(request)
        form = forms.CodeForm(request.POST)
        if form.is_valid():
            if two_factor.verify_code(request, form.cleaned_data["code"]):
                return HttpResponseRedirect(_next_url(request))
            if code_failed(request, username):
                return lockout_response(request)
            form.add_error("code", _("Deze code klopt niet. Probeer de nieuwste code uit de app."))
        return self._page(request, form)

    def _page(self, request: HttpRequest, form: forms.CodeForm) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "next": _next_url(request),
                "security_key": two_factor.has_security_key(user),
            },
        )


class TwoFactorSetupView(View):
    """Add an authenticator app: a QR code (and the secret as text), then its first
    code; the recovery codes are shown once. Replacing an app asks the present
    second factor first, so a password alone cannot change it."""

    template_name = "registration/two_factor_setup.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if (
            isinstance(user, User)
            and two_factor.has_device(user)
            and not two_factor.session_verified(request)
        ):
            return HttpResponseRedirect(
                _with_next(reverse("tenancy:two_factor_code"), request.get_full_path())
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, forms.SetupForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        form = forms.SetupForm(request.POST)
        if form.is_valid():
            device = two_factor.totp_pending(user)
            codes = two_factor.totp_confirm(request, device, form.cleaned_data["code"])
            if codes is not None:
                request.session[HAS_DEVICE_KEY] = True
                return render(
                    request,
                    "registration/recovery_codes.html",
                    {"codes": codes, "next": _next_url(request), "new_app": True},
                )
            form.add_error(
                "code",
                _("Deze code klopt niet. Controleer of de klok van uw telefoon goed staat."),
            )
        return self._page(request, form)

    def _page(self, request: HttpRequest, form: forms.SetupForm) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        device = two_factor.totp_pending(user)
        qr = segno.make(device.config_url, error="m")
        svg = qr.svg_inline(scale=5, border=4, title=_("QR-code voor de authenticator-app"))
        svg = svg.replace("<svg ", '<svg role="img" ', 1)  # its title is its name
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "qr_svg": mark_safe(svg),  # noqa: S308 - segno's SVG of our own otpauth URL
                "secret": two_factor.totp_secret(device),
                "next": _next_url(request),
            },
        )


class SecurityView(View):
    """The signed-in user's own sign-in security: the second factor, new recovery
    codes, the password."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        has_device = two_factor.has_device(user)
        return render(
            request,
            "registration/security.html",
            {
                "has_device": has_device,
                "required": two_factor.needs_second_factor(user),
                "webauthn": two_factor.webauthn_enabled(),
                # Keys are added beside the app, from a verified session.
                "can_add_key": has_device and two_factor.session_verified(request),
                "security_keys": (
                    list(two_factor.security_key_list(user))
                    if two_factor.webauthn_enabled()
                    else []
                ),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        if not two_factor.has_device(user) or not two_factor.session_verified(request):
            raise PermissionDenied(_("Herstelcodes horen bij een bevestigde authenticator-app."))
        codes = two_factor.recovery_codes_create(user)
        return render(
            request,
            "registration/recovery_codes.html",
            {"codes": codes, "next": reverse("tenancy:security"), "new_app": False},
        )


class SecurityKeyDeleteView(View):
    """Remove one of the user's own security keys or passkeys (verified session)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = request.user
        assert isinstance(user, User)
        if not two_factor.webauthn_enabled() or not two_factor.session_verified(request):
            raise PermissionDenied(_("Bevestig eerst het inloggen met de tweede factor."))
        if not two_factor.security_key_delete(request, pk=pk):
            raise Http404
        messages.success(request, _("De sleutel is verwijderd."))
        return HttpResponseRedirect(reverse("tenancy:security"))


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("tenancy:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    success_url = reverse_lazy("tenancy:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("tenancy:password_reset_complete")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass


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
