"""A journal of any size in one workspace, written in bulk.

The rows are shaped the way the case actions shape them (numbers from the workspace counter,
`search_text` from `build_search_text`, entity references, a CREATED event with the initial
values, STATUS events along the case's life, messages and notes), but they are inserted with
`bulk_create`: running the actions a hundred thousand times would measure the actions, not the
pages. The text comes from the demo material with random identifiers, dates and amounts, so a
seed reproduces the same journal.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Max
from django.utils import timezone

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.analysis import similar
from sellerdesk.cases.actions import EDITABLE_FIELDS, _plain, build_search_text
from sellerdesk.cases.choices import Channel, EventKind, Priority, Status
from sellerdesk.cases.models import Case, CaseEvent, EntityRef
from sellerdesk.demo import material as m
from sellerdesk.demo.builder import Author, Filled, external_number, fill
from sellerdesk.language.identifiers import normalize_reference
from sellerdesk.shops.models import Shop

BATCH = 1000
SLUG = "bench"
YEARS = 2  # the journal covers this many years back from now

# How cases are spread over statuses: a case opened last week is often still open, one from last
# year almost never. About 7 % of a two-year journal is open, most of it from the last three months.
OPEN_WEIGHTS = {Status.DRAFT: 3, Status.READY: 1, Status.SUBMITTED: 2, Status.WAITING: 6, Status.ANSWERED: 3,
                Status.ON_US: 2, Status.ESCALATED: 2}
FINISHED_WEIGHTS = {Status.RESOLVED: 15, Status.CLOSED: 80, Status.MERGED: 3}
OPEN_SHARE_BY_AGE = [(30, 0.6), (90, 0.25), (365, 0.04), (None, 0.01)]  # (younger than N days, share)
OUTCOME_WEIGHTS = {"won": 5, "partial": 2, "lost": 2, "withdrawn": 1}

# The events after CREATED for each final status: ("status", new) or a message kind.
STORIES: dict[str, list[tuple[str, str]]] = {
    Status.DRAFT: [("note", "collected"), ("note", "checked")],
    Status.READY: [("note", "collected"), ("status", Status.READY)],
    Status.SUBMITTED: [("status", Status.READY), ("status", Status.SUBMITTED)],
    Status.WAITING: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("out", "remind")],
    Status.ANSWERED: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("in", "brush"),
                      ("status", Status.ANSWERED)],
    Status.ON_US: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("in", "ask"),
                   ("status", Status.ANSWERED), ("status", Status.ON_US)],
    Status.ESCALATED: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("in", "brush"),
                       ("out", "escalate"), ("status", Status.ESCALATED)],
    Status.RESOLVED: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("in", "reply"),
                      ("status", Status.RESOLVED)],
    Status.CLOSED: [("status", Status.SUBMITTED), ("status", Status.WAITING), ("in", "reply"),
                    ("status", Status.RESOLVED), ("status", Status.CLOSED)],
    Status.MERGED: [("status", Status.SUBMITTED), ("merged", "")],
}
PREVIOUS = {Status.READY: Status.DRAFT, Status.SUBMITTED: Status.READY, Status.WAITING: Status.SUBMITTED,
            Status.ANSWERED: Status.WAITING, Status.ON_US: Status.ANSWERED, Status.ESCALATED: Status.WAITING,
            Status.RESOLVED: Status.ANSWERED, Status.CLOSED: Status.RESOLVED}


@dataclass
class Generated:
    workspace: Workspace
    member: Membership  # a manager to log in as
    cases: int
    events: int
    references: int
    seconds: float


def make_workspace() -> tuple[Workspace, list[Membership], list[Shop]]:
    """The benchmark's workspace: the demo's first team and every demo shop under one roof."""
    workspace = Workspace.objects.create(name="Бенчмарк: ИП Соколова", slug=SLUG, case_prefix="BN",
                                         legal_name="ИП Соколова Анна Викторовна")
    password = make_password(m.PASSWORD)
    members = []
    for person in m.PEOPLE:
        role = dict(person.roles).get("sokolova")
        if role:
            user = User.objects.create(username=person.username, first_name=person.first_name,
                                       last_name=person.last_name, email=person.email, password=password)
            members.append(Membership.objects.create(workspace=workspace, user=user, role=role))
    shops = []
    for spec in m.SHOPS:
        spec = {k: v for k, v in spec.items() if k not in ("workspace", "key")}
        shops.append(Shop.objects.create(workspace=workspace, **spec))
    return workspace, members, shops


def generate(cases: int, seed: int = 1, now: dt.datetime | None = None, workers: int | None = None) -> Generated:
    """Create the workspace and `cases` cases with their references and 3–6 events each.

    Making the rows (text, numbers, histories) is pure Python and runs in `workers` forked
    processes while this one writes the batches in order; the same seed gives the same journal
    whatever the number of workers.
    """
    started = timezone.now()
    with transaction.atomic():
        workspace, members, shops = make_workspace()
    maker = _Maker(workspace, members, shops, seed, now or started, cases)
    totals = [0, 0]
    for case_rows, ref_rows, event_rows in _batches(maker, workers):
        with transaction.atomic():
            insert(case_rows)
            insert(ref_rows)
            insert(event_rows)
        totals[0] += len(event_rows.params)
        totals[1] += len(ref_rows.params)
    Workspace.objects.filter(pk=workspace.pk).update(case_counter=cases)
    with connection.cursor() as cursor:  # cases were given their ids; let the next one follow them
        for statement in connection.ops.sequence_reset_sql(no_style(), [Case]):
            cursor.execute(statement)
    manager = next(mb for mb in members if mb.role == "manager")
    seconds = (timezone.now() - started).total_seconds()
    return Generated(workspace, manager, cases, totals[0], totals[1], seconds)


_MAKER: _Maker | None = None  # what forked workers inherit


def _batch_in_worker(index: int):
    return _MAKER.batch_rows(index)


def _batches(maker: _Maker, workers: int | None):
    """The batches' rows in order, made here or by forked workers."""
    global _MAKER
    indexes = range(-(-maker.cases // BATCH))
    workers = max(1, min(3, (os.cpu_count() or 2) - 1)) if workers is None else workers
    if workers == 0 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(maker.batch_rows, indexes)
        return
    _MAKER = maker
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_batch_in_worker, indexes)
    _MAKER = None


class _Maker:
    """Makes the rows of one batch of cases from nothing but the seed: no database access."""

    def __init__(self, workspace: Workspace, members: list[Membership], shops: list[Shop], seed: int,
                 now: dt.datetime, cases: int):
        self.workspace, self.seed, self.now, self.cases = workspace, seed, now, cases
        self.editors = [mb for mb in members if mb.role != "viewer"]
        self.by_shop = {shop.pk: [s for s in m.SCENARIOS if s.platform == shop.platform] for shop in shops}
        self.shops = [shop for shop in shops if self.by_shop[shop.pk]]
        people = {p.username: p for p in m.PEOPLE}
        self.authors = {mb.pk: Author(name_ru=people[mb.user.username].name_ru, name_zh=mb.user.first_name,
                                      role=mb.role, staff="Ольга Петренко", staff_login="buh@sokolova-home.ru",
                                      owner_name="Анна Соколова") for mb in self.editors}
        self.products = m.PRODUCTS["sokolova"] + m.PRODUCTS["longteng"]
        self.open_statuses, self.open_weights = list(OPEN_WEIGHTS), list(OPEN_WEIGHTS.values())
        self.finished_statuses, self.finished_weights = list(FINISHED_WEIGHTS), list(FINISHED_WEIGHTS.values())
        self.msk = ZoneInfo(settings.DISPLAY_TIME_ZONE)
        self.open = playbook.lifecycle().open
        self.first_id = (Case.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        rng = random.Random(seed)
        # Opening moments over the years, in order, so numbers follow time as the counter makes them.
        self.opened = sorted(now - dt.timedelta(seconds=rng.uniform(600, YEARS * 365 * 86400)) for _ in range(cases))
        self.case_fields = [f.attname for f in Case._meta.concrete_fields]

    def batch_rows(self, index: int) -> tuple[Rows, Rows, Rows]:
        self.rng = random.Random(f"{self.seed}:{index}")
        first = index * BATCH
        drafts = [self._case(when, first + offset + 1) for offset, when in enumerate(self.opened[first:first + BATCH])]
        cases = [{name: getattr(draft[0], name) for name in self.case_fields} for draft in drafts]
        refs, events = [], []
        for case, scenario, filled, story in drafts:
            refs += [{"workspace_id": case.workspace_id, "case_id": case.pk, "kind": k, "value": v}
                     for k, v in filled.entities]
            events += self._events(case, scenario, filled, story)
        return prepare_rows(Case, cases), prepare_rows(EntityRef, refs), prepare_rows(CaseEvent, events)

    def _status(self, when: dt.datetime) -> str:
        age = (self.now - when).days
        share = next(share for days, share in OPEN_SHARE_BY_AGE if days is None or age < days)
        if self.rng.random() < share:
            return self.rng.choices(self.open_statuses, self.open_weights)[0]
        return self.rng.choices(self.finished_statuses, self.finished_weights)[0]

    def _case(self, when: dt.datetime, counter: int):
        rng = self.rng
        case_id = self.first_id + counter - 1
        shop = rng.choice(self.shops)
        scenario = rng.choice(self.by_shop[shop.pk])
        responsible = rng.choice(self.editors)
        filled = fill(scenario, rng, shop=shop, author=self.authors[responsible.pk], when=when,
                      products=self.products, ozon_shop="LongTeng Electronics")
        status = self._status(when)
        if status == Status.MERGED and counter == 1:
            status = Status.CLOSED
        story = list(STORIES[status])
        if rng.random() < 0.5 and len(story) < 5:
            story.insert(rng.randint(0, len(story)), rng.choice([("note", "collected"), ("call", "")]))
        # Step times: hours to days apart, never past now.
        span = min((self.now - when).total_seconds(), rng.uniform(2, 40) * 86400)
        steps = sorted(when + dt.timedelta(seconds=rng.uniform(60, span)) for _ in story)
        year = when.astimezone(self.msk).year
        priority = rng.choices([Priority.NORMAL, Priority.HIGH, Priority.CRITICAL], [80, 15, 5])[0]
        case = Case(
            id=case_id, workspace=self.workspace, number=f"{self.workspace.case_prefix}-{year}-{counter:05d}",
            shop=shop, platform=shop.platform, kind=scenario.kind, category=scenario.category, topic=scenario.topic,
            channel=scenario.channel, status=status, priority=priority,
            critical_reason=(filled.critical_reason or "Под угрозой продажи") if priority == Priority.CRITICAL else "",
            currency=filled.currency, money_at_risk=filled.money_at_risk, responsible=responsible,
            subject=filled.subject, body=filled.body, created_by=responsible, created_at=when,
            updated_at=steps[-1] if steps else when, version=1 + sum(kind == "status" for kind, _ in story),
        )
        if status == Status.ESCALATED and rng.random() < 0.2:
            case.channel = rng.choice([Channel.CLAIM, Channel.PUBLIC, Channel.EXTERNAL])
        if status not in (Status.DRAFT, Status.READY):
            case.external_number = external_number(shop.platform, case.channel, rng, when.date())
            case.submitted_at = steps[0]
        if status in (Status.RESOLVED, Status.CLOSED):
            case.outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
            share = {"won": 1, "partial": Decimal(rng.randint(30, 80)) / 100}.get(case.outcome, 0)
            case.money_recovered = (case.money_at_risk * share).quantize(Decimal("0.01"))
            case.resolved_at = steps[-1] if status == Status.RESOLVED else steps[-2]
        if status == Status.MERGED:
            case.merged_into_id = rng.randint(max(self.first_id, case_id - 5000), case_id - 1)
        # Open cases mostly due within days of now, some overdue; finished ones keep an old deadline.
        anchor = self.now if case.status in self.open else case.updated_at
        case.deadline = max(when + dt.timedelta(hours=2), anchor + dt.timedelta(hours=rng.uniform(-120, 240)))
        filled.entities = list(dict.fromkeys((k, normalize_reference(v)) for k, v in filled.entities))
        case.search_text = build_search_text(case, (v for _k, v in filled.entities))
        case.signature = similar.signature(f"{case.subject}\n{case.body}")
        return case, scenario, filled, list(zip(story, steps, strict=True))

    def _events(self, case: Case, scenario: m.Scenario, filled: Filled, story) -> list[dict]:
        """The rows of CaseEvent, as `log_event` would have written them."""
        actor = case.responsible
        snapshot = {f: [None, _plain(getattr(case, f))] for f in EDITABLE_FIELDS
                    if f not in ("outcome", "outcome_note", "money_recovered") and getattr(case, f) not in ("", None)}
        if filled.entities:
            snapshot["entities"] = [[], [f"{k}:{v}" for k, v in filled.entities]]
        base = {"case": case.pk, "actor": actor.pk, "actor_name": actor.display_name}
        events = [{**base, "kind": EventKind.CREATED, "created_at": case.created_at, "occurred_at": case.created_at,
                   "channel": "", "changes": snapshot, "text": ""}]
        for (kind, what), at in story:
            event = {**base, "created_at": at, "occurred_at": at, "channel": "", "changes": {}, "text": ""}
            if kind == "status":
                event["kind"], event["changes"] = EventKind.STATUS, {"status": [PREVIOUS[what], what]}
                if what == Status.SUBMITTED:
                    event["changes"]["external_number"] = ["", case.external_number]
                if what == Status.RESOLVED:
                    event["changes"]["outcome"] = ["", case.outcome]
                    event["changes"]["money_recovered"] = ["0.00", str(case.money_recovered)]
            elif kind == "merged":
                event["kind"], event["text"] = EventKind.MERGED, "Дубль: по этому вопросу уже идёт обращение."
                event["changes"] = {"status": [Status.SUBMITTED, Status.MERGED], "merged_into": [None, "—"]}
            else:
                event["kind"], event["channel"], event["text"] = self._message(case, scenario, filled, kind, what)
            events.append(event)
        return events

    def _message(self, case: Case, scenario: m.Scenario, filled: Filled, kind: str,
                 what: str) -> tuple[str, str, str]:
        rng = self.rng
        lang = "zh" if case.platform == "vendor" else "ru"
        extra = {"ext": case.external_number, "d_submit": f"{case.created_at:%d.%m.%Y}",
                 "number": case.number, "sla": "", "request": filled.text(scenario.request)}
        if kind == "note":
            return EventKind.NOTE, "", filled.text(m.NOTES[what][lang], **extra)
        if kind == "call":
            return EventKind.CALL, Channel.PHONE, filled.text(rng.choice(m.CALLS[lang]), **extra)
        if kind == "out":
            template = rng.choice(m.REMINDERS[lang]) if what == "remind" else m.ESCALATIONS[2][lang]
            return EventKind.MESSAGE_OUT, case.channel, filled.text(template, **extra)
        templates = {"brush": rng.choice(m.BRUSHOFFS.get(case.platform, m.BRUSHOFFS["wb"])),
                     "ask": scenario.ask, "reply": scenario.answer or scenario.refusal}
        return EventKind.MESSAGE_IN, case.channel, filled.text(templates[what] or templates["brush"], **extra)


@dataclass
class Rows:
    """Rows of one table ready to insert: their fields and the values as query parameters."""

    model: type
    keys: tuple[str, ...]
    params: list[list]


def prepare_rows(model, rows: list[dict]) -> Rows:
    """Turn rows keyed by field name (or attname) into query parameters, each value prepared by
    its model field the way the ORM prepares it. Pure Python: workers do it in parallel."""
    conn = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the proxy: this loop is hot
    keys = tuple(rows[0]) if rows else ()
    prepare = [(key, _preparer(model._meta.get_field(key), conn)) for key in keys]
    return Rows(model, keys, [[row[key] if prep is None else prep(row[key]) for key, prep in prepare]
                              for row in rows])


def insert(rows: Rows) -> None:
    """One prepared INSERT for all the rows: bulk_create without compiling SQL for every value,
    which makes the generator about twice as fast. Triggers (the full-text table on SQLite) and
    indexes run as on any insert."""
    if not rows.params:
        return
    qn = connection.ops.quote_name
    columns = ", ".join(qn(rows.model._meta.get_field(key).column) for key in rows.keys)
    sql = (f"INSERT INTO {qn(rows.model._meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(rows.keys))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows.params)


_STORED_AS_IS = {"CharField", "TextField", "SlugField", "ForeignKey", "AutoField", "BigAutoField",
                 "IntegerField", "PositiveIntegerField"}


def _preparer(field, conn):
    """How a field turns a Python value into a query parameter; None when the value goes as it is
    (a str for a text column, an int for a key: the ORM would only check the type)."""
    kind = field.get_internal_type()
    if kind in _STORED_AS_IS:
        return None
    if kind == "DateTimeField":
        return conn.ops.adapt_datetimefield_value
    return partial(field.get_db_prep_save, connection=conn)


def sample(values: list, count: int, rng: random.Random) -> Iterator:
    """`count` picks from `values`, cycling through a shuffled copy so that repeats are spread out."""
    pool = list(values)
    while True:
        rng.shuffle(pool)
        for value in pool:
            if count <= 0:
                return
            count -= 1
            yield value

