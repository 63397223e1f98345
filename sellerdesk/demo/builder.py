"""Builds the demo: two workspaces, their shops, a team in every role and about sixty cases with
histories spread over the last eight weeks.

Every case is made through the case actions while the clock stands at the moment each step
happened (time-machine), so numbers, events, versions and timestamps are exactly what weeks of
real use would leave behind. Steps of all cases run in one time-ordered sequence: case numbers
follow the order cases were opened, and event ids follow time even across merged cases.

`fill()` and `Ids` are shared with the benchmark generator, which needs the same kind of text
and identifiers in bulk.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sellerdesk.accounts.models import Membership, Profile, Workspace
from sellerdesk.cases import actions
from sellerdesk.cases.choices import Channel, EntityKind, EventKind, Priority, Status
from sellerdesk.cases.evidence import add_evidence
from sellerdesk.cases.models import Case
from sellerdesk.demo import material as m
from sellerdesk.followup import agreements, ladder
from sellerdesk.followup.models import AgreementSource
from sellerdesk.followup.replies import record_reply
from sellerdesk.followup.worker import run_once
from sellerdesk.knowledge.actions import seed_starter_articles
from sellerdesk.playbook import calendar
from sellerdesk.reports import digest, documents
from sellerdesk.shops.models import Shop

SEED = 20260301

# --- identifiers and text ----------------------------------------------------------------------------

REF_KINDS = {
    "order": EntityKind.ORDER, "order2": EntityKind.ORDER, "supply": EntityKind.SUPPLY,
    "supply_fbs": EntityKind.SUPPLY, "posting": EntityKind.POSTING, "nmid": EntityKind.NMID,
    "sku": EntityKind.SKU, "article": EntityKind.ARTICLE, "srid": EntityKind.SRID,
    "report": EntityKind.REPORT, "period": EntityKind.PERIOD, "month_period": EntityKind.PERIOD,
    "claim": EntityKind.CLAIM, "shipment": EntityKind.SHIPMENT,
}
MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
             "октябрь", "ноябрь", "декабрь"]


def _digits(rng: random.Random, n: int, first: str = "123456789") -> str:
    return rng.choice(first) + "".join(rng.choices("0123456789", k=n - 1))


class Ids(dict):
    """Identifiers in each platform's own format, made on first use and then kept, so that the
    subject, the body and the entity references of one case quote the same numbers."""

    def __init__(self, platform: str, rng: random.Random, day: dt.date):
        super().__init__()
        self.platform, self.rng, self.day = platform, rng, day

    def __missing__(self, key: str) -> str:
        value = self._make(key)
        self[key] = value
        return value

    def _make(self, key: str) -> str:
        rng, platform = self.rng, self.platform
        if key in ("order", "order2"):
            if platform == "ozon":
                return f"{_digits(rng, 8)}-{rng.randint(1, 99):04d}"
            if platform == "vendor":
                return f"DD{self.day:%Y%m%d}{_digits(rng, 6, '0123456789')}"
            if platform == "ymarket":
                return _digits(rng, 9, "45")
            return _digits(rng, 10, "34")
        if key == "posting":
            return f"{_digits(rng, 8)}-{rng.randint(1, 99):04d}-{rng.choice('1112')}"
        if key == "supply":
            return f"2000{_digits(rng, 9, '0123')}" if platform == "ozon" else _digits(rng, 8, "23")
        if key == "supply_fbs":
            return f"WB-GI-{_digits(rng, 8)}"
        if key == "nmid":
            return _digits(rng, 9, "1234")
        if key == "sku":
            return _digits(rng, 10, "1")
        if key == "srid":
            return f"{rng.getrandbits(128):032x}"
        if key == "report":
            return {"wb": _digits(rng, 9, "34"), "ozon": _digits(rng, 7), "ymarket": _digits(rng, 6)}.get(
                platform, _digits(rng, 8))
        if key == "shipment":
            return _digits(rng, 8, "67")
        if key == "claim":
            if platform == "vendor":
                return f"GD{self.day:%Y%m%d}{_digits(rng, 4, '0123456789')}"
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        raise KeyError(key)


def external_number(platform: str, channel: str, rng: random.Random, day: dt.date) -> str:
    """The number support gives an appeal, in the shape each platform uses."""
    if platform == "vendor":
        if channel == Channel.EXTERNAL:
            return _digits(rng, 11, "1")  # a complaint platform's case number
        return f"GD{day:%Y%m%d}-{_digits(rng, 4, '0123456789')}"
    return {"wb": _digits(rng, 10, "1"), "ozon": _digits(rng, 9, "1"), "ymarket": _digits(rng, 8, "4")}.get(
        platform, _digits(rng, 8))


def money_text(amount: Decimal, currency: str, language: str = "ru") -> str:
    if language == "zh":
        return f"¥{amount:,.2f}" if currency == "CNY" else f"{amount:,.2f} {currency}"
    sign = {"RUB": "₽", "CNY": "¥"}.get(currency, currency)
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + f" {sign}"


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    if high <= 0:
        return Decimal("0.00")
    if low == high:  # a fixed price, such as a yearly subscription
        return Decimal(low).quantize(Decimal("0.01"))
    whole = rng.randint(low, high)
    cents = rng.choice([0, 0, rng.randint(1, 99)])
    return Decimal(whole) + Decimal(cents) / 100


@dataclass
class Author:
    """Who writes an appeal and whom it mentions: enough to sign and fill it."""

    name_ru: str
    name_zh: str
    role: str
    staff: str = ""
    staff_login: str = ""
    owner_name: str = ""


class _Context(dict):
    """The fixed values of a case, falling back to its lazily made identifiers."""

    def __init__(self, values: dict, ids: Ids):
        super().__init__(values)
        self.ids = ids

    def __missing__(self, key: str) -> str:
        return self.ids[key]


@dataclass
class Filled:
    subject: str
    body: str
    entities: list[tuple[str, str]]
    money_at_risk: Decimal
    currency: str
    critical_reason: str
    ctx: _Context

    def text(self, template: str, **extra) -> str:
        return template.format_map(_Context({**self.ctx, **extra}, self.ctx.ids))


def fill(scenario: m.Scenario, rng: random.Random, *, shop: Shop, author: Author, when: dt.datetime,
         products: list[tuple[str, str, str, int]], ozon_shop: str = "", base: Filled | None = None) -> Filled:
    """The subject, body, references and money of one case of `scenario`, opened at `when`.

    With `base`, the case is about the same thing as an earlier one (a duplicate): identifiers,
    dates and amounts are taken from it.
    """
    if base is not None:
        ctx = dict(base.ctx)
        money, ids = base.money_at_risk, base.ctx["_ids"]
    else:
        local = when.astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE))
        event_day = local.date() - dt.timedelta(days=rng.randint(1, 6))
        week_start = event_day - dt.timedelta(days=event_day.weekday() + 7)
        month_end = local.date().replace(day=1) - dt.timedelta(days=1)
        product = rng.choice(products)
        money = _money(rng, *scenario.money)
        count = rng.randint(3, 40)
        expected = Decimal(rng.randint(20000, 160000)) + Decimal(rng.randint(0, 99)) / 100
        ids = Ids(scenario.platform, rng, event_day)
        ids["article"] = product[2]
        ctx = {
            "_ids": ids,
            "d_event": f"{event_day:%d.%m.%Y}", "t_event": f"{rng.randint(9, 20):02d}:{rng.randint(0, 59):02d}",
            "d_from": f"{week_start:%d.%m.%Y}", "d_to": f"{week_start + dt.timedelta(days=6):%d.%m.%Y}",
            "d_token": f"{event_day - dt.timedelta(days=40):%d.%m.%Y}",
            "d_code": f"{event_day - dt.timedelta(days=5):%d.%m.%Y}",
            "d_due": f"{event_day + dt.timedelta(days=1):%d.%m.%Y}", "days": rng.randint(2, 9),
            "month": f"{MONTHS_RU[month_end.month - 1]} {month_end.year}",
            "month_period": f"{month_end.replace(day=1):%d.%m.%Y}-{month_end:%d.%m.%Y}",
            "product": product[0], "product_zh": product[1] or product[0],
            "warehouse": rng.choice(m.WAREHOUSES.get(scenario.platform, ["Коледино"])),
            "promo": rng.choice(m.PROMOTIONS), "campaign": rng.choice(m.AD_CAMPAIGNS),
            "pct": rng.choice([25, 30, 35, 40, 45, 50]), "count": count,
            "accepted": rng.randint(80, 600), "ozon_shop": ozon_shop or shop.name,
        }
        ctx["shipped"] = ctx["accepted"] + count
        ctx["period"] = f"{ctx['d_from']}-{ctx['d_to']}"
        ctx["price"] = money_text((money / count).quantize(Decimal("0.01")), scenario.currency)
        ctx["expected"] = money_text(expected, scenario.currency)
        ctx["charged"] = money_text(expected + money, scenario.currency)
        ctx["amount"] = money_text(money, scenario.currency)
        ctx["amount_zh"] = money_text(money, scenario.currency, "zh")
    chinese = scenario.platform == "vendor"
    inn = f", ИНН {shop.inn}" if shop.inn else f", {shop.legal_name}" if shop.legal_name else ""
    ctx.update({
        "shop": shop.name, "cabinet": shop.cabinet_id, "email": shop.contact_email, "phone": shop.contact_phone,
        "who": f"Пишу от имени магазина «{shop.name}» (ID кабинета {shop.cabinet_id}{inn})",
        "who_zh": f"我们是{shop.legal_name or shop.name}，账号ID：{shop.cabinet_id}",
        "staff": author.staff, "staff_login": author.staff_login, "owner_name": author.owner_name,
    })
    signature = m.SIGNATURE_ZH if chinese else m.SIGNATURE_RU
    ctx["signature"] = signature.format(
        contact=author.name_zh if chinese else author.name_ru,
        role=m.ROLE_TITLES["zh" if chinese else "ru"][author.role],
        shop=shop.name, email=shop.contact_email, phone=shop.contact_phone,
    )
    view = _Context(ctx, ids)
    return Filled(
        subject=scenario.subject.format_map(view)[:300],
        body=scenario.body.format_map(view),
        entities=[(REF_KINDS[key], view[key]) for key in scenario.refs],
        money_at_risk=money,
        currency=scenario.currency,
        critical_reason=scenario.critical.format_map(view)[:300],
        ctx=view,
    )


# --- the demo plan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One demo case: which problem, how old, and the story it went through (`path`)."""

    key: str
    ws: str
    shop: str
    scenario: str
    age: float  # days since the case was opened
    path: str
    by: str  # the responsible person's username
    notes_by: str = ""  # a teammate who keeps the internal notes
    priority: str = Priority.NORMAL
    outcome: str = ""
    share: str = "1"  # part of the money recovered
    dup_of: str = ""


