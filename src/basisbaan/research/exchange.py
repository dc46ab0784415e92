"""REFI-QDA exchange of a study: export as ``.qdpx`` (project) and ``.qdc``
(codebook), import of a ``.qdc`` codebook and of a ``.qdpx`` project's codings.

The format lives in :mod:`basisbaan.research.refi`; this module reads the study,
matches what a file holds to this study's codes and transcripts, and writes.

- Exports are audited with ``audit_export``; the ``.qdpx`` holds the transcripts'
  (pseudonymised) texts, so it also records the read of those texts.
- Imports validate the whole file first and write in one transaction: a file with
  any problem changes nothing. Importing the same file twice adds nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, audit_export
from basisbaan.research import refi
from basisbaan.research.constants import CODE_COLOURS
from basisbaan.research.models import Code, Coding, Memo, Respondent, Study, Transcript
from basisbaan.tenancy.models import User

__all__ = [
    "ImportResult",
    "codebook_export_qdc",
    "codebook_import_qdc",
    "codings_import_qdpx",
    "source_name",
    "study_export_qdpx",
    "user_guid",
]

# GUIDs of Basisbaan's users in exported files: stable per user, never random.
USER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:basisbaan:research:user")
SELECTION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:basisbaan:research:selection")
CASE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:basisbaan:research:case")


@dataclass(frozen=True)
class ImportResult:
    """What an import did. ``unmatched_sources`` names the file's sources that match
    no transcript of the study (their codings are not imported)."""

    codes_created: int = 0
    codes_skipped: int = 0
    codings_created: int = 0
    codings_skipped: int = 0
    sources_matched: int = 0
    unmatched_sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def created(self) -> int:
        return self.codes_created + self.codings_created

    @property
    def skipped(self) -> int:
        return self.codes_skipped + self.codings_skipped


def origin() -> str:
    try:
        version = metadata.version("basisbaan")
    except metadata.PackageNotFoundError:
        version = "onbekend"
    return f"Basisbaan {version}"


def user_guid(user_id: int | None) -> str:
    return str(uuid.uuid5(USER_NAMESPACE, str(user_id))) if user_id is not None else ""


# --------------------------------------------------------------------------- reads


def _transcripts(study: Study) -> list[Transcript]:
    return list(
        Transcript.objects.filter(municipality_id=study.municipality_id, session__study=study)
        .select_related("session")
        .prefetch_related("session__respondents")
        .order_by("session__held_on", "session__planned_on", "session_id", "id")
    )


def _codes(study: Study) -> list[Code]:
    return list(Code.objects.filter(municipality_id=study.municipality_id, study=study))


# The exchange files: extension and media type.
CONTENT_TYPES = {"qdpx": "application/zip", "qdc": "application/xml"}


def export_filename(study: Study, fmt: str) -> str:
    """``evaluatie-pilot-basisbanen-leeuwarden.qdpx``: the study's title as a file name."""
    return f"{slugify(study.title) or f'onderzoek-{study.pk}'}.{fmt}"


def source_name(transcript: Transcript) -> str:
    """How a transcript is called in an exported file: ``Interview R05 12-03-2025``
    (the kind, the respondents' codes unless it was unlinked, the day held)."""
    session = transcript.session
    with translation.override("nl"):
        parts = [str(session.get_kind_display())]
    if not transcript.unlinked:
        parts += sorted(r.code for r in session.respondents.all())
    day = session.held_on or session.planned_on
    if day is not None:
        parts.append(f"{day:%d-%m-%Y}")
    return " ".join(parts)


def _code_tree(codes: list[Code], memos: list[Memo]) -> list[refi.RefiCode]:
    notes: dict[int, list[str]] = defaultdict(list)
    for memo in memos:
        if memo.code_id is not None:
            notes[memo.code_id].append(str(memo.guid))
    nodes = {
        c.pk: refi.RefiCode(
            guid=str(c.guid),
            name=c.name,
            colour=refi.colour_of(c.colour),
            description=c.description,
            note_guids=notes[c.pk],
        )
        for c in codes
    }
    roots: list[refi.RefiCode] = []
    for c in sorted(codes, key=lambda c: (c.position, c.name, c.pk)):
        parent = nodes.get(c.parent_id) if c.parent_id is not None else None
        (parent.children if parent is not None else roots).append(nodes[c.pk])
    return roots


