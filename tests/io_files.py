"""Builders and readers of import/export files for the test_io_* tests."""

from __future__ import annotations

import csv
import io

import python_calamine
import xlsxwriter

from sellerdesk.cases.io import COLUMN_KEYS

HEADER = ["number", "shop", "kind", "status", "money_at_risk", "responsible", "subject", "entities"]


def csv_bytes(rows: list[list], header: list[str] = HEADER, delimiter: str = ",",
              encoding: str = "utf-8-sig") -> io.BytesIO:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(text.getvalue().encode(encoding))


def xlsx_bytes(rows: list[list], header: list[str] = HEADER) -> io.BytesIO:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, header)
    dates = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if hasattr(value, "year"):
                sheet.write_datetime(r, c, value, dates)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)
    workbook.close()
    output.seek(0)
    return output


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "the export starts with a BOM for Excel"
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    return rows


def read_xlsx(data: bytes) -> tuple[list, list[dict]]:
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    header, *rows = sheet.to_python()
    assert tuple(header) == COLUMN_KEYS
    return header, [dict(zip(header, row, strict=True)) for row in rows]
