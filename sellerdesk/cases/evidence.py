"""Evidence files on a case: what may be stored, and the actions that store and remove them.

A file is judged by its content, not by what the browser or its name claims: magic bytes decide
the type, the extension must agree with it, archives (and office documents, which are archives)
are inspected with `zipfile` without extracting anything. Only a file that passed every check is
written, into the case's own folder, inside the transaction that records it; if anything fails
after the write the file is deleted again, so a refused upload leaves nothing behind.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Membership
from sellerdesk.cases.actions import ActionError, log_event
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case, Evidence

MAX_NAME_LENGTH = 150  # of the name shown to people; stored names are shorter still
MAX_STORED_STEM = 80
MAX_ZIP_ENTRIES = 10_000
MAX_ZIP_RATIO = 100  # unpacked : packed, above which a large archive is taken for a bomb
RATIO_FLOOR = 10 * 1024 * 1024  # small archives may compress as well as they like
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    label: str  # what people see: "PDF", "XLSX"
    mime: str
    extensions: frozenset[str]


def _kind(label: str, mime: str, *extensions: str) -> FileKind:
    return FileKind(label, mime, frozenset(extensions))


OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."
KINDS: dict[str, FileKind] = {
    "jpeg": _kind("JPEG", "image/jpeg", "jpg", "jpeg"),
    "png": _kind("PNG", "image/png", "png"),
    "gif": _kind("GIF", "image/gif", "gif"),
    "webp": _kind("WEBP", "image/webp", "webp"),
    "heic": _kind("HEIC", "image/heic", "heic", "heif"),
    "bmp": _kind("BMP", "image/bmp", "bmp"),
    "tiff": _kind("TIFF", "image/tiff", "tif", "tiff"),
    "pdf": _kind("PDF", "application/pdf", "pdf"),
    "docx": _kind("DOCX", OOXML + "wordprocessingml.document", "docx", "zip"),
    "xlsx": _kind("XLSX", OOXML + "spreadsheetml.sheet", "xlsx", "zip"),
    "pptx": _kind("PPTX", OOXML + "presentationml.presentation", "pptx", "zip"),
    "odt": _kind("ODT", ODF + "text", "odt", "zip"),
    "ods": _kind("ODS", ODF + "spreadsheet", "ods", "zip"),
    "odp": _kind("ODP", ODF + "presentation", "odp", "zip"),
    "ole": _kind("DOC/XLS", "application/octet-stream", "doc", "xls", "ppt"),  # old binary Office
    "zip": _kind("ZIP", "application/zip", "zip"),
    "text": _kind("TXT/CSV", "text/plain", "txt", "csv"),
}
ALLOWED_EXTENSIONS = frozenset().union(*(k.extensions for k in KINDS.values()))
MIME_BY_EXTENSION = {"doc": "application/msword", "xls": "application/vnd.ms-excel",
                     "ppt": "application/vnd.ms-powerpoint", "csv": "text/csv", "txt": "text/plain"}
TEXT_EXTENSIONS = KINDS["text"].extensions
# filetype's names for the kinds above; anything else it recognises is a mismatch.
FILETYPE_KINDS = {"jpg": "jpeg", "png": "png", "gif": "gif", "webp": "webp", "heic": "heic", "bmp": "bmp",
                  "tif": "tiff", "pdf": "pdf"}
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ARCHIVE_MAGIC = (b"PK\x03\x04", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00",
                 b"\x28\xb5\x2f\xfd", b"MSCF")
ARCHIVE_EXTENSIONS = frozenset({"zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "zst", "tar", "cab", "iso",
                                "jar"})
OFFICE_ZIP_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "odt", "ods", "odp"})
ODF_MIMETYPES = {ODF + "text": "odt", ODF + "spreadsheet": "ods", ODF + "presentation": "odp"}
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                              *(f"lpt{i}" for i in range(1, 10))})
# Bytes that never occur in a text file; NUL first among them.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f]")
_UNSAFE_STORED = re.compile(r"[^\w\-]+")


class EvidenceRejected(ActionError):
    """The file may not be stored; the message names it and says why."""


class DuplicateEvidence(ActionError):
    """The same content (by SHA-256) is already attached to the case."""

    def __init__(self, message: str, existing: Evidence):
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with what we learned about it."""

    name: str  # for display and downloads
    stored_name: str  # a safe name for the case folder
    kind: str  # a key of KINDS
    content_type: str
    size: int
    sha256: str
    file: File