def _users(study: Study, user_ids: Iterable[int | None]) -> list[refi.RefiUser]:
    ids = {i for i in user_ids if i is not None}
    ids |= set(study.researchers.values_list("pk", flat=True))
    users = User.objects.filter(pk__in=ids).order_by("pk")
    return [refi.RefiUser(guid=user_guid(u.pk), name=u.get_username()) for u in users]


def _cases(study: Study, transcripts: list[Transcript]) -> list[refi.RefiCase]:
    """One case per respondent who has not withdrawn, with the transcripts linked to them."""
    linked: dict[int, list[str]] = defaultdict(list)
    for t in transcripts:
        if t.unlinked:
            continue
        for r in t.session.respondents.all():
            linked[r.pk].append(str(t.guid))
    respondents = (
        Respondent.objects.filter(municipality_id=study.municipality_id, study=study)
        .select_related("consent")
        .order_by("code", "pk")
    )
    cases = []
    with translation.override("nl"):
        for r in respondents:
            consent = getattr(r, "consent", None)
            if consent is not None and consent.withdrawn:
                continue
            cases.append(
                refi.RefiCase(
                    guid=str(uuid.uuid5(CASE_NAMESPACE, f"{study.guid}:{r.pk}")),
                    name=r.code,
                    description=str(r.get_kind_display()),
                    source_guids=tuple(linked[r.pk]),
                )
            )
    return cases


def _project(study: Study, actor: User | None) -> tuple[refi.RefiProject, list[Transcript]]:
    transcripts = _transcripts(study)
    codes = _codes(study)
    codings = list(
        Coding.objects.filter(
            municipality_id=study.municipality_id, transcript__session__study=study
        ).order_by("transcript_id", "start", "end", "id")
    )
    memos = list(
        Memo.objects.filter(municipality_id=study.municipality_id, study=study).order_by(
            "created_at", "id"
        )
    )
    code_guids = {c.pk: str(c.guid) for c in codes}
    by_transcript: dict[int, list[Coding]] = defaultdict(list)
    for coding in codings:
        by_transcript[coding.transcript_id].append(coding)
    transcript_notes: dict[int, list[str]] = defaultdict(list)
    for memo in memos:
        if memo.transcript_id is not None:
            transcript_notes[memo.transcript_id].append(str(memo.guid))
    sources = [
        refi.RefiSource(
            guid=str(t.guid),
            name=source_name(t),
            text=t.text,
            user_guid=user_guid(t.uploaded_by_id),
            created=t.created_at,
            note_guids=transcript_notes[t.pk],
            selections=[
                refi.RefiSelection(
                    guid=str(uuid.uuid5(SELECTION_NAMESPACE, str(c.guid))),
                    start=c.start,
                    end=c.end,
                    user_guid=user_guid(c.created_by_id),
                    created=c.created_at,
                    codings=[
                        refi.RefiCoding(
                            guid=str(c.guid),
                            code_guid=code_guids[c.code_id],
                            user_guid=user_guid(c.created_by_id),
                            created=c.created_at,
                        )
                    ],
                )
                for c in by_transcript[t.pk]
            ],
        )
        for t in transcripts
    ]
    user_ids = [actor.pk if actor is not None else None]
    user_ids += [t.uploaded_by_id for t in transcripts]
    user_ids += [c.created_by_id for c in codings] + [m.author_id for m in memos]
    project = refi.RefiProject(
        name=study.title,
        origin=origin(),
        created=timezone.now(),
        user_guid=user_guid(actor.pk if actor is not None else None),
        description=study.question,
        users=_users(study, user_ids),
        codes=_code_tree(codes, memos),
        cases=_cases(study, transcripts),
        sources=sources,
        notes=[
            refi.RefiNote(
                guid=str(m.guid),
                name=m.title,
                text=m.text,
                user_guid=user_guid(m.author_id),
                created=m.created_at,
            )
            for m in memos
        ],
        note_guids=[str(m.guid) for m in memos if m.code_id is None and m.transcript_id is None],
    )
    return project, transcripts


