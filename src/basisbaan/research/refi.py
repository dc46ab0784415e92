"""REFI-QDA (QDA-XML 1.0) files: writing and safely reading ``.qdpx`` projects and
``.qdc`` codebooks.

This module knows the exchange format only: it turns plain dataclasses into XML and
zip files and back, and knows nothing of the database (``research/exchange.py``
does the matching and the writes). Everything it writes validates against the
vendored schemas in ``research/schemas/``; everything it reads is checked before
anything is returned, and every problem comes back at once as a Dutch list in
:class:`RefiError`:

- a size limit on the upload, on each file inside the zip and on their total, and
  a refusal of a member that unpacks far beyond its packed size (a zip bomb);
- a parser that never resolves entities, never fetches anything and refuses any
  DTD (``<!DOCTYPE``), so entity expansion ("billion laughs") and external
  entities cannot happen;
- the namespace of the root element, then the XSD;
- the references inside the file (a coding's code, a selection's range).

Positions (``startPosition``, ``endPosition``) are code points into the plain text,
which a ``.qdpx`` carries as ``Sources/<guid>.txt`` (UTF-8) so that they match.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "CODEBOOK_NS",
    "MAX_MEMBER_BYTES",
    "MAX_UPLOAD_BYTES",
    "PROJECT_NS",
    "RefiCode",
    "RefiCase",
    "RefiCoding",
    "RefiError",
    "RefiNote",
    "RefiProject",
    "RefiSelection",
    "RefiSource",
    "RefiUser",
    "codebook_document",
    "beyond_text",
    "codebook_schema",
    "colour_of",
    "normal_guid",
    "project_document",
    "project_schema",
    "qdpx_archive",
    "read_codebook",
    "read_qdpx",
]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMAS = Path(__file__).resolve().parent / "schemas"

# Limits of what an import reads. A study's transcripts are a few MB of text.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 5000
# A member that unpacks to more than this many times its packed size is refused
# (plain text compresses about 3 to 10 times; a zip bomb a thousand times and more).
MAX_RATIO = 100
# Schema messages shown at most, so that a broken file does not fill the page.
MAX_SCHEMA_ERRORS = 10

_RGB = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_INTERNAL = "internal://"


class RefiError(ValidationError):
    """A file that cannot be imported; ``messages`` lists every reason (Dutch)."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(errors)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass
class RefiCode:
    guid: str
    name: str
    colour: str = ""
    description: str = ""
    children: list[RefiCode] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RefiCoding:
    guid: str
    code_guid: str
    user_guid: str = ""
    created: dt.datetime | None = None


@dataclass
class RefiSelection:
    guid: str
    start: int
    end: int
    codings: list[RefiCoding] = field(default_factory=list)
    user_guid: str = ""
    created: dt.datetime | None = None


@dataclass
class RefiSource:
    guid: str
    name: str
    text: str | None
    selections: list[RefiSelection] = field(default_factory=list)
    user_guid: str = ""
    created: dt.datetime | None = None
    note_guids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RefiCase:
    guid: str
    name: str
    description: str
    source_guids: tuple[str, ...]


@dataclass(frozen=True)
class RefiNote:
    guid: str
    name: str
    text: str
    user_guid: str = ""
    created: dt.datetime | None = None


@dataclass
class RefiProject:
    name: str
    origin: str = ""
    created: dt.datetime | None = None
    user_guid: str = ""
    description: str = ""
    users: list[RefiUser] = field(default_factory=list)
    codes: list[RefiCode] = field(default_factory=list)
    cases: list[RefiCase] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


def walk(codes: list[RefiCode]) -> list[RefiCode]:
    """Every code of a tree, parents before their children."""
    found: list[RefiCode] = []
    for code in codes:
        found.append(code)
        found.extend(walk(code.children))
    return found


# ------------------------------------------------------------------------ writing


