"""Evidence endpoints of a case page: upload (several files, drag and drop), download, delete."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases import evidence as actions
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.models import Case, Evidence

Report = list[tuple[str, str]]  # (message level tag, text)


class DropOversizedFiles(FileUploadHandler):
    """Stop receiving a file as soon as it passes the size limit, so a huge upload is never kept
    in full, even in a temporary file; the view reports the names it dropped."""

    def __init__(self, request=None):
        super().__init__(request)
        self.dropped: list[str] = []
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            self.dropped.append(self.file_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def _case(request, number: str) -> Case:
    return get_object_or_404(Case, workspace=request.workspace, number=number)


def _evidence(case: Case, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("case"), pk=pk, case=case,
                             workspace=case.workspace_id)


def _respond(request, case: Case, report: Report):
    """The re-rendered list for htmx, otherwise messages and the case page."""
    if request.headers.get("HX-Request"):
        context = {"case": case, "evidence": case.evidence.select_related("uploaded_by__user"),
                   "upload_report": report}
        return render(request, "cases/_evidence.html", context)
    for level, text in report:
        messages.add_message(request, getattr(messages, level.upper()), text)
    return redirect("case_detail", request.workspace.slug, case.number)


@csrf_exempt  # checked below, once the size guard is in place: the CSRF check reads the body
@require_POST
@workspace_view("view", write_methods_need="change_cases")
def evidence_upload(request, number):
    guard = DropOversizedFiles(request)
    request.upload_handlers.insert(0, guard)
    return _upload(request, number, guard)


@csrf_protect
def _upload(request, number: str, guard: DropOversizedFiles):
    case = _case(request, number)
    files = request.FILES.getlist("files")
    report: Report = [("error", actions.too_large(name).message) for name in guard.dropped]
    if not files and not report:
        report.append(("error", _("Choose at least one file.")))
    added, problems = actions.add_evidence_files(case, request.membership, files)
    report += [("success", _("“%(name)s” added.") % {"name": item.original_name}) for item in added]
    for problem in problems:
        report.append(("warning" if isinstance(problem, actions.DuplicateEvidence) else "error", problem.message))
    return _respond(request, case, report)


@require_safe
@workspace_view("view")
def evidence_download(request, number, pk):
    item = _evidence(_case(request, number), pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing from storage") from None
    response = FileResponse(handle, as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@workspace_view("view", write_methods_need="change_cases")
def evidence_delete(request, number, pk):
    case = _case(request, number)
    item = _evidence(case, pk)
    try:
        actions.remove_evidence(item, request.membership)
    except ActionError as exc:
        report = [("error", exc.message)]
    else:
        report = [("success", _("“%(name)s” removed.") % {"name": item.original_name})]
    return _respond(request, case, report)
