"""Pages for taking the journal out as a file and bringing cases in from one."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases import io
from sellerdesk.cases.journal import JournalFilter

SHOWN_ERRORS = 500


@workspace_view("view")
def journal_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The journal as the page shows it (same filter, same order); `?template=1` gives the header only."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format")
    cases = JournalFilter(request.GET, request.workspace).cases()
    if request.GET.get("template"):
        cases = cases.none()
    filename = io.export_filename(request.workspace, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(io.iter_csv(cases), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    output = tempfile.TemporaryFile()  # FileResponse closes it when sent
    io.export_xlsx(cases, output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@workspace_view("import_cases")
def journal_import(request: HttpRequest) -> HttpResponse:
    """The upload form; a POST imports all rows of the file or, on any error, none and lists them."""
    errors: list[io.RowError] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [io.RowError(None, "", _("Choose a CSV or XLSX file to import."))]
        else:
            result = io.import_cases(request.workspace, request.membership, upload, upload.name)
            if result.ok:
                messages.success(request, ngettext(
                    "%(created)d case imported, %(updated)d updated.",
                    "%(created)d cases imported, %(updated)d updated.",
                    result.created,
                ) % {"created": result.created, "updated": result.updated})
                return redirect(reverse("journal", args=[request.workspace.slug]))
            errors = result.errors
    return render(request, "cases/import.html", {
        "columns": io.COLUMNS,
        "required": io.REQUIRED_COLUMNS,
        "max_rows": settings.IMPORT_MAX_ROWS,
        "max_mb": io.MAX_BYTES // (1024 * 1024),
        "errors": errors[:SHOWN_ERRORS],
        "more_errors": max(len(errors) - SHOWN_ERRORS, 0),
    })
