"""The journal as a file: export to CSV/XLSX and import cases back from the same columns.

One column list serves both directions, so an export is always a valid import file and a
seller can edit the journal in a spreadsheet and load it back. An import is all-or-nothing:
every row is checked first and all problems are reported with their row numbers, because a
half-imported file is worse than none (nobody knows which half went in).

Formats, chosen so a file reads the same in Excel, LibreOffice and a script:
- times in ISO 8601 in the display time zone (settings.DISPLAY_TIME_ZONE) with its offset in CSV;
  real dates in that zone in XLSX (Excel has no time zones); seconds are the finest unit;
- money as plain decimal strings in CSV (never floats); in XLSX as numbers with a 2-decimal
  format. XLSX numbers are IEEE doubles: exact for 15 significant digits, enough for every
  amount a case may hold (below 1e12 with kopecks); the importer rounds them back to kopecks;
- entity references as `order:123456789; posting:12345678-0001-1`;
- the responsible person by username; choices (kind, status…) by their English codes, though
  the importer also accepts their names in the person's language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any
from zoneinfo import ZoneInfo

import python_calamine
import xlsxwriter
from django.conf import settings
from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.actions import ActionError, create_case, update_case
from sellerdesk.cases.choices import (
    CURRENCIES,
    Channel,
    EntityKind,
    EventKind,
    Kind,
    Outcome,
    Priority,
    Status,
)
from sellerdesk.cases.models import Case, EntityRef
from sellerdesk.language.identifiers import normalize_reference
from sellerdesk.shops.models import Shop, platform_choices

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
CHUNK_SIZE = 2000
CENT = Decimal("0.01")
MONEY_LIMIT = Decimal("1e12")


@dataclass(frozen=True)
class Column:
    key: str
    hint: Any  # lazy text shown on the import page
    choices: tuple[str, ...] = ()


_WHEN = gettext_lazy("Date and time, e.g. 2026-03-12 15:30 or 12.03.2026 15:30; without an offset it is "
                     "taken in the display time zone.")
_MONEY = gettext_lazy("Amount, e.g. 15400.50 or 15 400,50.")

COLUMNS: tuple[Column, ...] = (
    Column("number", gettext_lazy("Number of an existing case updates that case; an empty or unknown "
                                  "number makes a new case.")),
    Column("shop", gettext_lazy("Shop name, as in SellerDesk. Required.")),
    Column("platform", gettext_lazy("Platform code; needed only when two shops share a name.")),
    Column("kind", gettext_lazy("Kind of problem."), tuple(Kind.values)),
    Column("category", gettext_lazy("Category, free text.")),
    Column("topic", gettext_lazy("Topic, free text.")),
    Column("channel", gettext_lazy("Where the appeal was filed."), tuple(Channel.values)),
    Column("external_number", gettext_lazy("The marketplace's ticket or appeal number.")),
    Column("status", gettext_lazy("Status. For an existing case it must equal the case's status: "
                                  "an import does not move cases along their life."), tuple(Status.values)),
    Column("priority", gettext_lazy("Priority."), tuple(Priority.values)),
    Column("critical_reason", gettext_lazy("Why the case is critical; required for critical ones.")),
    Column("deadline", _WHEN),
    Column("currency", gettext_lazy("Currency code."), tuple(code for code, _label in CURRENCIES)),
    Column("money_at_risk", _MONEY),
    Column("money_recovered", _MONEY),
    Column("responsible", gettext_lazy("Username of a member of this workspace.")),
    Column("subject", gettext_lazy("Subject. Required.")),
    Column("body", gettext_lazy("Text of the appeal.")),
    Column("outcome", gettext_lazy("Outcome; required for resolved cases."), tuple(Outcome.values)),
    Column("outcome_note", gettext_lazy("Outcome details.")),
    Column("entities", gettext_lazy("References, e.g. order:123456789; posting:12345678-0001-1."),
           tuple(EntityKind.values)),
    Column("created_at", _WHEN),
    Column("updated_at", gettext_lazy("Written by the export; ignored by the import.")),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
REQUIRED_COLUMNS = ("shop", "subject")
# Columns the importer passes to the actions as they are, with the model's default for an empty cell.
_CHOICE_COLUMNS = {
    "kind": Kind, "channel": Channel, "priority": Priority, "outcome": Outcome, "status": Status,
}
_TEXT_COLUMNS = ("category", "topic", "external_number", "critical_reason", "subject", "body", "outcome_note")
_LONG_TEXT = ("body", "outcome_note")


def display_zone() -> ZoneInfo:
    return ZoneInfo(settings.DISPLAY_TIME_ZONE)


# --- export -----------------------------------------------------------------------------------------

def _cases_for_export(cases: QuerySet) -> Iterator[Case]:
    """Stream the cases in chunks; each chunk fetches its shops, people and references in bulk."""
    cases = cases.select_related("shop", "responsible__user").prefetch_related(
        Prefetch("entities", queryset=EntityRef.objects.order_by("id"))
    )
    return cases.iterator(chunk_size=CHUNK_SIZE)


def _values(case: Case) -> list[str | Decimal | dt.datetime | None]:
    """One case as the values of COLUMNS, typed, in order."""
    return [
        case.number, case.shop.name, case.platform, case.kind, case.category, case.topic, case.channel,
        case.external_number, case.status, case.priority, case.critical_reason, case.deadline, case.currency,
        case.money_at_risk, case.money_recovered, case.responsible.user.username if case.responsible else "",
        case.subject, case.body, case.outcome, case.outcome_note,
        "; ".join(f"{ref.kind}:{ref.value}" for ref in case.entities.all()),
        case.created_at, case.updated_at,
    ]


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(display_zone()).replace(microsecond=0)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: str | Decimal | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.quantize(CENT), "f")
    if isinstance(value, dt.datetime):
        return _local(value).isoformat()
    # A text starting like a formula would run as one in Excel (CSV injection); a leading
    # apostrophe keeps it text, and the importer takes it off again.
    return "'" + value if value.startswith(_FORMULA_START) else value


class _Echo:
    def write(self, line: str) -> str:
        return line


def iter_csv(cases: QuerySet, delimiter: str = ",") -> Iterator[str]:
    """The CSV export in pieces, for a streaming response. Starts with a BOM so Excel reads UTF-8."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow(COLUMN_KEYS)
    lines: list[str] = []
    for case in _cases_for_export(cases):
        lines.append(writer.writerow([_csv_cell(v) for v in _values(case)]))
        if len(lines) >= 500:
            yield "".join(lines)
            lines.clear()
    if lines:
        yield "".join(lines)


