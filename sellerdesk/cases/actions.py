"""Every change to a case goes through here, and every change leaves a CaseEvent.

Views, the API, the importer and the command line call these functions; none of them writes
case rows directly. Each action runs in one transaction: it either happens whole, with its
event, or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.analysis import similar
from sellerdesk.cases import checks
from sellerdesk.cases.choices import EntityKind, EventKind, Priority, Status
from sellerdesk.cases.models import Case, CaseEvent, EntityRef, Evidence
from sellerdesk.followup import clocks
from sellerdesk.language.identifiers import normalize_reference, spaced_cjk


class ActionError(Exception):
    """A change that cannot be made; the message is for the person who asked for it."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class StaleVersion(ActionError):
    """Somebody else saved the case after this person opened it."""


EDITABLE_FIELDS = (
    "shop", "kind", "category", "topic", "channel", "external_number", "priority", "critical_reason",
    "deadline", "currency", "money_at_risk", "money_recovered", "responsible", "subject", "body",
    "outcome", "outcome_note",
)
MESSAGE_KINDS = (EventKind.MESSAGE_IN, EventKind.MESSAGE_OUT, EventKind.CALL, EventKind.NOTE)

Entity = tuple[str, str]  # (kind, value)


# --- helpers ----------------------------------------------------------------------------------------

def _plain(value):
    """A JSON-friendly, human-readable form of a field value for the event log."""
    if value is None:
        return None
    if isinstance(value, Model):
        return str(value.display_name if isinstance(value, Membership) else value.name)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def log_event(case: Case, kind: str, actor: Membership | None, *, changes: dict | None = None,
              text: str = "", channel: str = "", occurred_at: dt.datetime | None = None) -> CaseEvent:
    now = timezone.now()
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        actor_name=actor.display_name if actor else "SellerDesk",
        created_at=now,
        occurred_at=occurred_at or now,
        channel=channel,
        changes=changes or {},
        text=text,
    )


def build_search_text(case: Case, entity_values: Iterable[str]) -> str:
    parts = [case.number, case.external_number, case.subject, case.category, case.topic, case.body,
             *entity_values]
    return spaced_cjk(" ".join(p for p in parts if p))


def next_case_number(workspace: Workspace) -> str:
    """Take the next number of the workspace; safe when many people create cases at once.

    The UPDATE locks the workspace row until the surrounding transaction ends, so two
    transactions can never read the same counter value (on SQLite the write lock does the same).
    """
    Workspace.objects.filter(pk=workspace.pk).update(case_counter=F("case_counter") + 1)
    counter = Workspace.objects.values_list("case_counter", flat=True).get(pk=workspace.pk)
    year = timezone.now().astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE)).year
    return f"{workspace.case_prefix}-{year}-{counter:05d}"


def _clean_entities(entities: Iterable[Entity]) -> list[Entity]:
    seen: dict[Entity, None] = {}
    for kind, value in entities:
        value = normalize_reference(value)
        if not value:
            continue
        if kind not in EntityKind.values:
            raise ActionError(_("Unknown reference type: %(kind)s.") % {"kind": kind}, "entities")
        if len(value) > 120:
            raise ActionError(_("A reference may be at most 120 characters long."), "entities")
        seen[(kind, value)] = None
    return list(seen)


def _validate(case: Case) -> None:
    """Rules that hold for every saved case, whoever changes it."""
    workspace_id = case.workspace_id
    if case.shop.workspace_id != workspace_id:
        raise ActionError(_("This shop belongs to another workspace."), "shop")
    if case.responsible_id and case.responsible.workspace_id != workspace_id:
        raise ActionError(_("The responsible person is not a member of this workspace."), "responsible")
    if not case.subject.strip():
        raise ActionError(_("A case needs a subject."), "subject")
    if case.priority == Priority.CRITICAL and not case.critical_reason.strip():
        raise ActionError(_("Say why the case is critical."), "critical_reason")
    for field in ("money_at_risk", "money_recovered"):
        amount = getattr(case, field)
        if not isinstance(amount, Decimal):
            setattr(case, field, amount := Decimal(str(amount)))
        if amount < 0:
            raise ActionError(_("An amount cannot be negative."), field)
        if amount >= Decimal("1e12"):
            raise ActionError(_("The amount is too large."), field)
    if case.status == Status.RESOLVED and not case.outcome:
        raise ActionError(_("A resolved case needs an outcome."), "outcome")