_LABEL_BY_MIME = {**{k.mime: k.label for k in KINDS.values()},
                  **{mime: ext.upper() for ext, mime in MIME_BY_EXTENSION.items()}}


def kind_label(content_type: str) -> str:
    """A short name of a stored file's type for lists: "PDF", "XLSX", "CSV"."""
    return _LABEL_BY_MIME.get(content_type, content_type)


def _refuse(name: str, reason: str) -> EvidenceRejected:
    message = _("“%(name)s” was refused: %(reason)s") % {"name": name, "reason": reason}
    return EvidenceRejected(message, "files")


def too_large(name: str) -> EvidenceRejected:
    """Also used by the upload view for files it dropped while they were still arriving."""
    limit = filesizeformat(settings.EVIDENCE_MAX_BYTES)
    return _refuse(name, _("it is larger than %(limit)s.") % {"limit": limit})


def display_name(raw: str) -> str:
    """The name people see: the original, minus anything that could hide or mislead.

    Control and format characters go (a right-to-left override can make «txt.exe» read as
    «exe.txt»), so do leading dots and spaces; long names keep their extension.
    """
    name = unicodedata.normalize("NFC", raw)
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = name.strip().lstrip(". ").rstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        if dot and stem and len(ext) <= 10:
            name = f"{stem[: MAX_NAME_LENGTH - len(ext) - 1]}.{ext}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def stored_name(name: str, extension: str) -> str:
    """A name that is safe on any file system and in any URL: letters, digits, `_` and `-`."""
    stem = name[: -len(extension) - 1] if name.lower().endswith("." + extension) else name
    stem = _UNSAFE_STORED.sub("_", stem).strip("_-")[:MAX_STORED_STEM] or "file"
    if stem.lower() in WINDOWS_RESERVED:
        stem = f"_{stem}"
    return f"{stem}.{extension}"


def _extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def _read(upload: File, name: str, extension: str) -> tuple[bytes, int, str, bool]:
    """One pass over the content: first bytes, real size, SHA-256, and whether it is plain text.

    The size is counted, not taken from the upload's claim, and reading stops past the limit.
    """
    limit = settings.EVIDENCE_MAX_BYTES
    digest = hashlib.sha256()
    head, size = b"", 0
    utf8, cp1251 = codecs.getincrementaldecoder("utf-8")(), codecs.getincrementaldecoder("cp1251")()
    is_utf8 = is_cp1251 = extension in TEXT_EXTENSIONS
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            raise too_large(name)
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        if not (is_utf8 or is_cp1251):
            continue
        if _BINARY_BYTES.search(chunk):
            is_utf8 = is_cp1251 = False
            continue
        is_utf8 = is_utf8 and _decodes(utf8, chunk)
        is_cp1251 = is_cp1251 and _decodes(cp1251, chunk)
    if is_utf8:
        is_utf8 = _decodes(utf8, b"", final=True)
    return head, size, digest.hexdigest(), is_utf8 or is_cp1251


