"""Pseudonymised transcripts: reading an upload, proposing redactions, saving.

The original text of an interview exists only in the request that handles it:
it is read from the upload (or the pasted text), the proposals are computed
from it (names from the records plus deduce, :mod:`basisbaan.calc.redaction`),
and :func:`transcript_save` recomputes them on the server, applies the
researcher's decisions and stores the pseudonymised text only. Nothing here
logs, caches or stores the original.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Collection, Iterable, Sequence
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change
from basisbaan.calc.redaction import Added, KnownName, Proposal, Redacted, apply, propose
from basisbaan.calc.redaction import word_count as count_words
from basisbaan.hosts.models import Host, HostContact
from basisbaan.placements.models import Placement
from basisbaan.research import deidentify
from basisbaan.research.constants import RedactionTag, SessionStatus
from basisbaan.research.models import Consent, Session, Transcript
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.scoping import scope

__all__ = [
    "MAX_TEXT_CHARS",
    "MAX_UPLOAD_BYTES",
    "clean_text",
    "known_names",
    "redaction_preview",
    "redaction_propose",
    "session_list",
    "transcript_list",
    "transcript_refusal",
    "transcript_read_upload",
    "transcript_save",
]

# A transcript of a long interview is some 15,000 words (about 100 kB of text).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000

# Legal forms after a host's name: "Bakkerij Jansen B.V." is also "Bakkerij Jansen".
_LEGAL_FORM = re.compile(r"[\s,]+(?:b\.?\s?v\.?|n\.?\s?v\.?|v\.?o\.?f\.?|c\.?v\.?)\s*$", re.I)
# A house number (and addition) after a street: "Kerkstraat 12a" is also "Kerkstraat".
_HOUSE_NUMBER = re.compile(r"\s+\d.*$")


# -- selectors ---------------------------------------------------------------


def session_list(*, municipality: Municipality | None) -> QuerySet[Session]:
    return scope(Session.objects.select_related("study"), municipality)


def transcript_list(*, municipality: Municipality | None) -> QuerySet[Transcript]:
    return scope(Transcript.objects.select_related("session__study"), municipality)


# -- reading -----------------------------------------------------------------


def clean_text(text: str) -> str:
    """NFC (an accented letter is one code point), Unix line ends, no NUL."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x00", "")
    if not text.strip():
        raise ValidationError(_("Het transcript is leeg."), code="empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            _("Het transcript is te lang (meer dan %(max)s tekens).")
            % {"max": f"{MAX_TEXT_CHARS:,}".replace(",", ".")},
            code="too_long",
        )
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("De tekst kan niet worden gelezen: sla het bestand op als UTF-8 en probeer opnieuw."),
            code="encoding",
        ) from exc


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(
            _("Dit Word-bestand kan niet worden gelezen. Sla het op als .docx of .txt."),
            code="docx",
        ) from exc
    lines = [p.text for p in document.paragraphs]
    lines += [
        "\t".join(cell.text for cell in row.cells)
        for table in document.tables
        for row in table.rows
    ]
    return "\n".join(lines)


def transcript_read_upload(file: IO[bytes] | Any) -> str:
    """The text of an uploaded .txt (UTF-8, with or without BOM, or Windows-1252)
    or .docx (its paragraphs and tables), cleaned by :func:`clean_text`."""
    name = str(getattr(file, "name", "") or "").lower()
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."), code="too_big")
    data = file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Het bestand is groter dan 2 MB."), code="too_big")
    if name.endswith(".docx"):
        return clean_text(_docx_text(data))
    if name.endswith(".txt") or not name:
        return clean_text(_decode(data))
    raise ValidationError(
        _("Kies een tekstbestand (.txt) of een Word-bestand (.docx)."), code="file_type"
    )


# -- names from the records ----------------------------------------------------