def export_csv(cases: QuerySet, stream: IO[str], delimiter: str = ",") -> None:
    """Write the cases as CSV to a text stream (open files with newline="")."""
    for piece in iter_csv(cases, delimiter):
        stream.write(piece)


def export_xlsx(cases: QuerySet, path_or_stream: Any) -> None:
    """Write the cases as an XLSX workbook, row by row (constant memory, any journal size).

    Texts longer than Excel's 32,767 characters per cell are cut by XlsxWriter; use CSV for those.
    """
    workbook = xlsxwriter.Workbook(path_or_stream, {"constant_memory": True})
    try:
        sheet = workbook.add_worksheet(str(_("Cases"))[:31])
        money = workbook.add_format({"num_format": "#,##0.00"})
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(COLUMN_KEYS) - 1, 16)
        sheet.set_column(COLUMN_KEYS.index("subject"), COLUMN_KEYS.index("body"), 40)
        sheet.write_row(0, 0, COLUMN_KEYS, workbook.add_format({"bold": True}))
        for row, case in enumerate(_cases_for_export(cases), start=1):
            for col, value in enumerate(_values(case)):
                if isinstance(value, Decimal):
                    sheet.write_number(row, col, float(value), money)
                elif isinstance(value, dt.datetime):
                    sheet.write_datetime(row, col, _local(value).replace(tzinfo=None), when)
                elif value:
                    sheet.write_string(row, col, value)
    finally:
        workbook.close()


def export_filename(workspace: Workspace, fmt: str) -> str:
    return f"sellerdesk-{workspace.slug}-{timezone.now().astimezone(display_zone()):%Y%m%d}.{fmt}"