def _decodes(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


def _inspect_zip(fileobj, name: str, depth: int = 0) -> str:
    """Judge an archive from its directory and the first bytes of each entry, without extracting
    anything to disk; return its kind.

    Refuses bombs (too much unpacked data, too tight a ratio, too many entries), entries that
    point outside the archive, password protection (nothing inside could be checked) and
    archives inside archives, except the documents office files embed, which are checked
    the same way one level down.
    """
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(name, _("the archive is damaged.")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise _refuse(name, _("the archive holds more than %(count)d files.") % {
                "count": MAX_ZIP_ENTRIES})
        unpacked = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries)
        if unpacked > settings.EVIDENCE_MAX_UNPACKED_BYTES:
            raise _refuse(name, _("it unpacks to more than %(limit)s.") % {
                "limit": filesizeformat(settings.EVIDENCE_MAX_UNPACKED_BYTES)})
        if any(_too_tight(e.file_size, e.compress_size) for e in entries) or _too_tight(unpacked, packed):
            raise _refuse(name, _("it is packed suspiciously tightly, like an archive bomb."))
        names = {e.filename for e in entries}
        kind = _zip_kind(archive, names)
        if "xl/vbaProject.bin" in names or "word/vbaProject.bin" in names or "ppt/vbaProject.bin" in names:
            raise _refuse(name, _("the document contains macros."))
        for entry in entries:
            _check_entry(archive, entry, name, depth, inside_office=kind != "zip")
    return kind


def _too_tight(unpacked: int, packed: int) -> bool:
    return unpacked > RATIO_FLOOR and unpacked > MAX_ZIP_RATIO * max(packed, 1)


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "[Content_Types].xml" in names:
        for part, kind in (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"),
                           ("ppt/presentation.xml", "pptx")):
            if part in names:
                return kind
    if "mimetype" in names:
        try:
            with archive.open("mimetype") as fh:
                return ODF_MIMETYPES.get(fh.read(100).decode("ascii", "replace").strip(), "zip")
        except (zipfile.BadZipFile, RuntimeError, OSError, ValueError):
            return "zip"
    return "zip"


def _check_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, depth: int,
                 inside_office: bool) -> None:
    path = PurePosixPath(entry.filename.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or ":" in entry.filename:
        raise _refuse(name, _("the archive has files that point outside it."))
    if entry.flag_bits & 0x1:
        raise _refuse(name, _("the archive is protected by a password, so it cannot be checked."))
    if entry.is_dir() or entry.file_size == 0:
        return
    try:
        with archive.open(entry) as fh:
            start = fh.read(8)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as exc:
        raise _refuse(name, _("the archive is damaged.")) from exc
    extension = _extension(path.name)
    is_archive = extension in ARCHIVE_EXTENSIONS or start.startswith(ARCHIVE_MAGIC)
    if not is_archive:
        return
    embedded_document = start.startswith(ZIP_MAGIC) and (inside_office or extension in OFFICE_ZIP_EXTENSIONS)
    if depth > 0 or not embedded_document:
        raise _refuse(name, _("it contains another archive; add the files inside it instead."))
    with archive.open(entry) as inner:
        _inspect_zip(inner, name, depth + 1)


def _detect(head: bytes, upload: File, name: str) -> str | None:
    """The kind the content really is: a key of KINDS, `filetype`'s name for some other known
    format, or None when nothing is recognised."""
    if head.startswith(ZIP_MAGIC):
        upload.seek(0)
        try:
            return _inspect_zip(upload, name)
        finally:
            upload.seek(0)
    if head.startswith(OLE_MAGIC):
        return "ole"
    guess = filetype.guess(head)
    if guess is None:
        return None
    return FILETYPE_KINDS.get(guess.extension, guess.extension)


def check_upload(upload) -> CheckedFile:
    """Decide whether an uploaded file may become evidence; raise EvidenceRejected if not.

    Nothing is written here: the caller stores the file only once this returns.
    """
    upload = upload if isinstance(upload, File) else File(upload, name=getattr(upload, "name", None))
    raw_name = str(upload.name or "")
    if "/" in raw_name or "\\" in raw_name:
        shown = "".join(ch for ch in raw_name if ch.isprintable())[:MAX_NAME_LENGTH]
        raise _refuse(shown, _("a file name may not contain folders."))
    name = display_name(raw_name)
    if not name:
        raise EvidenceRejected(_("A file without a name cannot be added."), "files")
    extension = _extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise _refuse(name, _("files of this type are not accepted. Accepted: %(allowed)s.") % {
            "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))})
    claimed = getattr(upload, "size", None)
    if claimed is not None and claimed > settings.EVIDENCE_MAX_BYTES:
        raise too_large(name)
    head, size, sha256, is_text = _read(upload, name, extension)
    if size == 0:
        raise _refuse(name, _("the file is empty."))
    if extension in TEXT_EXTENSIONS:
        if not is_text:
            raise _refuse(name, _("it is not a plain text file (binary content or an unknown encoding)."))
        kind = "text"
    else:
        kind = _detect(head, upload, name)
        if kind not in KINDS or extension not in KINDS[kind].extensions:
            raise _refuse(name, _mismatch(extension, kind))
    content_type = MIME_BY_EXTENSION.get(extension, KINDS[kind].mime)
    upload.seek(0)
    return CheckedFile(name=name, stored_name=stored_name(name, extension), kind=kind,
                       content_type=content_type, size=size, sha256=sha256, file=upload)


def _mismatch(extension: str, kind: str | None) -> str:
    if kind is None:
        return _("the content does not look like a .%(ext)s file.") % {"ext": extension}
    found = KINDS[kind].label if kind in KINDS else kind.upper()
    return _("the name says .%(ext)s, but the content is of type %(found)s.") % {
        "ext": extension, "found": found}


# --- actions ----------------------------------------------------------------------------------------

def _duplicate(checked: CheckedFile, existing: Evidence) -> DuplicateEvidence:
    return DuplicateEvidence(
        _("“%(name)s” is already attached to this case as “%(existing)s”.") % {
            "name": checked.name, "existing": existing.original_name},
        existing,
    )


def _existing(case: Case, sha256: str) -> Evidence | None:
    return Evidence.objects.filter(case=case, sha256=sha256).first()


def _event_data(evidence: Evidence) -> dict:
    return {"name": evidence.original_name, "size": evidence.size, "sha256": evidence.sha256,
            "content_type": evidence.content_type}


def add_evidence(case: Case, actor: Membership | None, uploaded_file) -> Evidence:
    """Attach one file to a case: check it, store it in the case folder, record it.

    Raises EvidenceRejected (nothing stored) or DuplicateEvidence (the same content is already
    on the case; `.existing` is that file).
    """
    if case.status == Status.MERGED:
        raise ActionError(_("This case was merged into another; add files to the case it was merged into."))
    checked = check_upload(uploaded_file)
    existing = _existing(case, checked.sha256)
    if existing:
        raise _duplicate(checked, existing)
    evidence = Evidence(
        workspace_id=case.workspace_id, case=case, original_name=checked.name, sha256=checked.sha256,
        size=checked.size, content_type=checked.content_type, uploaded_by=actor, uploaded_at=timezone.now(),
    )
    with transaction.atomic():
        try:
            evidence.file.save(checked.stored_name, checked.file, save=False)
            with transaction.atomic():
                evidence.save()
                log_event(case, EventKind.EVIDENCE_ADDED, actor, text=checked.name,
                          changes=_event_data(evidence))
                Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        except BaseException as exc:
            if evidence.file.name:
                evidence.file.storage.delete(evidence.file.name)
            if isinstance(exc, IntegrityError):  # the same file arrived twice at the same moment
                existing = _existing(case, checked.sha256)
                if existing:
                    raise _duplicate(checked, existing) from None
            raise
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, actor: Membership | None) -> None:
    """Detach a file from its case; the file itself goes once the removal is committed."""
    case = evidence.case
    data = _event_data(evidence)
    stored = evidence.file
    evidence.delete()
    log_event(case, EventKind.EVIDENCE_REMOVED, actor, text=data["name"], changes=data)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


def add_evidence_files(case: Case, actor: Membership | None,
                       files: Iterable) -> tuple[list[Evidence], list[ActionError]]:
    """Attach several files, each decided on its own: one refused file does not block the rest.

    Returns the files added and, for every other file, the error that says what happened to it
    (a DuplicateEvidence carries the file already on the case).
    """
    added: list[Evidence] = []
    problems: list[ActionError] = []
    for uploaded in files:
        try:
            added.append(add_evidence(case, actor, uploaded))
        except ActionError as exc:
            problems.append(exc)
    return added, problems
