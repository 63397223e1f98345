"""The weekly review as chart data for the page, as a PDF (WeasyPrint) and as an XLSX workbook (XlsxWriter).

All three read the plain data of `review.build`. Money stays Decimal until the last step: the workbook writes
numbers with a money format per currency, the charts get the amounts as strings.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sellerdesk.reports.documents_pdf import render_pdf
from sellerdesk.reports.review import review_zone

SYMBOLS = {"RUB": "₽", "CNY": "¥", "USD": "$", "EUR": "€", "KZT": "₸", "BYN": "Br"}


def filename(data: dict, extension: str) -> str:
    return f"review-{data['workspace'].slug}-{data['week'].code}.{extension}"


# --- charts ------------------------------------------------------------------------------------------------

def chart_data(data: dict) -> dict:
    """What the page's charts draw: counts, and money in the main currency (other currencies are in the tables)."""
    currency = data["main_currency"]

    def amounts(rows, field="money"):
        return [str(row[field].get(currency, Decimal(0))) for row in rows]

    trend = data["trend"]
    return {
        "currency": currency,
        "labels": {"opened": _("Opened"), "closed": _("Closed"), "recovered": _("Recovered, %(currency)s") % {
            "currency": currency}, "at_risk": _("At risk at the week's end, %(currency)s") % {"currency": currency},
            "cases": _("Open cases"), "amount": _("At risk, %(currency)s") % {"currency": currency}},
        "trend": {"labels": [row["label"] for row in trend], "opened": [row["opened"] for row in trend],
                  "closed": [row["closed"] for row in trend], "recovered": amounts(trend, "recovered"),
                  "at_risk": amounts(trend, "at_risk")},
        "ageing": {"labels": [_("%(days)s days") % {"days": b["label"]} for b in data["ageing"]],
                   "counts": [b["count"] for b in data["ageing"]], "amounts": amounts(data["ageing"])},
        "platforms": {"labels": [r["label"] for r in data["at_risk"]["by_platform"]],
                      "amounts": amounts(data["at_risk"]["by_platform"])},
        "kinds": {"labels": [r["label"] for r in data["at_risk"]["by_kind"]],
                  "amounts": amounts(data["at_risk"]["by_kind"])},
    }


# --- PDF ---------------------------------------------------------------------------------------------------

def _bars(values: list, width: float = 100.0) -> list[int]:
    top = max(values, default=0) or 1
    return [int(round(float(v) / float(top) * width)) for v in values]  # whole percent: no decimal comma in CSS


def review_pdf(data: dict, request=None) -> bytes:
    trend = data["trend"]
    currency = data["main_currency"]
    context = {
        "review": data,
        "generated_at": dt.datetime.now(review_zone()),
        "trend_rows": list(zip(trend, _bars([r["opened"] for r in trend]), _bars([r["closed"] for r in trend]),
                               _bars([r["at_risk"].get(currency, 0) for r in trend]), strict=True)),
        "ageing_rows": list(zip(data["ageing"], _bars([b["count"] for b in data["ageing"]]), strict=True)),
    }
    return render_pdf("reports/review_pdf.html", context, request=request)


# --- XLSX --------------------------------------------------------------------------------------------------

class _Book:
    def __init__(self, stream):
        self.workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        self.bold = self.workbook.add_format({"bold": True, "bg_color": "#EEF1F6", "border": 1})
        self.title = self.workbook.add_format({"bold": True, "font_size": 13})
        self.when = self.workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})
        self.count = self.workbook.add_format({"num_format": "0"})
        self._money: dict[str, object] = {}
        self._names: set[str] = set()

    def money(self, currency: str):
        if currency not in self._money:
            symbol = SYMBOLS.get(currency, currency)
            self._money[currency] = self.workbook.add_format({"num_format": f'#,##0.00 "{symbol}"'})
        return self._money[currency]

    def sheet(self, name: str, title: str, headers: list[str], widths: list[int]):
        name = re.sub(r"[\[\]:*?/\\]", " ", name).strip("'")[:31]  # what Excel refuses in a sheet name
        while name in self._names:
            name = name[:29] + f"{len(self._names)}"
        self._names.add(name)
        sheet = self.workbook.add_worksheet(name)
        sheet.write_string(0, 0, title, self.title)
        sheet.write_row(2, 0, headers, self.bold)
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        sheet.freeze_panes(3, 0)
        return sheet

    def cell(self, sheet, row: int, column: int, value, currency: str | None = None):
        if value is None or value == "":
            return
        if isinstance(value, Decimal):
            sheet.write_number(row, column, float(value), self.money(currency or "RUB"))
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, column, value.astimezone(review_zone()).replace(tzinfo=None), self.when)
        elif isinstance(value, int):
            sheet.write_number(row, column, value, self.count)
        else:
            sheet.write_string(row, column, str(value))

    def money_rows(self, sheet, start: int, rows: list[tuple[list, int, dict]]) -> int:
        """One line per (labels, cases, per-currency amounts) and currency: labels…, currency, cases, amount."""
        line = start
        for labels, extra, amounts in rows:
            for currency, amount in (amounts.items() if amounts else [("", None)]):
                for column, value in enumerate(labels):
                    self.cell(sheet, line, column, value)
                column = len(labels)
                self.cell(sheet, line, column, currency)
                self.cell(sheet, line, column + 1, extra)
                self.cell(sheet, line, column + 2, amount, currency)
                line += 1
        return line