S = Slot
PLAN = [
    # ИП Соколова: Wildberries
    S("s01", "sokolova", "wb", "wb_penalty", 55, "create collect ready submit wait brush rebut reply resolve close",
      "accountant", outcome="won"),
    S("s02", "sokolova", "wb", "wb_lost_goods", 50, "create collect ready submit wait brush rebut remind esc2 wait "
      "ask on_us docs esc3 wait assign claim", "logistician", priority=Priority.HIGH),
    S("s03", "sokolova", "wb", "wb_lost_goods", 47, "create collect ready submit merge", "manager", dup_of="s02"),
    S("s04", "sokolova", "wb", "wb_report_logistics", 44, "create collect ready submit wait ask on_us docs reply "
      "resolve", "accountant", outcome="partial", share="0.6"),
    S("s05", "sokolova", "wb", "wb_report_logistics", 12, "create collect ready submit wait remind", "accountant"),
    S("s06", "sokolova", "wb", "wb_report_logistics", 2, "create collect", "accountant"),
    S("s07", "sokolova", "wb", "wb_order_status", 9, "create collect ready submit wait brush", "manager"),
    S("s08", "sokolova", "wb", "wb_card", 40, "create ready submit wait call reply resolve close", "manager",
      priority=Priority.CRITICAL, outcome="won"),
    S("s09", "sokolova", "wb", "wb_access", 6, "create collect ready submit wait ask on_us", "owner"),
    S("s10", "sokolova", "wb", "wb_blocked", 30, "create ready submit wait remind call reply resolve", "owner",
      priority=Priority.CRITICAL, outcome="won"),
    S("s11", "sokolova", "wb", "wb_api", 4, "create collect ready submit wait", "manager"),
    S("s12", "sokolova", "wb", "wb_edo", 1.2, "create collect ready", "accountant"),
    S("s13", "sokolova", "wb", "wb_promo", 8, "create collect ready submit wait refusal", "manager"),
    S("s14", "sokolova", "wb", "wb_review", 35, "create ready submit wait brush rebut refusal resolve close",
      "manager", outcome="lost"),
    S("s15", "sokolova", "wb", "wb_marking", 15, "create collect ready submit wait brush rebut remind esc2",
      "logistician", priority=Priority.HIGH),
    S("s16", "sokolova", "wb", "wb_return", 0.8, "create collect ready submit", "logistician"),
    S("s17", "sokolova", "wb", "wb_penalty", 10, "create collect ready submit wait ask on_us", "accountant"),
    S("s18", "sokolova", "wb", "wb_lost_goods", 38, "create collect ready submit wait brush rebut remind esc2 wait "
      "brush esc3 wait public", "logistician", priority=Priority.HIGH),
    S("s35", "sokolova", "wb", "wb_report_logistics", 52, "create collect ready submit wait reply resolve close",
      "accountant", outcome="won"),
    S("s36", "sokolova", "wb", "wb_order_status", 2.5, "create ready submit wait", "manager"),
    S("s38", "sokolova", "wb", "wb_card", 0.6, "create collect ready submit", "manager"),
    S("s39", "sokolova", "wb", "wb_lost_goods", 20, "create collect drop", "logistician"),
    # ИП Соколова: Ozon
    S("s19", "sokolova", "ozon", "ozon_posting", 28, "create ready submit wait ask on_us docs reply resolve",
      "manager", outcome="won"),
    S("s20", "sokolova", "ozon", "ozon_damaged", 7, "create collect ready submit wait remind", "logistician"),
    S("s21", "sokolova", "ozon", "ozon_commission", 25, "create collect ready submit wait brush rebut brush esc2 "
      "wait esc3", "accountant"),
    S("s22", "sokolova", "ozon", "ozon_supply", 38, "create ready submit wait reply resolve close", "logistician",
      outcome="partial", share="0.5"),
    S("s23", "sokolova", "ozon", "ozon_moderation", 5, "create collect ready submit wait ask on_us", "manager"),
    S("s24", "sokolova", "ozon", "ozon_chat_off", 20, "create ready submit wait brush rebut reply resolve", "owner",
      outcome="won"),
    S("s25", "sokolova", "ozon", "ozon_review", 33, "create ready submit wait reply resolve close", "manager",
      outcome="won"),
    S("s26", "sokolova", "ozon", "ozon_ads", 3, "create collect ready submit wait", "manager"),
    S("s27", "sokolova", "ozon", "ozon_warning", 1, "create", "manager"),
    S("s28", "sokolova", "ozon", "ozon_posting", 0.3, "create ready submit", "manager"),
    S("s37", "sokolova", "ozon", "ozon_commission", 3, "create collect", "accountant"),
    # ИП Соколова: Яндекс Маркет
    S("s29", "sokolova", "ymarket", "ym_courier", 42, "create ready submit wait call reply resolve close",
      "logistician", priority=Priority.CRITICAL, outcome="won"),
    S("s30", "sokolova", "ymarket", "ym_payout", 18, "create collect ready submit wait brush rebut remind esc2",
      "accountant", priority=Priority.HIGH),
    S("s31", "sokolova", "ymarket", "ym_hidden", 6, "create collect ready submit wait reply", "manager"),
    S("s32", "sokolova", "ymarket", "ym_cancel", 27, "create ready submit wait refusal resolve", "logistician",
      outcome="lost"),
    S("s33", "sokolova", "ymarket", "ym_api", 45, "create collect ready submit wait resolve close", "manager",
      outcome="withdrawn"),
    S("s34", "sokolova", "ymarket", "ym_payout", 0.5, "create collect", "accountant"),
    # Шэньчжэнь Лунтэн: Ozon (appeals in Russian, team notes in Chinese)
    S("l01", "longteng", "ozon", "ozon_posting", 50, "create collect ready submit wait reply resolve close",
      "manager", notes_by="chen.hao", outcome="won"),
    S("l02", "longteng", "ozon", "ozon_supply", 21, "create collect ready submit wait brush rebut esc2 wait call esc3",
      "manager", notes_by="chen.hao", priority=Priority.CRITICAL),
    S("l03", "longteng", "ozon", "ozon_api", 5, "create ready submit wait critical remind", "manager",
      notes_by="wang.fang"),
    S("l04", "longteng", "ozon", "ozon_commission", 11, "create collect ready submit wait ask on_us", "zhang.min"),
    S("l05", "longteng", "ozon", "ozon_moderation", 24, "create ready submit wait ask on_us docs reply resolve",
      "manager", notes_by="wang.fang", outcome="won"),
    S("l06", "longteng", "ozon", "ozon_chat_off", 4, "create ready submit wait brush", "manager"),
    S("l07", "longteng", "ozon", "ozon_damaged", 1, "create collect", "chen.hao"),
    S("l08", "longteng", "ozon", "ozon_review", 2, "create collect ready", "wang.fang"),
    S("l09", "longteng", "ozon", "ozon_ads", 36, "create ready submit wait refusal resolve close", "manager",
      notes_by="zhang.min", outcome="lost"),
    S("l10", "longteng", "ozon", "ozon_warning", 15, "create ready submit wait reply resolve", "manager",
      notes_by="li.wei", outcome="won"),
    S("l11", "longteng", "ozon", "ozon_posting", 8, "create collect ready submit wait call", "manager",
      notes_by="chen.hao"),
    S("l12", "longteng", "ozon", "ozon_posting", 6, "create ready submit merge", "chen.hao", dup_of="l11"),
    S("l21", "longteng", "ozon", "ozon_supply", 1, "create collect ready", "manager", notes_by="chen.hao"),
    S("l22", "longteng", "ozon", "ozon_posting", 0.2, "create ready submit", "manager"),
    # Шэньчжэнь Лунтэн: the ERP vendor (in Chinese)
    S("l13", "longteng", "vendor", "vendor_sync", 46, "create ready submit wait call reply resolve close",
      "wang.fang", priority=Priority.CRITICAL, outcome="won"),
    S("l14", "longteng", "vendor", "vendor_charge", 30, "create collect ready submit wait brush rebut remind esc2 "
      "wait dispute", "zhang.min"),
    S("l15", "longteng", "vendor", "vendor_oversell", 9, "create collect ready submit wait brush", "wang.fang"),
    S("l16", "longteng", "vendor", "vendor_login", 13, "create ready submit wait reply resolve", "chen.hao",
      outcome="won"),
    S("l17", "longteng", "vendor", "vendor_invoice", 6, "create ready submit wait remind", "zhang.min"),
    S("l18", "longteng", "vendor", "vendor_refund", 3, "create collect ready submit", "li.wei"),
    S("l19", "longteng", "vendor", "vendor_sync", 2, "create ready submit wait ask on_us", "wang.fang",
      priority=Priority.CRITICAL),
    S("l20", "longteng", "vendor", "vendor_oversell", 0.4, "create", "chen.hao"),
]

