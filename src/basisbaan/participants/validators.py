from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.nl import bsn as stdnum_bsn

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _strip(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch not in " .-")


def normalise_bsn(value: str) -> str:
    """Strip spaces, dots and dashes; pad an 8-digit BSN with a leading zero."""
    compact = _strip(value)
    return compact.zfill(9) if len(compact) == 8 else compact


def validate_bsn(value: str) -> None:
    """Refuse a BSN that fails the eleven-test, with a Dutch message.

    Only 8 or 9 digits are accepted: stdnum would pad any shorter number.
    """
    compact = _strip(value)
    try:
        if compact.isdigit() and len(compact) not in (8, 9):
            raise InvalidLength()
        stdnum_bsn.validate(normalise_bsn(value))
    except InvalidLength as exc:
        raise ValidationError(
            _("Een BSN heeft 9 cijfers (of 8 met een voorloopnul)."), code="bsn_length"
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(_("Een BSN bestaat alleen uit cijfers."), code="bsn_format") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("Dit BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers."),
            code="bsn_checksum",
        ) from exc