def _stamp(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _set(element: etree._Element, **attributes: str) -> None:
    """Set the attributes that have a value (the schema has no empty GUIDs or dates)."""
    for name, value in attributes.items():
        if value:
            element.set(name, value)


def _sub(parent: etree._Element, ns: str, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _code_element(parent: etree._Element, ns: str, code: RefiCode, *, notes: bool) -> None:
    element = _sub(parent, ns, "Code")
    element.set("guid", code.guid)
    element.set("name", code.name)
    element.set("isCodable", "true")
    _set(element, color=code.colour)
    if code.description:
        _sub(element, ns, "Description", code.description)
    if notes:  # NoteRef exists in the project schema only
        for guid in code.note_guids:
            _sub(element, ns, "NoteRef").set("targetGUID", guid)
    for child in code.children:
        _code_element(element, ns, child, notes=notes)


def _codes_element(parent: etree._Element, ns: str, codes: list[RefiCode], *, notes: bool) -> None:
    element = _sub(parent, ns, "Codes")
    for code in codes:
        _code_element(element, ns, code, notes=notes)


def _serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def codebook_document(codes: list[RefiCode], *, origin: str) -> bytes:
    """A ``.qdc`` file: ``<CodeBook origin><Codes><Code .../></Codes></CodeBook>``."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS})
    root.set("origin", origin)
    if codes:
        _codes_element(root, CODEBOOK_NS, codes, notes=False)
    else:
        # The schema wants one code at least; an empty codebook has no file.
        raise RefiError([_("Het codeboek heeft nog geen codes.")])
    return _serialise(root)


def _source_element(parent: etree._Element, source: RefiSource) -> None:
    ns = PROJECT_NS
    element = _sub(parent, ns, "TextSource")
    element.set("guid", source.guid)
    element.set("name", source.name)
    element.set("plainTextPath", f"{_INTERNAL}{source.guid}.txt")
    _set(element, creatingUser=source.user_guid, creationDateTime=_stamp(source.created))
    for selection in source.selections:
        item = _sub(element, ns, "PlainTextSelection")
        item.set("guid", selection.guid)
        item.set("startPosition", str(selection.start))
        item.set("endPosition", str(selection.end))
        _set(item, creatingUser=selection.user_guid, creationDateTime=_stamp(selection.created))
        for coding in selection.codings:
            node = _sub(item, ns, "Coding")
            node.set("guid", coding.guid)
            _set(node, creatingUser=coding.user_guid, creationDateTime=_stamp(coding.created))
            _sub(node, ns, "CodeRef").set("targetGUID", coding.code_guid)
    for guid in source.note_guids:
        _sub(element, ns, "NoteRef").set("targetGUID", guid)


def project_document(project: RefiProject) -> bytes:
    """``project.qde``: the project's XML, its children in the schema's order."""
    ns = PROJECT_NS
    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns})
    root.set("name", project.name)
    _set(
        root,
        origin=project.origin,
        creatingUserGUID=project.user_guid,
        creationDateTime=_stamp(project.created),
    )
    if project.users:
        _users_element(_sub(root, ns, "Users"), ns, project)
    if project.codes:
        _codes_element(_sub(root, ns, "CodeBook"), ns, project.codes, notes=True)
    if project.cases:
        _cases_element(_sub(root, ns, "Cases"), ns, project)
    if project.sources:
        sources = _sub(root, ns, "Sources")
        for source in project.sources:
            _source_element(sources, source)
    if project.notes:
        _notes_element(_sub(root, ns, "Notes"), ns, project)
    if project.description:
        _sub(root, ns, "Description", project.description)
    for guid in project.note_guids:
        _sub(root, ns, "NoteRef").set("targetGUID", guid)
    return _serialise(root)


def _users_element(users: etree._Element, ns: str, project: RefiProject) -> None:
    for user in project.users:
        node = _sub(users, ns, "User")
        node.set("guid", user.guid)
        node.set("name", user.name)


def _cases_element(cases: etree._Element, ns: str, project: RefiProject) -> None:
    for case in project.cases:
        node = _sub(cases, ns, "Case")
        node.set("guid", case.guid)
        node.set("name", case.name)
        if case.description:
            _sub(node, ns, "Description", case.description)
        for guid in case.source_guids:
            _sub(node, ns, "SourceRef").set("targetGUID", guid)


def _notes_element(notes: etree._Element, ns: str, project: RefiProject) -> None:
    for note in project.notes:
        node = _sub(notes, ns, "Note")
        node.set("guid", note.guid)
        node.set("name", note.name)
        _set(node, creatingUser=note.user_guid, creationDateTime=_stamp(note.created))
        _sub(node, ns, "PlainTextContent", note.text)


def qdpx_archive(project: RefiProject) -> bytes:
    """A ``.qdpx``: ``project.qde`` and ``Sources/<guid>.txt`` with each source's exact
    text in UTF-8 (no byte-order mark), so that the positions match."""
    stamp = (project.created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)).astimezone(dt.UTC)
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        members = [("project.qde", project_document(project))]
        members += [(f"Sources/{s.guid}.txt", (s.text or "").encode()) for s in project.sources]
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


# ------------------------------------------------------------------------ reading


@functools.cache
def project_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "Project-mrt2019.xsd")))


@functools.cache
def codebook_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "Codebook.xsd")))


def normal_guid(value: str) -> str:
    """A GUID as lower-case 8-4-4-4-12 text, braces or not (``{ABC...}`` too)."""
    return str(uuid.UUID(value.strip().strip("{}")))


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def _parse(content: bytes, *, what: str) -> etree._ElementTree:
    """Parse ``content`` without entities, network or DTD; refuse a DTD outright."""
    if b"<!DOCTYPE" in content[:4096].upper() or b"<!ENTITY" in content.upper():
        raise RefiError(
            [
                _(
                    "%(what)s bevat een DTD of entiteiten (<!DOCTYPE>, <!ENTITY>). "
                    "Dat is om veiligheidsredenen niet toegestaan."
                )
                % {"what": what}
            ]
        )
    try:
        tree = etree.parse(io.BytesIO(content), _safe_parser())
    except etree.XMLSyntaxError as exc:
        raise RefiError(
            [
                _("%(what)s is geen geldige XML (regel %(line)s): %(reason)s.")
                % {"what": what, "line": exc.lineno or "?", "reason": exc.msg}
            ]
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise RefiError(
            [
                _("%(what)s bevat een DTD. Dat is om veiligheidsredenen niet toegestaan.")
                % {"what": what}
            ]
        )
    return tree


def _check_root(tree: etree._ElementTree, *, ns: str, tag: str, what: str) -> None:
    root = tree.getroot()
    qname = etree.QName(root)
    if qname.namespace != ns or qname.localname != tag:
        raise RefiError(
            [
                _(
                    "%(what)s heeft een onbekende naamruimte of hoofdelement: "
                    "<%(found)s> in %(namespace)s, verwacht <%(tag)s> in %(expected)s."
                )
                % {
                    "what": what,
                    "found": qname.localname,
                    "namespace": qname.namespace or _("(geen naamruimte)"),
                    "tag": tag,
                    "expected": ns,
                }
            ]
        )


def _validate(tree: etree._ElementTree, schema: etree.XMLSchema, *, what: str) -> None:
    if schema.validate(tree):
        return
    errors = [
        _("%(what)s voldoet niet aan het REFI-QDA-schema (regel %(line)s): %(reason)s")
        % {"what": what, "line": entry.line, "reason": entry.message}
        for entry in list(schema.error_log)[:MAX_SCHEMA_ERRORS]
    ]
    raise RefiError(errors)


def _guid(element: etree._Element, attribute: str = "guid") -> str:
    value = element.get(attribute) or ""
    return normal_guid(value) if value else ""


def _moment(element: etree._Element, attribute: str) -> dt.datetime | None:
    value = element.get(attribute)
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _children(element: etree._Element, ns: str, tag: str) -> list[etree._Element]:
    return list(element.iterchildren(f"{{{ns}}}{tag}"))


def _text_of(element: etree._Element, ns: str, tag: str) -> str:
    found = element.find(f"{{{ns}}}{tag}")
    return (found.text or "") if found is not None else ""


def colour_of(value: str) -> str:
    """``#RGB`` and ``#RRGGBB`` as upper-case ``#RRGGBB``."""
    if not _RGB.match(value):
        return ""
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits.upper()}"


def _read_codes(element: etree._Element, ns: str) -> list[RefiCode]:
    return [
        RefiCode(
            guid=_guid(node),
            name=(node.get("name") or "").strip(),
            colour=colour_of(node.get("color") or ""),
            description=_text_of(node, ns, "Description"),
            children=_read_codes(node, ns),
            note_guids=[_guid(n, "targetGUID") for n in _children(node, ns, "NoteRef")],
        )
        for node in _children(element, ns, "Code")
    ]


def _check_codes(codes: list[RefiCode], *, what: str) -> list[str]:
    """The codebook's own problems: duplicate GUIDs, empty or too long names."""
    errors: list[str] = []
    seen: set[str] = set()
    for code in walk(codes):
        if code.guid in seen:
            errors.append(
                _("%(what)s: de GUID %(guid)s komt meer dan eens voor in het codeboek.")
                % {"what": what, "guid": code.guid}
            )
        seen.add(code.guid)
        if not code.name:
            errors.append(
                _("%(what)s: code %(guid)s heeft geen naam.") % {"what": what, "guid": code.guid}
            )
        elif len(code.name) > 120:
            errors.append(
                _("%(what)s: de naam van code %(guid)s is langer dan 120 tekens.")
                % {"what": what, "guid": code.guid}
            )
    return errors


def read_codebook(content: bytes) -> list[RefiCode]:
    """The code tree of a ``.qdc`` file, checked; :class:`RefiError` if it is not one."""
    what = _("Het codeboek")
    if len(content) > MAX_MEMBER_BYTES:
        raise RefiError([_too_large(what, MAX_MEMBER_BYTES)])
    tree = _parse(content, what=what)
    _check_root(tree, ns=CODEBOOK_NS, tag="CodeBook", what=what)
    _validate(tree, codebook_schema(), what=what)
    codes_element = tree.getroot().find(f"{{{CODEBOOK_NS}}}Codes")
    codes = _read_codes(codes_element, CODEBOOK_NS) if codes_element is not None else []
    errors = _check_codes(codes, what=what)
    if errors:
        raise RefiError(errors)
    return codes


def _too_large(what: str, limit: int) -> str:
    return _("%(what)s is te groot: de grens is %(size)s MB.") % {
        "what": what,
        "size": limit // (1024 * 1024),
    }


class _Archive:
    """The members of an uploaded zip, read within the limits."""

    def __init__(self, content: bytes) -> None:
        if len(content) > MAX_UPLOAD_BYTES:
            raise RefiError([_too_large(_("Het bestand"), MAX_UPLOAD_BYTES)])
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(content))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise RefiError(
                [_("Het bestand is geen geldig .qdpx-bestand: het is geen (leesbaar) zip-archief.")]
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise RefiError(
                [_("Het zip-archief bevat meer dan %(count)s bestanden.") % {"count": MAX_MEMBERS}]
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise RefiError([_too_large(_("De uitgepakte inhoud"), MAX_TOTAL_BYTES)])
        self.infos = [i for i in infos if not i.is_dir()]
        self.read_total = 0

    def find_project(self) -> zipfile.ZipInfo | None:
        """``project.qde`` at the top (any case); else the only ``.qde`` file anywhere."""
        top = [i for i in self.infos if i.filename.lower() == "project.qde"]
        if top:
            return top[0]
        qde = [i for i in self.infos if i.filename.lower().endswith(".qde")]
        return qde[0] if len(qde) == 1 else None

    def find_source(self, path: str) -> zipfile.ZipInfo | None:
        """A source file named by ``internal://<name>``: matched by its basename,
        case-insensitively, preferring a ``Sources/`` folder in any case."""
        name = posixpath.basename(path[len(_INTERNAL) :].replace("\\", "/")).lower()
        if not name:
            return None
        matches = [i for i in self.infos if posixpath.basename(i.filename).lower() == name]
        in_sources = [
            i for i in matches if posixpath.dirname(i.filename).lower().endswith("sources")
        ]
        chosen = in_sources or matches
        return chosen[0] if chosen else None

    def read(self, info: zipfile.ZipInfo, what: str) -> bytes:
        if info.file_size > MAX_MEMBER_BYTES:
            raise RefiError([_too_large(what, MAX_MEMBER_BYTES)])
        bomb = info.compress_size and info.file_size > 1024 * 1024
        if bomb and info.file_size / info.compress_size > MAX_RATIO:
            raise RefiError(
                [
                    _(
                        "%(what)s pakt uit tot meer dan %(ratio)s keer zijn ingepakte "
                        "grootte (een 'zip-bom'); het bestand is geweigerd."
                    )
                    % {"what": what, "ratio": MAX_RATIO}
                ]
            )
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError):
            raise RefiError(
                [_("%(what)s in het zip-archief is beschadigd.") % {"what": what}]
            ) from None
        # The header's size can lie: count what was really unpacked.
        if len(data) > MAX_MEMBER_BYTES:
            raise RefiError([_too_large(what, MAX_MEMBER_BYTES)])
        self.read_total += len(data)
        if self.read_total > MAX_TOTAL_BYTES:
            raise RefiError([_too_large(_("De uitgepakte inhoud"), MAX_TOTAL_BYTES)])
        return data


def _source_text(
    archive: _Archive, node: etree._Element, name: str, errors: list[str]
) -> str | None:
    """The plain text of a ``TextSource``: its ``PlainTextContent`` or its file in the zip;
    ``None`` when it has neither (it can still be matched by GUID or name)."""
    ns = PROJECT_NS
    content = node.find(f"{{{ns}}}PlainTextContent")
    if content is not None:
        return content.text or ""
    path = node.get("plainTextPath") or ""
    if not path.lower().startswith(_INTERNAL):
        return None
    info = archive.find_source(path)
    what = _("De tekst van bron '%(name)s'") % {"name": name}
    if info is None:
        errors.append(
            _("%(what)s (%(path)s) ontbreekt in het zip-archief.") % {"what": what, "path": path}
        )
        return None
    data = archive.read(info, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors.append(_("%(what)s is geen UTF-8.") % {"what": what})
        return None


def _read_sources(
    root: etree._Element, archive: _Archive, code_guids: set[str], errors: list[str]
) -> list[RefiSource]:
    ns = PROJECT_NS
    sources_element = root.find(f"{{{ns}}}Sources")
    if sources_element is None:
        return []
    sources = []
    for node in _children(sources_element, ns, "TextSource"):
        name = node.get("name") or node.get("guid") or ""
        text = _source_text(archive, node, name, errors)
        source = RefiSource(
            guid=_guid(node),
            name=name,
            text=text,
            user_guid=_guid(node, "creatingUser"),
            created=_moment(node, "creationDateTime"),
        )
        for item in _children(node, ns, "PlainTextSelection"):
            selection = RefiSelection(
                guid=_guid(item),
                start=int(item.get("startPosition") or 0),
                end=int(item.get("endPosition") or 0),
                user_guid=_guid(item, "creatingUser"),
                created=_moment(item, "creationDateTime"),
            )
            _check_selection(selection, source, errors)
            for coding in _children(item, ns, "Coding"):
                ref = coding.find(f"{{{ns}}}CodeRef")
                code_guid = _guid(ref, "targetGUID") if ref is not None else ""
                if code_guid not in code_guids:
                    errors.append(
                        _(
                            "Codering %(guid)s in bron '%(name)s' verwijst naar code "
                            "%(code)s, die niet in het codeboek staat."
                        )
                        % {"guid": _guid(coding), "name": name, "code": code_guid}
                    )
                    continue
                selection.codings.append(
                    RefiCoding(
                        guid=_guid(coding),
                        code_guid=code_guid,
                        user_guid=_guid(coding, "creatingUser"),
                        created=_moment(coding, "creationDateTime"),
                    )
                )
            source.selections.append(selection)
        sources.append(source)
    return sources


def _check_selection(selection: RefiSelection, source: RefiSource, errors: list[str]) -> None:
    if selection.start < 0 or selection.end <= selection.start:
        errors.append(
            _(
                "Selectie %(guid)s in bron '%(name)s' heeft een ongeldig bereik "
                "(%(start)s tot %(end)s)."
            )
            % {
                "guid": selection.guid,
                "name": source.name,
                "start": selection.start,
                "end": selection.end,
            }
        )
    elif source.text is not None and selection.end > len(source.text):
        errors.append(beyond_text(selection, source.name, len(source.text)))


def beyond_text(selection: RefiSelection, name: str, length: int) -> str:
    return _(
        "Selectie %(guid)s in bron '%(name)s' loopt tot positie %(end)s, maar de tekst "
        "is %(length)s tekens lang."
    ) % {"guid": selection.guid, "name": name, "end": selection.end, "length": length}


def read_qdpx(content: bytes) -> RefiProject:
    """The codebook, text sources (with their texts) and codings of a ``.qdpx``,
    checked; :class:`RefiError` with every problem found."""
    archive = _Archive(content)
    info = archive.find_project()
    if info is None:
        raise RefiError([_("Het zip-archief bevat geen project.qde.")])
    what = _("project.qde")
    tree = _parse(archive.read(info, what), what=what)
    _check_root(tree, ns=PROJECT_NS, tag="Project", what=what)
    _validate(tree, project_schema(), what=what)
    root = tree.getroot()
    ns = PROJECT_NS
    codebook = root.find(f"{{{ns}}}CodeBook/{{{ns}}}Codes")
    codes = _read_codes(codebook, ns) if codebook is not None else []
    errors = _check_codes(codes, what=what)
    sources = _read_sources(root, archive, {c.guid for c in walk(codes)}, errors)
    if errors:
        raise RefiError(errors)
    return RefiProject(
        name=root.get("name") or "",
        origin=root.get("origin") or "",
        created=_moment(root, "creationDateTime"),
        user_guid=_guid(root, "creatingUserGUID"),
        codes=codes,
        sources=sources,
    )