# Hours between a step and the one before it; "sla" scales with how fast the channel answers.
GAPS: dict[str, tuple[float, float]] = {
    "collect": (0.3, 3), "critical": (0.5, 6), "ready": (0.3, 5), "submit": (0.1, 2), "wait": (0.1, 0.3),
    "answered": (0.1, 2), "rebut": (0.3, 6), "on_us": (0.1, 2), "docs": (4, 40), "assign": (1, 24),
    "resolve": (0.2, 24), "close": (24, 240), "drop": (2, 48), "merge": (1, 30),
}
SLA_GAPS: dict[str, tuple[float, float]] = {
    "remind": (1.1, 1.6), "brush": (0.3, 1.2), "ask": (0.3, 1.2), "reply": (0.4, 1.3), "refusal": (0.4, 1.3),
    "call": (0.3, 1.0), "esc2": (0.8, 1.5), "esc3": (0.8, 1.5), "claim": (0.8, 1.5), "public": (0.8, 1.5),
    "dispute": (0.8, 1.5),
}
MIN_GAP_HOURS = 0.25
FINISHING = {"resolve", "close", "drop", "merge"}
SLA_HOURS = {"chat": 2, "email": 96, "phone": 2, "social": 72, "claim": 720, "public": 72, "external": 240}
TICKET_SLA_HOURS = {"wb": 48, "ozon": 24, "ymarket": 36, "vendor": 36}