def _words(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _person(tag: str, key: str, first: str, prefix: str, last: str) -> KnownName:
    variants = {
        _words(first, prefix, last),
        _words(first, last),
        _words(prefix, last),
        _words(first),
        _words(last),
    }
    return KnownName(tag, key, tuple(sorted(v for v in variants if len(v) >= 2)))


def _free_name(tag: str, key: str, name: str) -> KnownName:
    """A name written as one field ("Jan de Boer"): whole, first word, the rest."""
    words = name.split()
    variants = {name.strip()}
    if len(words) > 1:
        variants |= {words[0], " ".join(words[1:]), words[-1]}
    return KnownName(tag, key, tuple(sorted(v for v in variants if len(v) >= 2)))


def _host_name(host_pk: int, name: str) -> KnownName:
    short = _LEGAL_FORM.sub("", name).strip()
    return KnownName(
        RedactionTag.HOST.value,
        f"host:{host_pk}",
        tuple(sorted({v for v in (name.strip(), short) if len(v) >= 2})),
    )


def _street(key: str, street: str) -> KnownName | None:
    name = _HOUSE_NUMBER.sub("", street).strip()
    variants = {v for v in (street.strip(), name) if len(v) >= 3}
    if not variants:
        return None
    return KnownName(RedactionTag.LOCATION.value, key, tuple(sorted(variants)))


def known_names(session: Session) -> list[KnownName]:
    """The names the records know around ``session``: its participant respondents
    (names and streets), the hosts of their placements and every host of the
    municipality, the hosts' contacts and the municipality's users."""
    municipality_id = session.municipality_id
    names: list[KnownName] = []
    participants = [
        r.participant for r in session.respondents.select_related("participant") if r.participant
    ]
    for participant in participants:
        names.append(
            _person(
                RedactionTag.PERSON.value,
                f"participant:{participant.pk}",
                participant.first_name,
                participant.name_prefix,
                participant.last_name,
            )
        )
        street = _street(f"street:{participant.pk}", participant.street)
        if street is not None:
            names.append(street)
    placed_hosts = Placement.objects.filter(
        municipality_id=municipality_id, participant__in=participants
    ).values_list("position__host_id", flat=True)
    hosts = Host.objects.filter(municipality_id=municipality_id).values_list("pk", "name")
    host_rows = dict(hosts)
    # The participants' own hosts first: a name two hosts share counts as theirs.
    own = sorted(pk for pk in set(placed_hosts) if pk in host_rows)
    names += [_host_name(pk, host_rows[pk]) for pk in own]
    names += [_host_name(pk, name) for pk, name in host_rows.items() if pk not in own]
    contacts = HostContact.objects.filter(municipality_id=municipality_id).values_list("pk", "name")
    names += [_free_name(RedactionTag.PERSON.value, f"contact:{pk}", n) for pk, n in contacts]
    users = User.objects.filter(
        pk__in=Membership.objects.filter(municipality_id=municipality_id).values("user_id")
    ).values_list("pk", "first_name", "last_name")
    names += [
        _person(RedactionTag.PERSON.value, f"user:{pk}", first, "", last)
        for pk, first, last in users
        if first or last
    ]
    return [n for n in names if n.variants]


# -- proposing and saving ------------------------------------------------------


def redaction_propose(*, session: Session, text: str) -> list[Proposal]:
    """What to hide in ``text``: the known names and deduce's findings."""
    return propose(text, known_names(session), deidentify.findings(text))


def redaction_preview(
    *,
    session: Session,
    text: str,
    accepted: Collection[str] | None,
    added: Sequence[Added] = (),
) -> tuple[list[Proposal], Redacted]:
    """The proposals for ``text`` and the text with the ``accepted`` ones (all of
    them when ``None``) and the ``added`` phrases replaced."""
    return _preview(known_names(session), text, accepted, added)


def _preview(
    names: Sequence[KnownName],
    text: str,
    accepted: Collection[str] | None,
    added: Sequence[Added],
) -> tuple[list[Proposal], Redacted]:
    proposals = propose(text, names, deidentify.findings(text))
    chosen = {p.id for p in proposals} if accepted is None else set(accepted)
    return proposals, apply(text, proposals, chosen, added)


def transcript_refusal(session: Session) -> ValidationError | None:
    """Why ``session`` cannot get a transcript now, or ``None``."""
    if session.status != SessionStatus.HELD:
        return ValidationError(
            _("Een transcript hoort bij een gehouden gesprek; dit gesprek is niet gehouden."),
            code="not_held",
        )
    if Transcript.objects.filter(session=session).exists():
        return ValidationError(_("Dit gesprek heeft al een transcript."), code="exists")
    respondents = list(session.respondents.all())
    if not respondents:
        return ValidationError(_("Dit gesprek heeft geen respondenten."), code="no_respondents")
    consented = set(
        Consent.objects.filter(
            respondent__in=respondents, scope_interview=True, withdrawn_on__isnull=True
        ).values_list("respondent_id", flat=True)
    )
    missing = sorted(r.code for r in respondents if r.pk not in consented)
    if missing:
        return ValidationError(
            _(
                "Zonder toestemming voor het gesprek geen transcript. Geen (geldige) "
                "toestemming van: %(codes)s."
            )
            % {"codes": ", ".join(missing)},
            code="no_consent",
        )
    return None


def _added(added: Iterable[Added | tuple[str, str]]) -> list[Added]:
    tags = set(RedactionTag.values)
    out = []
    for item in added:
        phrase, tag = (item.text, item.tag) if isinstance(item, Added) else item
        phrase = " ".join(str(phrase).split())
        if not phrase:
            continue
        if tag not in tags:
            raise ValidationError(_("Onbekende soort vervanging: %(tag)s.") % {"tag": tag})
        out.append(Added(phrase, tag))
    return out


def transcript_save(
    *,
    session: Session,
    actor: User | None,
    text: str,
    accepted: Collection[str],
    added: Iterable[Added | tuple[str, str]] = (),
    source_name: str = "",
) -> Transcript:
    """Store the pseudonymised ``text`` of ``session``: the proposals are computed
    again here, the ``accepted`` ids among them and every occurrence of the
    ``added`` phrases are replaced; the original is not kept anywhere."""
    refusal = transcript_refusal(session)
    if refusal is not None:
        raise refusal
    text = clean_text(text)
    phrases = _added(added)
    names = known_names(session)
    _proposals, redacted = _preview(names, text, accepted, phrases)
    # A file name may name the respondent too ("interview Annie Bakker.docx").
    name_proposals = propose(source_name, names, [])
    source = apply(source_name, name_proposals, {p.id for p in name_proposals}).text
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        refusal = transcript_refusal(locked)
        if refusal is not None:
            raise refusal
        transcript = Transcript(
            municipality_id=session.municipality_id,
            session=locked,
            text=redacted.text,
            source_name=source[:200],
            word_count=count_words(redacted.text),
            redactions=dict(sorted(redacted.counts.items())),
            uploaded_by=actor,
        )
        transcript.full_clean()
        transcript.save()
        audit_change(actor=actor, instance=transcript, action=AuditAction.CREATE)
    return transcript