# ------------------------------------------------------------------------- exports


def study_export_qdpx(*, study: Study, actor: User | None) -> bytes:
    """The study as a ``.qdpx``: codebook, transcripts with their codings, cases, memos."""
    project, transcripts = _project(study, actor)
    content = refi.qdpx_archive(project)
    audit_export(
        actor=actor,
        municipality=study.municipality,
        model=Transcript,
        # The file holds these transcripts' texts: one export entry names them all.
        filters={"study": str(study.pk), "transcripts": ",".join(str(t.pk) for t in transcripts)},
        rows=len(transcripts),
        file_format="qdpx",
        fields=["text"],
    )
    return content


def codebook_export_qdc(*, study: Study, actor: User | None) -> bytes:
    """The study's codebook as a ``.qdc`` (refused while the codebook is empty)."""
    codes = _codes(study)
    content = refi.codebook_document(_code_tree(codes, []), origin=origin())
    audit_export(
        actor=actor,
        municipality=study.municipality,
        model=Code,
        filters={"study": str(study.pk)},
        rows=len(codes),
        file_format="qdc",
    )
    return content


# ------------------------------------------------------------------------- imports


class _CodeImport:
    """Matches a file's code tree to the study's codes and creates the missing ones."""

    def __init__(self, study: Study, actor: User | None) -> None:
        self.study = study
        self.actor = actor
        existing = _codes(study)
        self.by_guid = {str(c.guid): c for c in existing}
        self.by_name = {(c.parent_id, c.name): c for c in existing}
        self.next_position: dict[int | None, int] = defaultdict(int)
        for c in existing:
            self.next_position[c.parent_id] = max(self.next_position[c.parent_id], c.position + 1)
        self.colour_turn = len(existing)
        self.mapping: dict[str, Code] = {}
        self.created = 0
        self.skipped = 0

    def run(self, codes: list[refi.RefiCode], parent: Code | None = None) -> None:
        for item in codes:
            code = self.by_guid.get(item.guid) or self.by_name.get(
                (parent.pk if parent else None, item.name)
            )
            if code is None:
                code = self._create(item, parent)
            else:
                self.skipped += 1
            self.mapping[item.guid] = code
            self.run(item.children, code)

    def _create(self, item: refi.RefiCode, parent: Code | None) -> Code:
        parent_id = parent.pk if parent else None
        colour = item.colour
        if not colour:  # the next colour in turn, as a code made on the page gets
            colour = CODE_COLOURS[self.colour_turn % len(CODE_COLOURS)]
            self.colour_turn += 1
        code = Code(
            municipality_id=self.study.municipality_id,
            study=self.study,
            parent=parent,
            name=item.name,
            description=item.description,
            colour=colour,
            position=self.next_position[parent_id],
            guid=_free_guid(Code, item.guid),
        )
        code.full_clean()
        code.save()
        audit_change(actor=self.actor, instance=code, action=AuditAction.CREATE)
        self.next_position[parent_id] += 1
        self.by_guid[item.guid] = code
        self.by_name[(parent_id, code.name)] = code
        self.created += 1
        return code


def _free_guid(model: type[Code] | type[Coding], guid: str) -> uuid.UUID:
    """The file's GUID, unless a record anywhere has it already (GUIDs are unique over
    all studies: a study exported and imported into another gets fresh ones)."""
    if guid and not model.objects.filter(guid=guid).exists():
        return uuid.UUID(guid)
    return uuid.uuid4()


def codebook_import_qdc(*, study: Study, actor: User | None, content: bytes) -> ImportResult:
    """Codes of a ``.qdc`` into the study's codebook: a code is matched by GUID, then
    by name under the same parent; the missing ones are created with their place in
    the tree, description and colour. Existing codes are left as they are."""
    codes = refi.read_codebook(content)
    with transaction.atomic():
        job = _CodeImport(study, actor)
        job.run(codes)
    return ImportResult(codes_created=job.created, codes_skipped=job.skipped)