def sla_hours(platform: str, channel: str) -> float:
    return TICKET_SLA_HOURS.get(platform, 48) if channel == Channel.TICKET else SLA_HOURS.get(channel, 48)


# --- running the plan -----------------------------------------------------------------------------------


@dataclass
class _Story:
    slot: Slot
    scenario: m.Scenario
    workspace: Workspace
    shop: Shop
    members: dict[str, Membership]
    languages: dict[str, str]
    rng: random.Random
    filled: Filled | None = None
    case: Case | None = None
    ext: str = ""
    d_submit: str = ""
    responsible: str = ""

    @property
    def owner(self) -> Membership:
        """The person who handles the case and writes to support."""
        return self.members[self.responsible or self.slot.by]

    @property
    def noter(self) -> Membership:
        return self.members[self.slot.notes_by or self.slot.by]

    def lang(self, member: Membership) -> str:
        return self.languages[member.user.username]

    @property
    def support_lang(self) -> str:
        return "zh" if self.scenario.platform == "vendor" else "ru"

    def text(self, template: str, **extra) -> str:
        ctx = {"ext": self.ext, "d_submit": self.d_submit, "number": self.case.number if self.case else "",
               "department": m.DEPARTMENTS[self.scenario.kind], **extra}
        if "{request}" in template:
            ctx["request"] = self.filled.text(self.scenario.request)
        return self.filled.text(template, **ctx)

    def note(self, key: str, **extra) -> str:
        return self.text(m.NOTES[key][self.lang(self.noter)], **extra)


