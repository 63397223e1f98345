"""Shapes of the API's requests and answers. Money travels as strings, times as ISO 8601 in UTC."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime

from sellerdesk.accounts.roles import Role
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
from sellerdesk.cases.journal import SORTS


def _to_utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


UtcDateTime = Annotated[dt.datetime, AfterValidator(_to_utc)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Currency = Literal[tuple(code for code, _label in CURRENCIES)]  # type: ignore[valid-type]
HandEventKind = Literal["message_in", "message_out", "call", "note"]
StatusFilter = Literal[("open", *Status.values)]  # type: ignore[valid-type]
Sort = Literal[tuple(SORTS)]  # type: ignore[valid-type]


class Error(Schema):
    detail: str
    field: str | None = None


class DuplicateError(Error):
    existing: int = Field(description="The id of the file with the same content already on the case.")


# --- members ----------------------------------------------------------------------------------------

class MemberRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class MemberOut(MemberRef):
    role: Role


class WorkspaceOut(Schema):
    slug: str
    name: str


class MeOut(MemberOut):
    workspace: WorkspaceOut
    can_change_cases: bool
    can_manage_shops: bool


# --- cases ------------------------------------------------------------------------------------------

class EntityIn(Schema):
    kind: EntityKind
    value: str = Field(min_length=1, max_length=120, examples=["24815162"])


class EntityOut(Schema):
    kind: EntityKind
    value: str


class CaseOut(Schema):
    number: str = Field(examples=["SD-2026-00042"])
    subject: str
    body: str
    status: Status
    next_statuses: list[Status]
    kind: Kind
    category: str
    topic: str
    channel: Channel
    external_number: str
    priority: Priority
    critical_reason: str
    deadline: UtcDateTime | None
    is_overdue: bool
    currency: str
    money_at_risk: Decimal
    money_recovered: Decimal
    shop: int
    shop_name: str
    platform: str
    responsible: MemberRef | None
    outcome: str
    outcome_note: str
    merged_into: str | None
    entities: list[EntityOut]
    version: int
    created_at: UtcDateTime
    updated_at: UtcDateTime
    submitted_at: UtcDateTime | None
    resolved_at: UtcDateTime | None

    @staticmethod
    def resolve_shop(obj) -> int:
        return obj.shop_id

    @staticmethod
    def resolve_shop_name(obj) -> str:
        return obj.shop.name

    @staticmethod
    def resolve_merged_into(obj) -> str | None:
        return obj.merged_into.number if obj.merged_into_id else None

    @staticmethod
    def resolve_entities(obj) -> list:
        return list(obj.entities.all())


class CasePage(Schema):
    count: int = Field(description="How many cases match the filters in all.")
    limit: int
    offset: int
    items: list[CaseOut]


class CaseFilters(Schema):
    status: StatusFilter | None = Field(None, description="A status, or `open` for every open one.")
    shop: int | None = None
    platform: str | None = None
    kind: Kind | None = None
    priority: Priority | None = None
    responsible: str | None = Field(
        None, pattern=r"^(me|none|\d+)$", description="A member id, `me` or `none` (nobody assigned)."
    )
    overdue: bool = Field(False, description="Only open cases past their deadline.")
    q: str | None = Field(None, max_length=300, description="Words of the subject or text, or a number.")
    sort: Sort | None = Field(None, description="Default: recently updated first.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class CaseIn(Schema):
    shop: int
    subject: str = Field(max_length=300, examples=["Оспаривание штрафа по поставке №24815162"])
    body: str = ""
    kind: Kind = Kind.OTHER
    category: str = Field("", max_length=200)
    topic: str = Field("", max_length=200)
    channel: Channel = Channel.TICKET
    external_number: str = Field("", max_length=100)
    status: Status = Field(Status.DRAFT, description="Cases usually start as draft or ready.")
    priority: Priority = Priority.NORMAL
    critical_reason: str = Field("", max_length=300)
    deadline: AwareDatetime | None = None
    currency: Currency = "RUB"
    money_at_risk: Money = Decimal("0")
    money_recovered: Money = Decimal("0")
    responsible: int | None = Field(None, description="A member id (see /api/members).")
    outcome: Outcome | None = None
    outcome_note: str = ""
    entities: list[EntityIn] = Field(default_factory=list, description="Orders, supplies, postings…")
    duplicate_reason: str = Field("", max_length=1000, description=(
        "When an open case already concerns the same references, or the same shop and kind with a near-identical "
        "text, creation is refused (400, field `duplicate_reason`) unless this says why a new case is needed."))


class CasePatch(Schema):
    """Only the fields sent are changed; `null` empties a text field or clears deadline/responsible."""

    version: int = Field(description="The `version` the client last read; a newer one on the server → 409.")
    shop: int | None = None
    subject: str | None = Field(None, max_length=300)
    body: str | None = None
    kind: Kind | None = None
    category: str | None = Field(None, max_length=200)
    topic: str | None = Field(None, max_length=200)
    channel: Channel | None = None
    external_number: str | None = Field(None, max_length=100)
    priority: Priority | None = None
    critical_reason: str | None = Field(None, max_length=300)
    deadline: AwareDatetime | None = None
    currency: Currency | None = None
    money_at_risk: Money | None = None
    money_recovered: Money | None = None
    responsible: int | None = None
    outcome: Outcome | None = None
    outcome_note: str | None = None
    entities: list[EntityIn] | None = Field(None, description="When sent, replaces the whole list.")


class StatusIn(Schema):
    status: Status
    version: int
    note: str = ""
    external_number: str | None = Field(None, max_length=100, description="Needed to enter `submitted`.")
    outcome: Outcome | None = Field(None, description="Needed to enter `resolved`.")
    outcome_note: str | None = None
    money_recovered: Money | None = None
    override_reason: str = Field("", max_length=1000, description=(
        "Entering `ready` needs an appeal with no blocking finding (see POST /api/analysis/appeal); an owner may "
        "override the checks by giving a reason."))


# --- events -----------------------------------------------------------------------------------------

class EventOut(Schema):
    id: int
    kind: EventKind
    actor: int | None
    actor_name: str
    occurred_at: UtcDateTime
    created_at: UtcDateTime
    channel: str
    text: str
    changes: dict[str, Any] = Field(description="For changes: {field: [old, new]}.")

    @staticmethod
    def resolve_actor(obj) -> int | None:
        return obj.actor_id


class EventIn(Schema):
    kind: HandEventKind
    text: str = Field(max_length=20000)
    channel: Channel | None = None
    occurred_at: AwareDatetime | None = Field(None, description="When it happened, if earlier than now.")


# --- evidence ---------------------------------------------------------------------------------------

class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: int | None
    uploaded_at: UtcDateTime

    @staticmethod
    def resolve_uploaded_by(obj) -> int | None:
        return obj.uploaded_by_id


# --- shops ------------------------------------------------------------------------------------------

class ShopOut(Schema):
    id: int
    platform: str
    platform_name: str
    name: str
    cabinet_id: str
    inn: str
    legal_name: str
    contact_email: str
    contact_phone: str
    is_active: bool
    created_at: UtcDateTime


class ShopIn(Schema):
    platform: str = Field(max_length=30, examples=["wb"])
    name: str = Field(max_length=200, examples=["Sokolova Home"])
    cabinet_id: str = Field("", max_length=64)
    inn: str = Field("", max_length=12, examples=["7707083893"])
    legal_name: str = Field("", max_length=300)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=32)
    is_active: bool = True


class ShopPatch(Schema):
    platform: str | None = Field(None, max_length=30)
    name: str | None = Field(None, max_length=200)
    cabinet_id: str | None = Field(None, max_length=64)
    inn: str | None = Field(None, max_length=12)
    legal_name: str | None = Field(None, max_length=300)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=32)
    is_active: bool | None = None
