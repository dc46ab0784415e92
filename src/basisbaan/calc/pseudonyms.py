"""Research pseudonyms: a keyed hash of a record's id, without identity.

``pseudonym(key, "participant", 12)`` is ``P-`` followed by the first 80 bits of
HMAC-SHA256(key, ``participant:12``) in base32, in four groups of four
(``P-ABCD-EFGH-IJKL-MNOP``). Without the key the code cannot be computed from an
id (nor an id found from a code); with 80 bits, two codes of one installation
collide with a chance of about n²/2^81 (one in 10^16 for a hundred thousand
participants). The key is the installation's own (never ``SECRET_KEY``), so a
rotation of the web secret leaves every pseudonym as it was.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

__all__ = ["PSEUDONYM_BITS", "PSEUDONYM_RE", "pseudonym"]

# 80 bits: 10 bytes of the digest, 16 base32 characters.
PSEUDONYM_BITS = 80
_BYTES = PSEUDONYM_BITS // 8
_GROUP = 4
# What a pseudonym looks like (for routes and validation).
PSEUDONYM_RE = r"P-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}"


def pseudonym(key: bytes, kind: str, number: int) -> str:
    """The pseudonym of record ``number`` of ``kind`` under ``key``."""
    if not key:
        raise ValueError("a pseudonym needs a key")
    digest = hmac.new(key, f"{kind}:{number}".encode(), hashlib.sha256).digest()
    text = base64.b32encode(digest[:_BYTES]).decode("ascii")
    groups = [text[i : i + _GROUP] for i in range(0, len(text), _GROUP)]
    return "P-" + "-".join(groups)