class _Runner:
    """Turns each story's path into timed steps and plays all of them in time order."""

    def __init__(self, now: dt.datetime, stories: dict[str, _Story]):
        self.now, self.stories = now, stories
        self.steps: list[tuple[dt.datetime, int, int, Callable[[dt.datetime], None]]] = []

    def plan(self) -> None:
        for index, story in enumerate(self.stories.values()):
            self._plan_story(index, story)
        self.steps.sort(key=lambda step: step[:3])

    def run(self) -> None:
        for at, _index, _seq, step in self.steps:
            with time_machine.travel(at, tick=False):
                step(at)

    def _plan_story(self, index: int, story: _Story) -> None:
        rng, tokens = story.rng, story.slot.path.split()
        # Cases are opened at any time of day, not at the hour the demo happens to be loaded.
        start = self.now - dt.timedelta(days=story.slot.age, seconds=rng.randint(0, 9 * 3600))
        channel = story.scenario.channel
        gaps = [0.0]
        for token in tokens[1:]:
            if token in SLA_GAPS:
                low, high = SLA_GAPS[token]
                channel = {"claim": Channel.CLAIM, "public": Channel.PUBLIC, "dispute": Channel.EXTERNAL}.get(
                    token, channel)
                gaps.append(rng.uniform(low, high) * sla_hours(story.scenario.platform, channel))
            else:
                gaps.append(rng.uniform(*GAPS[token]))
        room = (self.now - start).total_seconds() / 3600 - 0.5
        scale = min(1.0, room / sum(gaps)) if sum(gaps) else 1.0
        if "submit" in tokens and not FINISHING & set(tokens):
            # A case still alive had its last step in the past few days, not weeks ago.
            target = room - rng.uniform(4, 72)
            if target > sum(gaps):
                scale = min(10.0, target / sum(gaps))
        # A step never follows the one before by less than a quarter of an hour: the sub-steps
        # of a step (a reply, then the status it brings) must stay in order.
        gaps = [0.0] + [max(gap * scale, MIN_GAP_HOURS) for gap in gaps[1:]]
        times = self._times(start, gaps, rng, daytime=True)
        if times[-1] > self.now - dt.timedelta(minutes=20):
            times = self._times(start, gaps, rng, daytime=False)
        seq = 0
        for token, at in zip(tokens, times, strict=True):
            for offset, step in _steps(story, token):
                self.steps.append((at + dt.timedelta(minutes=offset), index, seq, step))
                seq += 1

    def _times(self, start: dt.datetime, gaps: list[float], rng: random.Random, daytime: bool) -> list[dt.datetime]:
        times, at = [], start
        for gap in gaps:
            at += dt.timedelta(hours=gap)
            if daytime:
                at = self._working_hours(at, rng)
            times.append(at)
        return times

    def _working_hours(self, at: dt.datetime, rng: random.Random) -> dt.datetime:
        """Move a step that falls in the Moscow night to the next morning, unless that is the future."""
        local = at.astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE))
        if 9 <= local.hour < 21:
            return at
        morning = local.replace(hour=9, minute=rng.randint(0, 59), second=rng.randint(0, 59))
        if local.hour >= 21:
            morning += dt.timedelta(days=1)
        return at if morning > self.now - dt.timedelta(hours=1) else morning.astimezone(dt.UTC)


