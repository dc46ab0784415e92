"""The frame of a server-rendered chart: one ``<svg>`` with its title and
description for screen readers, at one of a page's sizes (CSS shows one).

Charts draw their body with :func:`~django.utils.html.format_html` and put it
in :func:`svg_frame`; classes only, no inline style (the CSP forbids it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

__all__ = ["Svg", "svg_frame"]


@dataclass(frozen=True, slots=True)
class Svg:
    size: str
    markup: SafeString


def svg_frame(
    *, css: str, size: str, width: int, height: int, ident: str, title: str, desc: str, body: str
) -> Svg:
    """``body`` (built with ``format_html``) in an ``<svg class="{css} {css}--{size}">``
    labelled by its title and description; ``ident`` makes their ids unique on the page."""
    key = f"{ident}-{size}"
    markup = format_html(
        '<svg class="{css} {css}--{size}" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="t-{id} d-{id}" focusable="false"><title id="t-{id}">{title}</title>'
        '<desc id="d-{id}">{desc}</desc>{body}</svg>',
        css=css,
        size=size,
        w=width,
        h=height,
        id=key,
        title=title,
        desc=desc,
        body=mark_safe(body),  # noqa: S308 (the callers build it with format_html)
    )
    return Svg(size, markup)
