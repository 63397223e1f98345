"""Cases and their timelines. Every write goes through sellerdesk.cases.actions."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.api import schemas
from sellerdesk.api.access import form_error, get_case, member, plain_changes
from sellerdesk.cases import actions
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Status as CaseStatus
from sellerdesk.cases.duplicates import find_duplicates
from sellerdesk.cases.journal import JournalFilter
from sellerdesk.followup.replies import record_entry
from sellerdesk.shops.models import Shop

router = Router(tags=["cases"])

ERRORS = {400: schemas.Error, 403: schemas.Error, 404: schemas.Error}
TEXT_FIELDS = ("subject", "body", "category", "topic", "external_number", "critical_reason", "outcome",
               "outcome_note")


def _journal(filters: schemas.CaseFilters, membership: Membership) -> QuerySet:
    """The cases the journal page would show for the same filter, in the same order."""
    data = plain_changes(filters.model_dump(exclude_none=True, exclude={"limit", "offset"}), text_fields=())
    if data.get("responsible") == "me":
        data["responsible"] = str(membership.pk)
    form = JournalFilter(data, membership.workspace)
    if not form.is_valid():
        raise form_error(form)
    return form.cases()


def _fields(workspace: Workspace, data: dict) -> tuple[dict, list[tuple[str, str]] | None]:
    """Split parsed input into action fields (ids resolved within the workspace) and entities."""
    entities = data.pop("entities", None)
    fields = plain_changes(data, text_fields=TEXT_FIELDS, nullable=("deadline", "responsible"))
    if "shop" in fields:
        fields["shop"] = Shop.objects.filter(workspace=workspace, pk=fields["shop"]).first()
        if fields["shop"] is None:
            raise ActionError(_("There is no such shop in this workspace."), "shop")
    if fields.get("responsible") is not None:
        members = Membership.objects.select_related("user").filter(workspace=workspace)
        fields["responsible"] = members.filter(pk=fields["responsible"]).first()
        if fields["responsible"] is None:
            raise ActionError(_("The responsible person is not a member of this workspace."), "responsible")
    if entities is not None:
        entities = [(e["kind"].value, e["value"]) for e in entities]
    return fields, entities


@router.get("", response=schemas.CasePage, summary="List cases")
def list_cases(request, filters: Query[schemas.CaseFilters]):
    """The journal with the same filters as its page; `count` is the number of matches before paging."""
    membership = member(request)
    cases = _journal(filters, membership)
    page = cases.select_related("shop", "responsible__user", "merged_into").prefetch_related("entities")
    page = page[filters.offset:filters.offset + filters.limit]
    return {"count": cases.count(), "limit": filters.limit, "offset": filters.offset, "items": list(page)}


@router.post("", response={201: schemas.CaseOut, **ERRORS}, summary="Create a case")
def create_case(request, payload: schemas.CaseIn):
    membership = member(request, "change_cases")
    if payload.status == CaseStatus.MERGED:
        raise ActionError(_("A case becomes merged only by merging it into another."), "status")
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("duplicate_reason", "")
    fields, entities = _fields(membership.workspace, data)
    duplicates = []
    if payload.status in (CaseStatus.DRAFT, CaseStatus.READY):  # a finished case brought in is history
        duplicates = find_duplicates(membership.workspace_id, references=entities or (), shop_id=fields["shop"].pk,
                                     kind=fields.get("kind", "other"),
                                     text=f"{fields.get('subject', '')}\n{fields.get('body', '')}")
    case = actions.create_case(membership.workspace, membership, entities=entities or (),
                               duplicate_of=[d.case for d in duplicates], duplicate_reason=reason, **fields)
    return Status(201, get_case(membership, case.number))


@router.get("/{number}", response={200: schemas.CaseOut, 404: schemas.Error}, summary="Get a case")
def read_case(request, number: str):
    return get_case(member(request), number)


@router.patch("/{number}", response={200: schemas.CaseOut, 409: schemas.Error, **ERRORS},
              summary="Change fields of a case")
def update_case(request, number: str, payload: schemas.CasePatch):
    """Send the `version` you read; if someone saved the case since, nothing changes and the
    answer is 409."""
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    data = payload.model_dump(exclude_unset=True)
    version = data.pop("version")
    fields, entities = _fields(membership.workspace, data)
    actions.update_case(case, membership, fields, expected_version=version, entities=entities)
    return get_case(membership, number)


@router.post("/{number}/status", response={200: schemas.CaseOut, 409: schemas.Error, **ERRORS},
             summary="Move a case to another status")
def change_status(request, number: str, payload: schemas.StatusIn):
    """Allowed moves are listed in each case's `next_statuses`; a refused move is a 400."""
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    extra = plain_changes(
        payload.model_dump(include={"external_number", "outcome", "outcome_note", "money_recovered"},
                           exclude_none=True),
        text_fields=TEXT_FIELDS,
    )
    actions.change_status(case, membership, payload.status.value, expected_version=payload.version,
                          note=payload.note, override_reason=payload.override_reason, **extra)
    return get_case(membership, number)


@router.get("/{number}/events", response={200: list[schemas.EventOut], 404: schemas.Error},
            summary="Timeline of a case")
def list_events(request, number: str):
    return get_case(member(request), number).events.all()


@router.post("/{number}/events", response={201: schemas.EventOut, **ERRORS},
             summary="Record a message, a call or a note")
def add_event(request, number: str, payload: schemas.EventIn):
    membership = member(request, "change_cases")
    case = get_case(membership, number)
    event = record_entry(case, membership, payload.kind, payload.text,
                         channel=payload.channel.value if payload.channel else "", occurred_at=payload.occurred_at)
    return Status(201, event)