def _steps(story: _Story, token: str) -> list[tuple[float, Callable[[dt.datetime], None]]]:
    """The actions behind one word of a story's path, with their offsets in minutes."""
    simple = {
        "create": _create, "collect": _collect, "ready": _ready, "submit": _submit, "wait": _wait,
        "remind": _remind, "on_us": _on_us, "call": _call, "critical": _critical, "assign": _assign,
        "resolve": _resolve, "close": _close, "drop": _drop, "merge": _merge,
    }
    if token in simple:
        return [(0, lambda at, f=simple[token]: f(story, at))]
    if token in ("brush", "ask", "reply", "refusal"):
        return [(0, lambda at: _inbound(story, token, at)), (4, lambda at: _answered(story, at)),
                *([(12, lambda at: _add_note(story, "brushoff"))] if token == "brush" else [])]
    if token in ("rebut", "docs"):
        template = m.REBUTTALS if token == "rebut" else m.DOCUMENTS_SENT
        return [(0, lambda at: _outbound(story, template[story.support_lang])), (2, lambda at: _wait(story, at))]
    if token in ("esc2", "esc3", "claim", "public", "dispute"):
        level = {"esc2": 2, "esc3": 3, "claim": 4, "public": 5, "dispute": 6}[token]
        return [(0, lambda at: _escalate(story, level, at))]
    raise ValueError(f"unknown step {token!r}")


def _update(story: _Story, actor: Membership, **changes) -> None:
    story.case = actions.update_case(story.case, actor, changes, expected_version=None)


def _status(story: _Story, status: str, at: dt.datetime, actor: Membership | None = None, note: str = "",
            **fields) -> None:
    story.case = actions.change_status(story.case, actor or story.owner, status, expected_version=None,
                                       note=note, **fields)


def _add_note(story: _Story, key: str, **extra) -> None:
    actions.add_event(story.case, story.noter, EventKind.NOTE, story.note(key, **extra))


def _outbound(story: _Story, template: str, **extra) -> None:
    actions.add_event(story.case, story.owner, EventKind.MESSAGE_OUT, story.text(template, **extra),
                      channel=story.case.channel)


def _create(story: _Story, at: dt.datetime) -> None:
    slot, filled = story.slot, story.filled
    critical = slot.priority == Priority.CRITICAL
    story.case = actions.create_case(
        story.workspace, story.members[slot.by], entities=filled.entities,
        shop=story.shop, kind=story.scenario.kind, category=story.scenario.category,
        topic=story.scenario.topic, channel=story.scenario.channel, priority=slot.priority,
        critical_reason=filled.critical_reason if critical else "",
        deadline=at + dt.timedelta(days=story.rng.randint(2, 5)), currency=filled.currency,
        money_at_risk=filled.money_at_risk, responsible=story.owner, subject=filled.subject, body=filled.body,
    )


def _collect(story: _Story, at: dt.datetime) -> None:
    _add_note(story, "collected")
    _attach_data(story)


def _attach_data(story: _Story) -> None:
    """The data the team gathered, as a small table in the case's evidence folder."""
    rows = ["type;value", *(f"{kind};{value}" for kind, value in story.filled.entities),
            f"money_at_risk;{story.filled.money_at_risk} {story.filled.currency}"]
    upload = SimpleUploadedFile(f"data-{story.case.number}.csv", "\n".join(rows).encode())
    add_evidence(story.case, story.noter, upload)


def _ready(story: _Story, at: dt.datetime) -> None:
    # An appeal is ready with its attachments: the checks refuse one that mentions files it does not have.
    if not story.case.evidence.exists():
        _attach_data(story)
    _status(story, Status.READY, at, actor=story.noter, note=story.note("checked"))


def _submit(story: _Story, at: dt.datetime) -> None:
    local = at.astimezone(ZoneInfo(settings.DISPLAY_TIME_ZONE))
    story.ext = external_number(story.scenario.platform, story.case.channel, story.rng, local.date())
    story.d_submit = f"{local:%d.%m.%Y}"
    lang = story.lang(story.owner)
    note = story.text(m.NOTES["submitted"][lang], sla=m.SLA_TEXT[lang][story.case.channel])
    _status(story, Status.SUBMITTED, at, note=note, external_number=story.ext)


def _wait(story: _Story, at: dt.datetime) -> None:
    """Waiting for support: the case's clocks (followup.clocks) set the deadline from the playbook."""
    _status(story, Status.WAITING, at)


def _remind(story: _Story, at: dt.datetime) -> None:
    """The first step of the ladder: a polite reminder in the same dialog, as SellerDesk drafts it."""
    _take_step(story, 1)


def _take_step(story: _Story, level: int) -> None:
    step = next(s for s in ladder.ladder_for(story.case) if s.level == level)
    text = ladder.draft(story.case, step).body if not step.link else ""
    story.case = ladder.take_step(story.case, story.owner, level, text, expected_version=None)


