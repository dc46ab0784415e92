"""Admin of municipalities, users and memberships (functioneel beheer).

These have no other face, so the admin writes them, through
:mod:`basisbaan.tenancy.services` (audited, channel ``admin``).
"""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from basisbaan.tenancy import services
from basisbaan.tenancy.admin_base import TenantAdmin, admin_channel, admin_municipality_ids
from basisbaan.tenancy.models import Membership, Municipality, User

# Roles are memberships, not Django groups; API tokens are secrets made by
# ``basisbaan create_api_token`` or the user's own token page (audited, with an
# expiry), not something to list or hand out here: knox's admin would make
# tokens without an audit entry, for users of any municipality.
admin.site.unregister(Group)
# Second-factor secrets are nobody's to read or hand out here; a lost phone or a
# lockout is lifted with ``basisbaan reset_sign_in`` (audited). axes' own admin is off
# (AXES_ENABLE_ADMIN): the audit log shows the failures and lockouts.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
admin.site.unregister(AuthToken)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "cbs_code"]
    search_fields = ["name", "slug", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        qs = super().get_queryset(request)
        ids = admin_municipality_ids(request)
        return qs if ids is None else qs.filter(pk__in=ids)

    # Only installation managers (superusers) add or rename municipalities.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    # A municipality is never removed: its records are protected history.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def save_model(self, request: HttpRequest, obj: Municipality, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in ("name", "slug", "cbs_code")}
        with admin_channel():
            if change:
                saved = services.municipality_update(
                    actor=request.user,  # type: ignore[arg-type]
                    municipality=Municipality.objects.get(pk=obj.pk),
                    **data,
                )
            else:
                saved = services.municipality_create(actor=request.user, **data)  # type: ignore[arg-type]
        obj.pk = saved.pk


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    """The user's roles, shown on the account; they change under Lidmaatschappen."""

    model = Membership
    extra = 0
    fields = ["municipality", "role"]
    readonly_fields = ["municipality", "role"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    """Accounts; only installation managers (superusers) manage them here.

    A functional administrator gives an existing account a role in their
    municipality under Lidmaatschappen.
    """

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    """A user's role in a municipality: given, changed and taken away through the service."""

    list_display = ["user", "municipality", "role"]
    list_filter = ["role", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    # Typed as an id: the list of all accounts is for installation managers only.
    raw_id_fields = ["user"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # An existing membership changes its role only; the user and municipality stay.
        return ["user", "municipality"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        actor: User = request.user  # type: ignore[assignment]
        with admin_channel():
            if change:
                saved = services.membership_update(
                    actor=actor,
                    membership=Membership.objects.get(pk=obj.pk),
                    role=form.cleaned_data["role"],
                )
            else:
                saved = services.membership_create(
                    actor=actor,
                    user=form.cleaned_data["user"],
                    municipality=form.cleaned_data["municipality"],
                    role=form.cleaned_data["role"],
                )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        with admin_channel():
            services.membership_delete(actor=request.user, membership=obj)  # type: ignore[arg-type]