def _signature(case: Case) -> int | None:
    return similar.signature(f"{case.subject}\n{case.body}")


def _appeal_diff(old: dict, new: dict) -> dict[str, list]:
    """The wizard's fields that changed, each as its own line of history ("appeal.request")."""
    return {f"appeal.{key}": [_plain(old.get(key)), _plain(new.get(key))]
            for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)}


def _replace_entities(case: Case, entities: list[Entity]) -> None:
    EntityRef.objects.filter(case=case).delete()
    EntityRef.objects.bulk_create(
        EntityRef(workspace_id=case.workspace_id, case=case, kind=k, value=v) for k, v in entities
    )


def _entity_labels(entities: Iterable[Entity]) -> list[str]:
    return [f"{kind}:{value}" for kind, value in entities]


# --- actions ----------------------------------------------------------------------------------------

@transaction.atomic
def create_case(workspace: Workspace, actor: Membership | None, *, entities: Iterable[Entity] = (),
                event_kind: str = EventKind.CREATED, event_text: str = "", appeal: dict | None = None,
                duplicate_of: Iterable[Case] = (), duplicate_reason: str = "", **fields) -> Case:
    """File a new case. `duplicate_of` lists live cases the duplicate guard pointed to: creating the case
    anyway needs `duplicate_reason`, which the history keeps."""
    duplicate_of = [c.number for c in duplicate_of]
    if duplicate_of and not duplicate_reason.strip():
        raise ActionError(_("This problem already has a live case (%(numbers)s). Say why a new case is needed, "
                            "or continue in the existing one.") % {"numbers": ", ".join(duplicate_of)},
                          "duplicate_reason")
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"status", "created_at"}
    if unknown:
        raise TypeError(f"create_case() got unknown fields: {sorted(unknown)}")
    case = Case(workspace=workspace, created_by=actor, **fields)
    if case.status not in (Status.DRAFT, Status.READY):
        # Imports may bring cases in any status; the rules for that status still apply.
        missing = [f for f in playbook.lifecycle().requires.get(case.status, ()) if not getattr(case, f)]
        if missing:
            raise ActionError(_("A case in this status needs: %(fields)s.") % {"fields": ", ".join(missing)})
    _validate(case)
    entities = _clean_entities(entities)
    case.platform = case.shop.platform
    case.number = next_case_number(workspace)
    case.updated_at = timezone.now()
    case.search_text = build_search_text(case, (v for _k, v in entities))
    case.signature = _signature(case)
    case.appeal = appeal or {}
    clocks.recompute(case, keep_deadline="deadline" in fields)
    case.save()
    _replace_entities(case, entities)
    snapshot = {f: [None, _plain(getattr(case, f))] for f in EDITABLE_FIELDS if getattr(case, f) not in ("", None)}
    if entities:
        snapshot["entities"] = [[], _entity_labels(entities)]
    if duplicate_of:
        snapshot["duplicate_of"] = [None, duplicate_of]
        event_text = "\n".join(filter(None, [event_text, duplicate_reason.strip()]))
    log_event(case, event_kind, actor, changes=snapshot, text=event_text)
    return case