def _inbound(story: _Story, token: str, at: dt.datetime) -> None:
    """Support's reply, pasted into the case: assessed, and the case moves (answered, or on us when they ask)."""
    scenario = story.scenario
    if token == "brush":  # a second brush-off in the same dialog is another of support's templates
        told = set(story.case.events.filter(kind=EventKind.MESSAGE_IN).values_list("text", flat=True))
        templates = [t for t in m.BRUSHOFFS[scenario.platform] if story.text(t) not in told]
        template = story.rng.choice(templates or m.BRUSHOFFS[scenario.platform])
    else:
        template = {"ask": scenario.ask, "reply": scenario.answer, "refusal": scenario.refusal}[token]
    record_reply(story.case, story.owner, story.text(template))
    story.case.refresh_from_db()


def _answered(story: _Story, at: dt.datetime) -> None:
    """Support answered: the team owes its reaction (our own clock). The pasted reply usually moved it already."""
    if story.case.status not in (Status.ANSWERED, Status.ON_US):
        _status(story, Status.ANSWERED, at)


def _on_us(story: _Story, at: dt.datetime) -> None:
    if story.case.status == Status.ON_US:  # the reply asked for data, and the case went on us by itself
        _add_note(story, "on_us")
    else:
        _status(story, Status.ON_US, at, actor=story.noter, note=story.note("on_us"))


def _call(story: _Story, at: dt.datetime) -> None:
    """A call is logged after it ended; it never predates what the case already holds. What the operator
    promised becomes an agreement, and SellerDesk's request to confirm it in writing goes to the dialog."""
    latest = story.case.events.aggregate(last=Max("created_at"))["last"]
    occurred = max(at - dt.timedelta(minutes=story.rng.randint(5, 25)), latest + dt.timedelta(seconds=1))
    lang = story.lang(story.owner)
    which = story.rng.randrange(len(m.CALLS[lang]))
    text = story.text(m.CALLS[lang][which])
    actions.add_event(story.case, story.owner, EventKind.CALL, text, channel=Channel.PHONE, occurred_at=occurred)
    promise, days = m.CALL_PROMISES[lang][which]
    due = calendar.add_business_hours(occurred, 24 * days) if days else occurred
    due = agreements.end_of_day(calendar.moscow(due).date())
    agreement = agreements.record_agreement(
        story.case, story.owner, source=AgreementSource.PHONE, counterpart=m.CALL_COUNTERPART[lang],
        made_at=occurred, promise=story.text(promise), due_at=due)
    with time_machine.travel(at + dt.timedelta(minutes=3), tick=False):
        agreements.request_confirmation(agreement, story.owner)


def _critical(story: _Story, at: dt.datetime) -> None:
    reason = story.scenario.critical.format_map(story.filled.ctx) or "—"
    _update(story, story.owner, priority=Priority.CRITICAL, critical_reason=reason)
    with time_machine.travel(at + dt.timedelta(minutes=1), tick=False):
        _add_note(story, "critical", reason=reason)


def _escalate(story: _Story, level: int, at: dt.datetime) -> None:
    """A step of the ladder with SellerDesk's own draft; the formal claim is made as DOCX and PDF evidence."""
    if story.case.status == Status.ON_US:
        _status(story, Status.WAITING, at)
    if level == 4:
        _claim(story)
    _take_step(story, level)
    channel = {4: Channel.CLAIM, 5: Channel.PUBLIC, 6: Channel.EXTERNAL}.get(level)
    if channel:  # the dialog goes on where the step went: a claim's 30-day clock, a public thread
        _update(story, story.owner, channel=channel)


def _claim(story: _Story) -> None:
    data = documents.claim_initial(story.case)
    data["amounts"] = documents.parse_amounts(data["amounts"])
    data["offer_clauses"] = m.CLAIM_CLAUSES["zh" if data["language"] == "zh" else "ru"]
    documents.store_claim(story.case, story.owner, documents.build_claim(story.case, data))


def _assign(story: _Story, at: dt.datetime) -> None:
    username, owner = next((u, mb) for u, mb in story.members.items() if mb.role == "owner")
    _update(story, story.owner, responsible=owner)
    story.responsible = username


def _resolve(story: _Story, at: dt.datetime) -> None:
    outcome = story.slot.outcome
    recovered = Decimal("0.00")
    if outcome in ("won", "partial"):
        recovered = (story.case.money_at_risk * Decimal(story.slot.share)).quantize(Decimal("0.01"))
    lang = story.lang(story.owner)
    key = "fixed" if outcome == "won" and not story.case.money_at_risk else outcome
    note = story.text(m.NOTES[f"resolved_{key}"][lang],
                      recovered=money_text(recovered, story.case.currency, lang))
    _status(story, Status.RESOLVED, at, note=note, outcome=outcome, outcome_note=note, money_recovered=recovered)


def _close(story: _Story, at: dt.datetime) -> None:
    _status(story, Status.CLOSED, at, actor=story.noter, note=story.note("closed"))


def _drop(story: _Story, at: dt.datetime) -> None:
    _status(story, Status.CLOSED, at, note=story.note("dropped"))


def _merge(story: _Story, at: dt.datetime) -> None:
    original = story.filled.ctx["_original"]
    reason = story.text(m.NOTES["merged"][story.lang(story.owner)], original=original.case.number,
                        original_ext=original.ext or "—")
    original.case = actions.merge_case(story.case, original.case, story.owner, reason)
    story.case.refresh_from_db()


