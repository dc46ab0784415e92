from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds: float | None) -> str:
    """``75.4`` -> ``1:15``; ``3725`` -> ``1:02:05``; None -> ``""``."""
    if seconds is None:
        return ""
    total = max(int(round(seconds)), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


@register.filter
def job_elapsed(job: object) -> str:
    started = getattr(job, "started_at", None)
    finished = getattr(job, "finished_at", None)
    if started is None or finished is None:
        return ""
    return duration((finished - started).total_seconds()) or _("0:00")
