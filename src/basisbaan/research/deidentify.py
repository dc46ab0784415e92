"""The deduce detector (Menger et al. 2017; LGPL-3.0-or-later, used unmodified).

deduce finds names, places, institutions, dates, ages, BSNs, numbers, phone
numbers, e-mail and web addresses in Dutch text. Its lookup tables take about
85 s to build the first time (written to ``settings.DEDUCE_CACHE_DIR``) and about
5 s to load from that cache; the model is loaded once per process, lazily,
behind a lock. ``basisbaan deduce_cache`` builds or loads the cache ahead of time.

:func:`findings` returns plain ``(start, end, tag)`` spans with the tags of
:class:`~basisbaan.research.constants.RedactionTag`; the text itself is never
logged or kept.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from basisbaan.calc.redaction import Finding
from basisbaan.research.constants import RedactionTag

if TYPE_CHECKING:
    from deduce import Deduce

logger = logging.getLogger(__name__)

# deduce's tags onto ours. A tag deduce adds later becomes ID (a number) rather
# than being dropped: a proposal too many is rejected with one click.
TAG_MAP: dict[str, str] = {
    "persoon": RedactionTag.PERSON,
    "patient": RedactionTag.PERSON,
    "locatie": RedactionTag.LOCATION,
    "ziekenhuis": RedactionTag.INSTITUTION,
    "zorginstelling": RedactionTag.INSTITUTION,
    "instelling": RedactionTag.INSTITUTION,
    "datum": RedactionTag.DATE,
    "leeftijd": RedactionTag.AGE,
    "bsn": RedactionTag.BSN,
    "id": RedactionTag.ID,
    "telefoonnummer": RedactionTag.PHONE,
    "email": RedactionTag.EMAIL,
    "url": RedactionTag.URL,
}

_lock = threading.Lock()
_model: Deduce | None = None


def cache_dir() -> Path:
    return Path(settings.DEDUCE_CACHE_DIR)


def model() -> Deduce:
    """The process's deduce, loaded (or its cache built) on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from deduce import Deduce

                path = cache_dir()
                path.mkdir(parents=True, exist_ok=True)
                started = time.perf_counter()
                _model = Deduce(cache_path=path)
                logger.info(
                    "deduce_loaded",
                    extra={"seconds": round(time.perf_counter() - started, 1)},
                )
    return _model


def cache_present() -> bool:
    """Whether a cache file is there (not whether it fits this deduce version)."""
    return any((cache_dir() / "cache").glob("*.pickle"))


def is_loaded() -> bool:
    return _model is not None


def map_tag(tag: str) -> str:
    return str(TAG_MAP.get(tag.lower(), RedactionTag.ID))


def findings(text: str) -> list[Finding]:
    """deduce's spans in ``text``, with our tags."""
    if not text.strip():
        return []
    doc: Any = model().deidentify(text)
    return [
        Finding(a.start_char, a.end_char, map_tag(a.tag))
        for a in sorted(doc.annotations, key=lambda a: (a.start_char, a.end_char))
    ]