def review_xlsx(data: dict) -> bytes:
    """One sheet per section of the review; money as numbers with their currency's format."""
    stream = io.BytesIO()
    book = _Book(stream)
    week = data["week"]
    heading = f"{data['workspace'].name} · {_('Weekly review')} · {week.code} ({week.label})"
    case_headers = [_("Number"), _("Subject"), _("Status"), _("Platform"), _("Kind"), _("Responsible")]

    sheet = book.sheet(_("Overdue"), heading, [*case_headers, _("Deadline"), _("Days late"), _("Currency"),
                                               _("At risk")], [16, 50, 16, 14, 14, 20, 17, 10, 9, 16])
    for line, row in enumerate(data["overdue"]["cases"], start=3):
        values = [row["number"], row["subject"], row["status_label"], row["platform_label"], row["kind_label"],
                  row["responsible"], row["deadline"], row.get("late_days"), row["currency"]]
        for column, value in enumerate(values):
            book.cell(sheet, line, column, value)
        book.cell(sheet, line, len(values), row["money_at_risk"], row["currency"])

    sheet = book.sheet(_("Escalate"), heading, [*case_headers, _("Next step"), _("Due"), _("Draft")],
                       [16, 40, 16, 14, 14, 20, 28, 17, 80])
    for line, row in enumerate(data["escalate"]["items"], start=3):
        values = [row["number"], row["subject"], row["status_label"], row["platform_label"], row["kind_label"],
                  row["responsible"], row["step"], row["step_due_at"],
                  "\n\n".join(filter(None, [row["draft_subject"], row["draft_body"]]))]
        for column, value in enumerate(values):
            book.cell(sheet, line, column, value)

    sheet = book.sheet(_("Promises"), heading, [_("Number"), _("Subject"), _("Who promised"), _("Promise"),
                                                _("Made"), _("Due"), _("Days late")], [16, 40, 24, 50, 17, 17, 10])
    for line, row in enumerate(data["promises"]["items"], start=3):
        values = [row["number"], row["subject"], row["counterpart"], row["promise"], row["made_at"], row["due_at"],
                  row["late_days"]]
        for column, value in enumerate(values):
            book.cell(sheet, line, column, value)

    sheet = book.sheet(_("Closed"), heading,
                       [*case_headers, _("Outcome"), _("Resolved"), _("Currency"), _("At risk"), _("Recovered")],
                       [16, 50, 16, 14, 14, 20, 14, 17, 9, 16, 16])
    line = 3
    for row in data["closed"]["cases"]:
        values = [row["number"], row["subject"], row["status_label"], row["platform_label"], row["kind_label"],
                  row["responsible"], row["outcome_label"], row["resolved_at"], row["currency"]]
        for column, value in enumerate(values):
            book.cell(sheet, line, column, value)
        book.cell(sheet, line, len(values), row["money_at_risk"], row["currency"])
        book.cell(sheet, line, len(values) + 1, row["money_recovered"], row["currency"])
        line += 1
    line += 1
    for currency, amount in data["closed"]["recovered"].items():
        book.cell(sheet, line, 0, _("Recovered this week"))
        book.cell(sheet, line, 8, currency)
        book.cell(sheet, line, 10, amount, currency)
        line += 1

    sheet = book.sheet(_("Money at risk"), heading, [_("By"), _("Group"), _("Currency"), _("Cases"), _("At risk")],
                       [16, 30, 10, 10, 18])
    at_risk = data["at_risk"]
    groups = [(_("Platform"), at_risk["by_platform"]), (_("Kind"), at_risk["by_kind"]),
              (_("Responsible"), at_risk["by_responsible"])]
    rows = [([by, item["label"]], item["count"], item["money"]) for by, items in groups for item in items]
    rows.append(([_("Total"), ""], at_risk["total"]["count"], at_risk["total"]["money"]))
    book.money_rows(sheet, 3, rows)

    sheet = book.sheet(_("Ageing"), heading, [_("Days open"), _("Currency"), _("Cases"), _("At risk")],
                       [14, 10, 10, 18])
    book.money_rows(sheet, 3, [([b["label"]], b["count"], b["money"]) for b in data["ageing"]])

    currencies = data["currencies"]
    sheet = book.sheet(_("Trend"), heading, [_("Week"), pgettext("week start", "From"), _("Opened"), _("Closed"),
                                             *[_("Recovered, %(currency)s") % {"currency": c} for c in currencies],
                                             *[_("At risk, %(currency)s") % {"currency": c} for c in currencies]],
                       [10, 12, 10, 10, *[18] * (2 * len(currencies))])
    for line, row in enumerate(data["trend"], start=3):
        book.cell(sheet, line, 0, row["code"])
        book.cell(sheet, line, 1, row["week"].first_day.strftime("%d.%m.%Y"))
        book.cell(sheet, line, 2, row["opened"])
        book.cell(sheet, line, 3, row["closed"])
        for index, currency in enumerate(currencies):
            book.cell(sheet, line, 4 + index, row["recovered"].get(currency, Decimal(0)), currency)
            book.cell(sheet, line, 4 + len(currencies) + index, row["at_risk"].get(currency, Decimal(0)), currency)
    book.workbook.close()
    return stream.getvalue()
