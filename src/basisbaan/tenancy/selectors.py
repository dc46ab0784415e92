"""Reads of municipalities and memberships."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from basisbaan.tenancy.models import Membership, Municipality, User

MUNICIPALITY_HEADER = "HTTP_X_MUNICIPALITY"
SESSION_KEY = "municipality"


def membership_list(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("municipality")


def membership_resolve(
    *,
    user: User,
    requested_slug: str | None,
    memberships: list[Membership] | None = None,
) -> Membership | None:
    """The membership a request works in.

    ``requested_slug`` (from the X-Municipality header or the session) wins when
    the user is a member there; otherwise the user's first municipality by name.
    A slug the user is no member of gives ``None``: never another's data.
    ``memberships`` may pass the user's memberships when already read.
    """
    if not user.is_authenticated:
        return None
    if memberships is None:
        memberships = list(membership_list(user=user))
    if requested_slug:
        for membership in memberships:
            if membership.municipality.slug == requested_slug:
                return membership
        return None
    return memberships[0] if memberships else None


def staff_list(*, municipality: Municipality, roles: Iterable[str]) -> QuerySet[User]:
    """Users with one of ``roles`` in ``municipality`` (e.g. contact-person candidates)."""
    return (
        User.objects.filter(memberships__municipality=municipality, memberships__role__in=roles)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def filter_staff_name(queryset: QuerySet[User], text: str) -> QuerySet[User]:
    """Staff whose first name, last name or user name holds every word of ``text``
    (case-insensitive), for the choices that search staff by name."""
    for word in text.split()[:5]:
        queryset = queryset.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return queryset