# --- import: reading the file ------------------------------------------------------------------------

@dataclass(frozen=True)
class RowError:
    row: int | None  # as the spreadsheet numbers it (the header is row 1); None for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.column:
            where.append(self.column)
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _FileError(Exception):
    """The file as a whole cannot be imported."""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")  # what Excel on a Russian Windows saves


def _csv_rows(data: bytes) -> Iterator[list]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if not first_line.count(delimiter):
        delimiter = ","
    # The default field limit (128 KB) would refuse a long appeal text; the file size caps memory.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES))
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _sheet_rows(data: bytes) -> Iterator[list]:
    if zipfile.is_zipfile(io.BytesIO(data)):  # XLSX and ODS are zip archives: refuse a zip bomb
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise _FileError(_("The workbook unpacks to more than %(mb)d MB; split it into smaller "
                                   "files.") % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)})
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return iter(workbook.get_sheet_by_index(0).to_python(skip_empty_area=False))
    except python_calamine.CalamineError:
        raise _FileError(_("The file cannot be read as a spreadsheet: it is damaged or not really an "
                           "XLSX file. Save it again from Excel or export it as CSV.")) from None


def _read_rows(data: bytes, filename: str) -> Iterator[list]:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in ("csv", "txt", "tsv"):
        return _csv_rows(data)
    if extension in ("xlsx", "xlsm", "xlsb", "xls", "ods"):
        return _sheet_rows(data)
    raise _FileError(_("SellerDesk imports CSV and XLSX files; “%(name)s” is neither.") % {"name": filename})


def _blank(cells: list) -> bool:
    return all(not _text(c).strip() for c in cells)


def _table(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header and the non-empty rows (with their row numbers) of the file, or a _FileError."""
    header: list[str] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    limit = settings.IMPORT_MAX_ROWS
    lines = enumerate(_read_rows(data, filename), start=1)
    try:
        for line, cells in lines:
            if _blank(cells):
                continue
            if not header:
                header = [_text(c).lstrip("\ufeff").strip().lower() for c in cells]
                _check_header(header)
                continue
            if len(rows) == limit:
                raise _FileError(_("The file has more than %(limit)d rows; import at most %(limit)d at a "
                                   "time (split the file).") % {"limit": limit})
            rows.append((line, {key: cells[i] if i < len(cells) else "" for i, key in enumerate(header) if key}))
    except csv.Error as exc:
        raise _FileError(_("The CSV file is broken after row %(row)d: %(error)s.") % {
            "row": len(rows) + 1, "error": exc}) from None
    if not header:
        raise _FileError(_("The file is empty."))
    return header, rows


def _check_header(header: list[str]) -> None:
    unknown = [key[:40] for key in header if key and key not in COLUMN_KEYS]
    if unknown:
        raise _FileError(_("Unknown columns: %(unknown)s. The columns SellerDesk knows are: %(known)s.") % {
            "unknown": ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else ""),
            "known": ", ".join(COLUMN_KEYS)})
    repeated = sorted({key for key in header if key and header.count(key) > 1})
    if repeated:
        raise _FileError(_("These columns appear twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    missing = [key for key in REQUIRED_COLUMNS if key not in header]
    if missing:
        raise _FileError(_("The first row must name the columns; these are missing: %(columns)s.") % {
            "columns": ", ".join(missing)})


# --- import: reading cells -----------------------------------------------------------------------------

def _text(value: Any) -> str:
    """A cell as text: spreadsheets hand numbers over as floats (88123 arrives as 88123.0)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def _money(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int | float):
        amount = Decimal(repr(value)).quantize(CENT, ROUND_HALF_UP)  # a spreadsheet number, a double
    else:
        text = re.sub(r"[\s']", "", _text(value))
        if not text:
            return Decimal("0.00")
        if text.startswith("-"):
            raise ValueError(_("An amount cannot be negative."))
        if "," in text and "." in text:  # the later one separates the kopecks: 1,234.56 or 1.234,56
            thousands = "." if text.rfind(",") > text.rfind(".") else ","
            text = text.replace(thousands, "")
        text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise ValueError(_("“%(value)s” is not an amount; write it as 15400.50 or 15 400,50.") % {
                "value": _text(value)})
        amount = Decimal(text)
        if amount != amount.quantize(CENT):
            raise ValueError(_("An amount may have at most two digits after the decimal separator."))
    if amount >= MONEY_LIMIT:
        raise ValueError(_("The amount is too large."))
    return amount.quantize(CENT)


_DATE_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        moment = value + dt.timedelta(microseconds=500_000)  # spreadsheet times are floats: round
        moment = moment.replace(microsecond=0)
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        text = _text(value).strip()
        if not text:
            return None
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            for fmt in _DATE_FORMATS:
                try:
                    moment = dt.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(_("“%(value)s” is not a date; write it as 2026-03-12 15:30 or "
                                   "12.03.2026 15:30.") % {"value": text}) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=display_zone())
    return moment