def _locked(case: Case, expected_version: int | None) -> Case:
    rows = Case.objects.select_for_update(of=("self",)).select_related("shop", "responsible__user")
    fresh = rows.get(pk=case.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleVersion(_(
            "Someone else changed this case while you were editing it. Your changes were not saved: "
            "reload the page to see the current version."
        ))
    return fresh


@transaction.atomic
def update_case(case: Case, actor: Membership | None, changes: dict, *, expected_version: int | None,
                entities: Iterable[Entity] | None = None, appeal: dict | None = None) -> Case:
    """Change fields of a case; refused if the case moved on since `expected_version` was read."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"update_case() got unknown fields: {sorted(unknown)}")
    case = _locked(case, expected_version)
    diff: dict[str, list] = {}
    for field, new in changes.items():
        old = getattr(case, field)
        if isinstance(old, Decimal) and new is not None:
            new = Decimal(str(new))
        if old != new:
            diff[field] = [_plain(old), _plain(new)]
            setattr(case, field, new)
    old_entities = list(case.entities.values_list("kind", "value"))
    if entities is not None:
        entities = _clean_entities(entities)
        if sorted(entities) != sorted(old_entities):
            diff["entities"] = [_entity_labels(old_entities), _entity_labels(entities)]
            _replace_entities(case, entities)
            old_entities = entities
    if appeal is not None and appeal != case.appeal:
        diff.update(_appeal_diff(case.appeal or {}, appeal))
        case.appeal = appeal
    if not diff:
        return case
    _validate(case)
    if "shop" in diff:
        case.platform = case.shop.platform
    if diff.keys() & {"shop", "channel", "kind"}:
        clocks.recompute(case, keep_deadline="deadline" in diff)
    if "subject" in diff or "body" in diff:
        case.signature = _signature(case)
        case.readiness = None  # the last check was of another text
    case.search_text = build_search_text(case, (v for _k, v in old_entities))
    case.version += 1
    case.updated_at = timezone.now()
    case.save()
    log_event(case, EventKind.CHANGED, actor, changes=diff)
    return case


@transaction.atomic
def change_status(case: Case, actor: Membership | None, new_status: str, *, expected_version: int | None,
                  note: str = "", override_reason: str = "", **fields) -> Case:
    """Move a case along its life; `fields` may fill what the new status requires in the same step
    (the external number on submission, the outcome and recovered money on resolution).

    A case becomes ready only when its appeal passes the checks with no blocking finding; an owner
    may override them with a reason, which the history keeps with the findings overridden.
    """
    case = _locked(case, expected_version)
    old_status = case.status
    if not playbook.lifecycle().allowed(old_status, new_status):
        raise ActionError(_("A case cannot go from “%(old)s” to “%(new)s”.") % {
            "old": Status(old_status).label, "new": Status(new_status).label if new_status in Status.values
            else new_status,
        }, "status")
    diff = {"status": [old_status, new_status]}
    for field, value in fields.items():
        if field not in ("external_number", "outcome", "outcome_note", "money_recovered"):
            raise TypeError(f"change_status() cannot set {field}")
        if value in (None, ""):
            continue
        if field == "money_recovered":
            value = Decimal(str(value))
        if getattr(case, field) != value:
            diff[field] = [_plain(getattr(case, field)), _plain(value)]
            setattr(case, field, value)
    missing = [f for f in playbook.lifecycle().requires.get(new_status, ()) if not getattr(case, f)]
    if missing:
        labels = ", ".join(str(Case._meta.get_field(f).verbose_name) for f in missing)
        raise ActionError(_("To move the case to “%(new)s”, fill in: %(fields)s.") % {
            "new": Status(new_status).label, "fields": labels}, missing[0])
    if new_status == Status.READY:
        diff.update(_readiness_gate(case, actor, override_reason))
        if override_reason.strip():
            note = "\n".join(filter(None, [note.strip(), override_reason.strip()]))
    now = timezone.now()
    case.status = new_status
    if new_status == Status.SUBMITTED and not case.submitted_at:
        case.submitted_at = now
    if new_status == Status.RESOLVED:
        case.resolved_at = now
    elif old_status in (Status.RESOLVED, Status.CLOSED) and new_status not in playbook.lifecycle().finished:
        case.resolved_at = None
    _validate(case)
    case.search_text = build_search_text(case, case.entities.values_list("value", flat=True))
    case.version += 1
    case.updated_at = now
    clocks.recompute(case, now)
    case.save()
    log_event(case, EventKind.STATUS, actor, changes=diff, text=note)
    return case


def _readiness_gate(case: Case, actor: Membership | None, override_reason: str) -> dict:
    analysis = checks.check_case(case)
    case.readiness = analysis.lint.score
    blocking = checks.blocking(analysis)
    if not blocking:
        return {}
    if not override_reason.strip():
        raise ActionError(_("The appeal is not ready. %(findings)s Fix this first, or an owner may override the "
                            "checks with a reason.") % {
            "findings": " ".join(checks.render(f.message) for f in blocking)}, "status")
    if actor is None or not actor.can("override_checks"):
        raise ActionError(_("Only an owner may override the appeal checks."), "override_reason")
    return {"checks_overridden": [None, [f.code for f in blocking]]}


@transaction.atomic
def add_event(case: Case, actor: Membership | None, kind: str, text: str, *, channel: str = "",
              occurred_at: dt.datetime | None = None) -> CaseEvent:
    """Record a message to or from support, a phone call or a note on the timeline."""
    if kind not in MESSAGE_KINDS:
        raise ActionError(_("This kind of entry cannot be added by hand."), "kind")
    if not text.strip():
        raise ActionError(_("The entry is empty."), "text")
    if occurred_at and occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ActionError(_("An entry cannot be dated in the future."), "occurred_at")
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    return log_event(case, kind, actor, text=text.strip(), channel=channel, occurred_at=occurred_at)


@transaction.atomic
def merge_case(duplicate: Case, original: Case, actor: Membership | None, reason: str) -> Case:
    """Fold a duplicate into its original: its history, evidence and references follow the original."""
    if duplicate.workspace_id != original.workspace_id or duplicate.pk == original.pk:
        raise ActionError(_("A case can only be merged into another case of the same workspace."))
    duplicate = _locked(duplicate, None)
    original = _locked(original, None)
    if original.status == Status.MERGED:
        raise ActionError(_("The original case was itself merged; merge into the case it points to."))
    if duplicate.status == Status.MERGED:
        raise ActionError(_("This case is already merged."))
    if not reason.strip():
        raise ActionError(_("Say why the cases are merged."), "reason")
    CaseEvent.objects.filter(case=duplicate).update(case=original)
    known_hashes = set(original.evidence.values_list("sha256", flat=True))
    for item in Evidence.objects.filter(case=duplicate):
        old_name, storage = item.file.name, item.file.storage
        if item.sha256 in known_hashes:
            item.delete()
        else:
            # Evidence lives in the folder of its case: copy the file over, drop the old one on commit.
            with storage.open(old_name, "rb") as content:
                new_name = storage.save(f"{original.evidence_folder}/{old_name.rsplit('/', 1)[-1]}", content)
            Evidence.objects.filter(pk=item.pk).update(case=original, file=new_name)
        transaction.on_commit(lambda name=old_name, storage=storage: storage.delete(name))
    known_refs = set(original.entities.values_list("kind", "value"))
    for ref in EntityRef.objects.filter(case=duplicate):
        if (ref.kind, ref.value) in known_refs:
            ref.delete()
        else:
            EntityRef.objects.filter(pk=ref.pk).update(case=original)
    now = timezone.now()
    old_status = duplicate.status
    duplicate.status = Status.MERGED
    duplicate.merged_into = original
    duplicate.version += 1
    duplicate.updated_at = now
    clocks.recompute(duplicate, now)
    duplicate.save()
    original.search_text = build_search_text(original, original.entities.values_list("value", flat=True))
    original.version += 1
    original.updated_at = now
    original.save()
    log_event(duplicate, EventKind.MERGED, actor, text=reason,
              changes={"status": [old_status, Status.MERGED], "merged_into": [None, original.number]})
    log_event(original, EventKind.MERGED, actor, text=reason, changes={"merged_from": [None, duplicate.number]})
    return original
