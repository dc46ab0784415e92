"""Showing a participant as the viewer may see them (a builtin: no ``{% load %}``).

- ``{% participant_name participant %}``: the full name, or the pseudonym in a
  monospace span for a viewer who sees pseudonyms;
- ``{% participant_label participant as name %}``: the same as plain text, for
  ``aria-label`` attributes and sentences;
- ``{% participant_bsn participant %}``: the whole BSN, ``*****1234``, or nothing;
- ``{{ participant.children_birth_months|birth_months }}``: ``03-2014, 11-2019``.

Each asks :mod:`basisbaan.participants.privacy` for the request's viewer (the
``privacy`` variable of the context processor, or the request itself).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from basisbaan.participants.household import birth_months_text
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import PersonalDataPolicy, policy_for

register = template.Library()


def _policy(context: template.Context) -> PersonalDataPolicy:
    policy = context.get("privacy")
    if isinstance(policy, PersonalDataPolicy):
        return policy
    return policy_for(context.get("request"))


@register.simple_tag(takes_context=True)
def participant_name(context: template.Context, participant: Participant | None) -> Any:
    if participant is None:
        return ""
    policy = _policy(context)
    if policy.sees_identity:
        return participant.full_name
    return format_html('<span class="bb-mono">{}</span>', participant.pseudonym)


@register.simple_tag(takes_context=True)
def participant_label(context: template.Context, participant: Participant | None) -> str:
    if participant is None:
        return ""
    return _policy(context).name(participant)


@register.simple_tag(takes_context=True)
def participant_bsn(context: template.Context, participant: Participant | None) -> str:
    if participant is None:
        return ""
    return _policy(context).bsn(participant)


@register.filter
def birth_months(months: Any) -> str:
    """Children's stored birth months as the form shows them: ``03-2014, 11-2019``."""
    return birth_months_text(months)