class _Sources:
    """Finds the study's transcript for a file's source: by GUID, by name, by text."""

    def __init__(self, transcripts: list[Transcript]) -> None:
        self.by_guid = {str(t.guid): t for t in transcripts}
        self.by_name: dict[str, list[Transcript]] = defaultdict(list)
        self.by_text: dict[str, list[Transcript]] = defaultdict(list)
        for t in transcripts:
            names = {source_name(t).casefold()}
            if t.source_name:
                names.add(t.source_name.casefold())
            for name in names:
                self.by_name[name].append(t)
            self.by_text[t.text].append(t)

    def match(self, source: refi.RefiSource) -> Transcript | None:
        if source.guid in self.by_guid:
            return self.by_guid[source.guid]
        named = self.by_name.get(source.name.strip().casefold(), [])
        if len(named) == 1:
            return named[0]
        if source.text is not None:
            same = self.by_text.get(source.text, [])
            if len(same) == 1:
                return same[0]
        return None


def codings_import_qdpx(*, study: Study, actor: User | None, content: bytes) -> ImportResult:
    """The codings of a ``.qdpx`` on this study's transcripts.

    The project's codebook is imported as :func:`codebook_import_qdc` does. Each text
    source is matched to a transcript by GUID, else by name, else by identical text;
    a matched source whose text differs from the transcript is refused (its positions
    would point elsewhere). A coding is skipped when the transcript has one with its
    GUID or with the same code, start and end. Any problem: nothing is written."""
    project = refi.read_qdpx(content)
    transcripts = _transcripts(study)
    finder = _Sources(transcripts)
    errors: list[str] = []
    matched: list[tuple[refi.RefiSource, Transcript]] = []
    unmatched: list[str] = []
    for source in project.sources:
        transcript = finder.match(source)
        if transcript is None:
            unmatched.append(source.name)
            continue
        errors += _check_source(source, transcript)
        matched.append((source, transcript))
    if errors:
        raise refi.RefiError(errors)
    with transaction.atomic():
        job = _CodeImport(study, actor)
        job.run(project.codes)
        created, skipped = _create_codings(study, actor, matched, job.mapping)
    return ImportResult(
        codes_created=job.created,
        codes_skipped=job.skipped,
        codings_created=created,
        codings_skipped=skipped,
        sources_matched=len(matched),
        unmatched_sources=tuple(unmatched),
    )


def _check_source(source: refi.RefiSource, transcript: Transcript) -> list[str]:
    if source.text is not None and source.text != transcript.text:
        return [
            _(
                "De tekst van bron '%(name)s' verschilt van het transcript waaraan de bron "
                "gekoppeld is; de posities van de coderingen zouden niet kloppen."
            )
            % {"name": source.name}
        ]
    length = len(transcript.text)
    return [
        refi.beyond_text(selection, source.name, length)
        for selection in source.selections
        if selection.end > length
    ]


def _create_codings(
    study: Study,
    actor: User | None,
    matched: list[tuple[refi.RefiSource, Transcript]],
    codes: dict[str, Code],
) -> tuple[int, int]:
    present = Coding.objects.filter(
        municipality_id=study.municipality_id, transcript__session__study=study
    ).values_list("guid", "transcript_id", "code_id", "start", "end")
    guids = {str(row[0]) for row in present}
    spans = {row[1:] for row in present}
    created = skipped = 0
    for source, transcript in matched:
        for selection in source.selections:
            for item in selection.codings:
                code = codes[item.code_guid]
                span = (transcript.pk, code.pk, selection.start, selection.end)
                if item.guid in guids or span in spans:
                    skipped += 1
                    continue
                coding = Coding(
                    municipality_id=study.municipality_id,
                    transcript=transcript,
                    code=code,
                    start=selection.start,
                    end=selection.end,
                    created_by=actor if actor is not None and actor.pk else None,
                    guid=_free_guid(Coding, item.guid),
                )
                coding.full_clean()
                coding.save()
                audit_change(actor=actor, instance=coding, action=AuditAction.CREATE)
                guids.add(item.guid)
                spans.add(span)
                created += 1
    return created, skipped
