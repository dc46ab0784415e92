"""The upload forms of the REFI-QDA exchange page."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basisbaan.research.refi import MAX_UPLOAD_BYTES


class ImportForm(forms.Form):
    """One file: a ``.qdc`` codebook or a ``.qdpx`` project (``extension``)."""

    extension = ".qdpx"

    file = forms.FileField(label=_("Bestand"))

    def __init__(self, *args: object, extension: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.extension = extension
        self.prefix = extension.lstrip(".")
        self.fields["file"].label = _("Bestand (%(extension)s)") % {"extension": extension}
        self.fields["file"].widget.attrs["accept"] = extension

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.extension):
            raise ValidationError(
                _("Kies een bestand met de extensie %(extension)s.") % {"extension": self.extension}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("Het bestand is groter dan %(size)s MB.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return bytes(upload.read())