def _lookup(choices: type[models.TextChoices]) -> dict[str, str]:
    """Codes and names (in the person's language and in English) of choices, folded, to their codes."""
    names: dict[str, str] = {}
    for language in ("en", translation.get_language() or "en"):
        with translation.override(language):
            names.update({str(label).casefold(): code for code, label in choices.choices})
    names.update({code.casefold(): code for code in choices.values})
    return names


# --- import: checking rows --------------------------------------------------------------------------

@dataclass
class _Row:
    line: int
    number: str
    case: Case | None  # the existing case this row updates
    fields: dict[str, Any]
    entities: list[tuple[str, str]] | None
    status: str


class _Importer:
    """Reads the rows against one workspace; `errors` collects what is wrong, with row and column."""

    def __init__(self, workspace: Workspace, header: list[str]):
        self.workspace = workspace
        self.header = [key for key in header if key]
        self.errors: list[RowError] = []
        self.shops = list(Shop.objects.filter(workspace=workspace))
        self.members = {
            m.user.username: m for m in Membership.objects.filter(workspace=workspace).select_related("user")
        }
        self.choices = {column: _lookup(choices) for column, choices in _CHOICE_COLUMNS.items()}
        self.entity_kinds = _lookup(EntityKind)
        self.currencies = {code.casefold(): code for code, _label in CURRENCIES}
        self.platforms: dict[str, str] = {}
        for code, name in platform_choices(workspace):
            self.platforms.update({code.casefold(): code, name.casefold(): code})
        self.numbers_seen: dict[str, int] = {}

    def error(self, line: int | None, column: str, message: str) -> None:
        self.errors.append(RowError(line, column, message))

    def rows(self, table: list[tuple[int, dict[str, Any]]]) -> list[_Row]:
        numbers = sorted({_text(cells.get("number")).strip() for _line, cells in table} - {""})
        existing: dict[str, Case] = {}
        for start in range(0, len(numbers), 500):  # SQLite caps the parameters of one query
            chunk = Case.objects.filter(workspace=self.workspace, number__in=numbers[start:start + 500])
            chunk = chunk.select_related("shop", "responsible__user").prefetch_related("entities")
            existing.update({case.number: case for case in chunk})
        parsed = [self.row(line, cells, existing) for line, cells in table]
        return [row for row in parsed if row is not None]

    def row(self, line: int, cells: dict[str, Any], existing: dict[str, Case]) -> _Row | None:
        before = len(self.errors)
        number = _text(cells.get("number")).strip()
        if number in self.numbers_seen:
            self.error(line, "number", _("The number %(number)s is already used in row %(row)d.") % {
                "number": number, "row": self.numbers_seen[number]})
        elif number:
            self.numbers_seen[number] = line
        case = existing.get(number)
        fields: dict[str, Any] = {}
        entities = None
        status = ""
        platform: str | None = ""  # None when unreadable: then the shop cannot be told either
        for column in self.header:
            try:
                if column in ("shop", "number", "updated_at"):
                    continue
                elif column == "platform":
                    platform = self.platform(_text(cells[column]).strip())
                elif column == "status":
                    status = self.choice(column, cells[column]) or ""
                elif column == "entities":
                    entities = self.entities(cells[column])
                elif column == "created_at":
                    if case is None and (moment := self.created_at(cells[column])):
                        fields["created_at"] = moment
                else:
                    fields[column] = self.value(column, cells[column])
            except ValueError as exc:
                self.error(line, column, str(exc))
                platform = None if column == "platform" else platform
        try:
            if platform is not None:
                fields["shop"] = self.shop(_text(cells["shop"]).strip(), platform)
        except ValueError as exc:
            self.error(line, "shop", str(exc))
        if len(self.errors) > before:
            return None
        row = _Row(line, number, case, fields, entities, status)
        self.check_rules(row)
        return row if len(self.errors) == before else None

    def value(self, column: str, cell: Any) -> Any:
        if column in _TEXT_COLUMNS:
            text = _text(cell) if column in _LONG_TEXT else _text(cell).strip()
            if column == "subject" and not text:
                raise ValueError(_("A case needs a subject."))
            limit = Case._meta.get_field(column).max_length
            if limit and len(text) > limit:
                raise ValueError(_("At most %(limit)d characters; this has %(length)d.") % {
                    "limit": limit, "length": len(text)})
            return text
        if column in ("money_at_risk", "money_recovered"):
            return _money(cell)
        if column == "deadline":
            return _moment(cell)
        if column == "responsible":
            return self.responsible(_text(cell).strip())
        if column == "currency":
            text = _text(cell).strip()
            if not text:
                return Case._meta.get_field("currency").get_default()
            if text.casefold() not in self.currencies:
                raise ValueError(_("Unknown currency “%(value)s”; known: %(known)s.") % {
                    "value": text, "known": ", ".join(code for code, _label in CURRENCIES)})
            return self.currencies[text.casefold()]
        return self.choice(column, cell) or Case._meta.get_field(column).get_default()

    def choice(self, column: str, cell: Any) -> str | None:
        text = _text(cell).strip()
        if not text:
            return None
        try:
            return self.choices[column][text.casefold()]
        except KeyError:
            raise ValueError(_("Unknown value “%(value)s”; known: %(known)s.") % {
                "value": text, "known": ", ".join(_CHOICE_COLUMNS[column].values)}) from None

    def created_at(self, cell: Any) -> dt.datetime | None:
        moment = _moment(cell)
        if moment and moment > timezone.now() + dt.timedelta(minutes=5):
            raise ValueError(_("A case cannot be created in the future."))
        return moment

    def platform(self, text: str) -> str:
        if text and text.casefold() not in self.platforms:
            raise ValueError(_("Unknown platform “%(platform)s”.") % {"platform": text})
        return self.platforms[text.casefold()] if text else ""

    def shop(self, name: str, platform: str) -> Shop:
        """The shop named so, on the given platform if any (names are unique only per platform)."""
        if not name:
            raise ValueError(_("The shop is missing."))
        found = [s for s in self.shops if s.name == name] or [
            s for s in self.shops if s.name.casefold() == name.casefold()]
        if platform:
            found = [s for s in found if s.platform == platform]
        if not found:
            raise ValueError(_("There is no shop “%(name)s” in this workspace.") % {"name": name})
        if len(found) > 1:
            raise ValueError(_("Several shops are called “%(name)s”; fill in the platform column.") % {
                "name": name})
        return found[0]

    def responsible(self, username: str) -> Membership | None:
        if not username:
            return None
        member = self.members.get(username) or next(
            (m for u, m in self.members.items() if u.casefold() == username.casefold()), None)
        if member is None:
            raise ValueError(_("There is no member with the username “%(name)s” in this workspace.") % {
                "name": username})
        return member

    def entities(self, cell: Any) -> list[tuple[str, str]]:
        found = []
        for part in _text(cell).split(";"):
            if not part.strip():
                continue
            kind, _colon, value = part.partition(":")
            value = normalize_reference(value)
            if not value:
                raise ValueError(_("“%(part)s” is not a reference; write it as type:value, e.g. "
                                   "order:123456789.") % {"part": part.strip()})
            code = self.entity_kinds.get(kind.strip().casefold())
            if code is None:
                raise ValueError(_("Unknown reference type “%(kind)s”; known: %(known)s.") % {
                    "kind": kind.strip(), "known": ", ".join(EntityKind.values)})
            if len(value) > 120:
                raise ValueError(_("A reference may be at most 120 characters long."))
            found.append((code, value))
        return found

    def check_rules(self, row: _Row) -> None:
        """The rules the actions would enforce, checked up front so every row's problems show at once."""
        case = row.case

        def final(name: str) -> Any:
            if name in row.fields:
                return row.fields[name]
            return getattr(case, name) if case else Case._meta.get_field(name).get_default()

        if case is not None and row.status and row.status != case.status:
            self.error(row.line, "status", _(
                "Case %(number)s is “%(current)s” in SellerDesk, the file says “%(new)s”; an import does not "
                "change statuses: change it on the case page or fix the file.") % {
                "number": case.number, "current": Status(case.status).label, "new": Status(row.status).label})
        status = case.status if case else (row.status or Status.DRAFT)
        if final("priority") == Priority.CRITICAL and not final("critical_reason").strip():
            self.error(row.line, "critical_reason", _("Say why the case is critical."))
        required = playbook.lifecycle().requires.get(status, ()) if case is None else (
            ("outcome",) if status == Status.RESOLVED else ())
        if status in (Status.DRAFT, Status.READY):
            required = ()
        for name in required:
            if not final(name):
                self.error(row.line, name, _(
                    "A case in the status “%(status)s” needs this column filled in."
                ) % {"status": Status(status).label})