# --- workspaces, people, shops ------------------------------------------------------------------------


@dataclass
class Loaded:
    workspaces: list[Workspace] = field(default_factory=list)
    shops: int = 0
    cases: int = 0
    people: int = 0


def demo_is_loaded() -> bool:
    return Workspace.objects.filter(slug__in=[w["slug"] for w in m.WORKSPACES]).exists()


def clashes() -> list[str]:
    """Demo usernames and workspace addresses already taken in this database."""
    users = User.objects.filter(username__in=[p.username for p in m.PEOPLE]).values_list("username", flat=True)
    slugs = Workspace.objects.filter(slug__in=[w["slug"] for w in m.WORKSPACES]).values_list("slug", flat=True)
    return [*users, *slugs]


def _people(start: dt.datetime) -> tuple[dict[str, Workspace], dict[tuple[str, str], Membership], dict[str, str]]:
    password = make_password(m.PASSWORD)  # one hash for everybody: the password is public anyway
    workspaces, members = {}, {}
    with time_machine.travel(start, tick=False):
        for spec in m.WORKSPACES:
            workspaces[spec["slug"]] = Workspace.objects.create(**spec)
            seed_starter_articles(workspaces[spec["slug"]])  # what create_workspace gives every new workspace
    for offset, person in enumerate(m.PEOPLE):
        with time_machine.travel(start + dt.timedelta(hours=2 + 5 * offset), tick=False):
            user = User.objects.create(
                username=person.username, first_name=person.first_name, last_name=person.last_name,
                email=person.email, password=password, date_joined=timezone.now(),
            )
            if person.language == "zh":
                Profile.objects.create(user=user, language="zh-hans", time_zone="Asia/Shanghai")
            for slug, role in person.roles:
                members[(slug, person.username)] = Membership.objects.create(
                    workspace=workspaces[slug], user=user, role=role)
    return workspaces, members, {p.username: p.language for p in m.PEOPLE}


def _author(person: m.Person, role: str, slug: str) -> Author:
    team = {team_role: p for p in m.PEOPLE for s, team_role in p.roles if s == slug}
    return Author(name_ru=person.name_ru, name_zh=f"{person.first_name}{person.last_name}", role=role,
                  staff=team["accountant"].name_ru, staff_login=team["accountant"].email,
                  owner_name=team["owner"].name_ru)


@transaction.atomic
def load_demo(now: dt.datetime | None = None) -> Loaded:
    """Create the demo workspaces with their people, shops and cases; the caller checks it is wanted."""
    now = now or timezone.now()
    rng = random.Random(SEED)
    start = now - dt.timedelta(days=60)
    workspaces, members, languages = _people(start)
    shops: dict[tuple[str, str], Shop] = {}
    with time_machine.travel(start + dt.timedelta(days=1), tick=False):
        for spec in m.SHOPS:
            spec = dict(spec)
            slug, key = spec.pop("workspace"), spec.pop("key")
            shops[(slug, key)] = Shop.objects.create(workspace=workspaces[slug], **spec)
    people = {p.username: p for p in m.PEOPLE}
    stories: dict[str, _Story] = {}
    for slot in PLAN:
        scenario = m.SCENARIO_BY_KEY[slot.scenario]
        ws_members = {user: mb for (slug, user), mb in members.items() if slug == slot.ws}
        story = _Story(slot, scenario, workspaces[slot.ws], shops[(slot.ws, slot.shop)], ws_members, languages,
                       random.Random(rng.getrandbits(64)))
        opened = now - dt.timedelta(days=slot.age)
        base = stories[slot.dup_of].filled if slot.dup_of else None
        ozon = shops.get((slot.ws, "ozon"))
        story.filled = fill(scenario, story.rng, shop=story.shop,
                            author=_author(people[slot.by], ws_members[slot.by].role, slot.ws), when=opened,
                            products=m.PRODUCTS[slot.ws], ozon_shop=ozon.name if ozon else "", base=base)
        if slot.dup_of:
            story.filled.ctx = _Context({**story.filled.ctx, "_original": stories[slot.dup_of]},
                                        story.filled.ctx.ids)
        stories[slot.key] = story
    runner = _Runner(now, stories)
    runner.plan()
    runner.run()
    for workspace in workspaces.values():  # the owner reviews the week on Monday morning, Moscow time
        digest.save_schedule(digest.schedule_of(workspace), now)
    with time_machine.travel(now, tick=False):
        run_once(now)  # the clocks that ran out while the demo's weeks went by remind their people now
    return Loaded(workspaces=list(workspaces.values()), shops=len(shops), cases=len(stories),
                  people=len(m.PEOPLE))


def login_rows() -> list[tuple[str, str, str, str]]:
    """(username, name, workspace, role) for every demo person who exists in this database."""
    usernames = [p.username for p in m.PEOPLE]
    rows = Membership.objects.filter(user__username__in=usernames).select_related("user", "workspace")
    order = {name: i for i, name in enumerate(usernames)}
    found = sorted(rows, key=lambda mb: (order[mb.user.username], mb.workspace.created_at, mb.workspace_id))
    return [(mb.user.username, mb.display_name, mb.workspace.name, str(mb.get_role_display())) for mb in found]
