"""Evidence files of a case, through the same checks and actions as the case page."""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from ninja import File, Router, Status, UploadedFile

from sellerdesk.accounts.models import Membership
from sellerdesk.api import schemas
from sellerdesk.api.access import get_case, member
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.evidence import DuplicateEvidence, add_evidence, remove_evidence
from sellerdesk.cases.models import Evidence

router = Router(tags=["evidence"])

ERRORS = {400: schemas.Error, 403: schemas.Error, 404: schemas.Error}


def _evidence(membership: Membership, number: str, evidence_id: int) -> Evidence:
    case = get_case(membership, number)
    return get_object_or_404(Evidence.objects.select_related("case"), case=case, pk=evidence_id)


@router.get("/{number}/evidence", response={200: list[schemas.EvidenceOut], 404: schemas.Error},
            summary="Files attached to a case")
def list_evidence(request, number: str):
    return get_case(member(request), number).evidence.all()


@router.post("/{number}/evidence", response={201: schemas.EvidenceOut, 409: schemas.DuplicateError, **ERRORS},
             summary="Attach a file")
def upload_evidence(request, number: str, file: File[UploadedFile]):
    """Send the file as multipart form data in the field `file`. The content must match the name's
    extension; the same content twice on one case is a 409 naming the file already there."""
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    try:
        evidence = add_evidence(case, membership, file)
    except DuplicateEvidence as exc:
        return Status(409, {"detail": exc.message, "field": "file", "existing": exc.existing.pk})
    except ActionError as exc:
        exc.field = "file" if exc.field == "files" else exc.field  # the page's form field is `files`
        raise
    return Status(201, evidence)


@router.get("/{number}/evidence/{int:evidence_id}", response={200: None, 404: schemas.Error},
            summary="Download a file", openapi_extra={"responses": {200: {
                "description": "The file, as an attachment under its original name.",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }}})
def download_evidence(request, number: str, evidence_id: int):
    evidence = _evidence(member(request), number, evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                        content_type=evidence.content_type)


@router.delete("/{number}/evidence/{int:evidence_id}", response={204: None, **ERRORS},
               summary="Remove a file")
def delete_evidence(request, number: str, evidence_id: int):
    membership = member(request, "change_cases")
    remove_evidence(_evidence(membership, number, evidence_id), membership)
    return Status(204, None)