# --- import: writing -------------------------------------------------------------------------------

def _changes_anything(row: _Row) -> bool:
    """Whether an update row differs from its case; re-importing an export then costs no writes."""
    case = row.case
    if any(getattr(case, name) != value for name, value in row.fields.items()):
        return True
    current = {(ref.kind, ref.value) for ref in case.entities.all()}
    return row.entities is not None and set(row.entities) != current


def _apply(workspace: Workspace, actor: Membership, rows: Iterable[_Row], filename: str,
           result: ImportResult) -> None:
    """Create and update within one transaction; any refusal by an action rolls all of it back."""
    with transaction.atomic():
        for row in rows:
            try:
                if row.case is not None and not _changes_anything(row):
                    result.unchanged += 1
                    continue
                if row.case is not None:
                    version = row.case.version
                    case = update_case(row.case, actor, row.fields, expected_version=None,
                                       entities=row.entities)
                    if case.version != version:
                        result.updated += 1
                    else:
                        result.unchanged += 1
                    continue
                text = _("Imported from %(file)s, row %(row)d.") % {"file": filename, "row": row.line}
                if row.number:
                    text = _("Imported from %(file)s, row %(row)d (number in the file: %(number)s).") % {
                        "file": filename, "row": row.line, "number": row.number}
                create_case(workspace, actor, entities=row.entities or (), event_kind=EventKind.IMPORTED,
                            event_text=text, **({"status": row.status} if row.status else {}), **row.fields)
                result.created += 1
            except ActionError as exc:
                result.errors.append(RowError(row.line, exc.field or "", exc.message))
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = result.unchanged = 0


def import_cases(workspace: Workspace, actor: Membership, file: IO[bytes], filename: str) -> ImportResult:
    """Import cases from a CSV or XLSX file with the export's columns: all rows, or none.

    Rows whose `number` is a case of the workspace update it (never its status); other rows
    become new cases with the next numbers. On any error nothing changes and the result lists
    every error found, by row and column, in the active language.
    """
    assert actor.workspace_id == workspace.pk, "the actor must be a member of the workspace"
    result = ImportResult()
    size = getattr(file, "size", None)
    data = b"" if size is not None and size > MAX_BYTES else file.read(MAX_BYTES + 1)
    if size is not None and size > MAX_BYTES or len(data) > MAX_BYTES:
        result.errors.append(RowError(None, "", _("The file is larger than %(mb)d MB; split it into smaller "
                                                  "files.") % {"mb": MAX_BYTES // (1024 * 1024)}))
        return result
    try:
        header, table = _table(data, filename)
    except _FileError as exc:
        result.errors.append(RowError(None, "", str(exc)))
        return result
    importer = _Importer(workspace, header)
    rows = importer.rows(table)
    if importer.errors:
        result.errors = importer.errors
        return result
    _apply(workspace, actor, rows, filename, result)
    return result

