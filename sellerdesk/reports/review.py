"""The weekly review of a workspace («разбор хвостов») as plain data: what hangs, what to escalate, what closed.

`build(workspace, week=…, now=…)` returns dicts, lists, Decimals and datetimes that the page, the PDF,
the XLSX export and the digest all read. It runs a fixed handful of aggregate queries whatever the size of
the journal (one pass over the open cases for money at risk, ageing and the overdue total; one for the
12-week trend; short lists capped at LIST_LIMIT), plus the ladder's drafting for at most ESCALATE_LIMIT cases.

Two kinds of figures:
- the state of things now (overdue, to escalate, promises past due, money at risk, ageing);
- figures of the chosen week (closed this week, the trend up to that week). Weeks are Monday–Sunday in
  Moscow time (settings.DISPLAY_TIME_ZONE); a week is written "2026-W47" (ISO 8601).

Money is kept per currency (a dict currency → Decimal, RUB first); amounts of different currencies are
never added together.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case as CaseWhen
from django.db.models import Count, DateTimeField, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.choices import Kind, Outcome, Status
from sellerdesk.cases.models import Case
from sellerdesk.shops.models import platform_choices

log = logging.getLogger(__name__)

LIST_LIMIT = 50        # rows of each list; the totals always count everything
ESCALATE_LIMIT = 10    # cases whose next ladder step is drafted (≈10 ms each)
TREND_WEEKS = 12
CENT = Decimal("0.01")
NEVER = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)  # the deadline of a case without one
CLOSED = (Status.RESOLVED, Status.CLOSED)
# (first day, last day or None, label): the age of an open case in whole days since it was opened.
AGE_BUCKETS = [(0, 7, "0–7"), (8, 14, "8–14"), (15, 30, "15–30"), (31, 60, "31–60"), (61, None, "60+")]
WEEK_CODE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def review_zone() -> ZoneInfo:
    return ZoneInfo(settings.DISPLAY_TIME_ZONE)


# --- weeks -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Week:
    """A Monday–Sunday week in the review's time zone; `end` is the next Monday 00:00 (exclusive)."""

    year: int
    number: int

    @classmethod
    def of(cls, moment: dt.datetime) -> Week:
        year, number, _day = moment.astimezone(review_zone()).isocalendar()
        return cls(year, number)

    @property
    def code(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=6)

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.first_day, dt.time(), tzinfo=review_zone())

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.first_day + dt.timedelta(days=7), dt.time(), tzinfo=review_zone())

    @property
    def label(self) -> str:
        return f"{self.first_day:%d.%m}–{self.last_day:%d.%m.%Y}"

    @property
    def short_label(self) -> str:
        return f"{self.first_day:%d.%m}"

    def shifted(self, weeks: int) -> Week:
        return Week.of(self.start + dt.timedelta(weeks=weeks, hours=12))


def parse_week(code: str | None, now: dt.datetime | None = None) -> Week:
    """The week "2026-W47" names; the current week for nothing, nonsense or a week still to come."""
    current = Week.of(now or timezone.now())
    match = WEEK_CODE.match((code or "").strip())
    if not match:
        return current
    try:
        week = Week(int(match.group(1)), int(match.group(2)))
        week.first_day  # noqa: B018 - raises ValueError for week 53 of a 52-week year, week 0…
    except ValueError:
        return current
    return current if week.start > current.start else week


# --- money -------------------------------------------------------------------------------------------------

def _currency_order(currency: str) -> tuple:
    return (currency != "RUB", currency)


def money(amounts: dict[str, Decimal]) -> dict[str, Decimal]:
    """Per-currency amounts without zero entries, RUB first."""
    return {c: amounts[c].quantize(CENT) for c in sorted(amounts, key=_currency_order) if amounts[c]}


def _add(target: dict[str, Decimal], currency: str, amount) -> None:
    if amount:
        target[currency] = target.get(currency, Decimal(0)) + amount


# --- the review --------------------------------------------------------------------------------------------

def build(workspace: Workspace, week: Week | str | None = None, now: dt.datetime | None = None) -> dict:
    """The review of `workspace` for `week` (a Week, a code like "2026-W47", or None for the current one)."""
    now = now or timezone.now()
    if not isinstance(week, Week):
        week = parse_week(week, now)
    current = Week.of(now)
    names = _Names(workspace)
    open_state = _open_cases(workspace, now, names)
    review = {
        "workspace": workspace,
        "now": now,
        "week": week,
        "is_current_week": week == current,
        "previous_week": week.shifted(-1),
        "next_week": week.shifted(1) if week != current else None,
        "overdue": {**open_state.pop("overdue"), "cases": _overdue_cases(workspace, now, names)},
        "escalate": escalations(workspace, now, names),
        "promises": promises_past_due(workspace, now),
        "closed": closed_in(workspace, week, now, names),
        **open_state,
        "trend": trend(workspace, week, now),
    }
    currencies = set(review["at_risk"]["total"]["money"]) | set(review["closed"]["recovered"])
    for row in review["trend"]:
        currencies |= set(row["recovered"]) | set(row["at_risk"])
    review["currencies"] = sorted(currencies, key=_currency_order) or ["RUB"]
    review["main_currency"] = review["currencies"][0]
    return review


class _Names:
    """Labels of platforms, kinds, statuses and members, looked up once per review."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._platforms = None
        self._members: dict[int, str] = {}

    def platform(self, code: str) -> str:
        if self._platforms is None:
            self._platforms = dict(platform_choices(self.workspace))
        return self._platforms.get(code, code)

    @staticmethod
    def kind(code: str) -> str:
        return Kind(code).label if code in Kind.values else code

    @staticmethod
    def status(code: str) -> str:
        return Status(code).label if code in Status.values else code

    @staticmethod
    def outcome(code: str) -> str:
        return Outcome(code).label if code in Outcome.values else code

    def load_members(self, ids) -> None:
        wanted = {i for i in ids if i and i not in self._members}
        if wanted:
            for member in Membership.objects.filter(workspace=self.workspace, pk__in=wanted).select_related("user"):
                self._members[member.pk] = member.display_name

    def member(self, pk: int | None) -> str:
        if not pk:
            return _("Nobody")
        self.load_members([pk])
        return self._members.get(pk, "?")


def _open_cases(workspace: Workspace, now: dt.datetime, names: _Names) -> dict:
    """Money at risk by platform, kind and responsible, the ageing and the overdue total: one query."""
    aggregates = {"n": Count("id"), "risk": Sum("money_at_risk"),
                  "late_n": Count("id", filter=Q(deadline__lt=now)),
                  "late_risk": Sum("money_at_risk", filter=Q(deadline__lt=now))}
    for index, (first, last, _label) in enumerate(AGE_BUCKETS):
        window = Q(created_at__lte=now - dt.timedelta(days=first))
        if last is not None:
            window &= Q(created_at__gt=now - dt.timedelta(days=last + 1))
        aggregates[f"age{index}_n"] = Count("id", filter=window)
        aggregates[f"age{index}_risk"] = Sum("money_at_risk", filter=window)
    rows = list(
        Case.objects.filter(workspace=workspace).open().order_by()
        .values("platform", "kind", "responsible_id", "currency").annotate(**aggregates)
    )
    names.load_members(r["responsible_id"] for r in rows)
    groups = {"platform": defaultdict(lambda: [0, {}]), "kind": defaultdict(lambda: [0, {}]),
              "responsible_id": defaultdict(lambda: [0, {}])}
    total = [0, {}]
    overdue = [0, {}]
    ageing = [[0, {}] for _bucket in AGE_BUCKETS]
    for row in rows:
        currency = row["currency"]
        for field, group in groups.items():
            entry = group[row[field]]
            entry[0] += row["n"]
            _add(entry[1], currency, row["risk"])
        total[0] += row["n"]
        _add(total[1], currency, row["risk"])
        overdue[0] += row["late_n"]
        _add(overdue[1], currency, row["late_risk"])
        for index, entry in enumerate(ageing):
            entry[0] += row[f"age{index}_n"]
            _add(entry[1], currency, row[f"age{index}_risk"])
    label = {"platform": names.platform, "kind": names.kind, "responsible_id": names.member}

    def listed(field: str) -> list[dict]:
        items = [{"key": key or "", "label": str(label[field](key)), "count": n, "money": money(amounts)}
                 for key, (n, amounts) in groups[field].items()]
        # Largest amount in the main currency first, then the most cases.
        return sorted(items, key=lambda i: (-i["money"].get("RUB", Decimal(0)), -i["count"], i["label"]))

    return {
        "at_risk": {"total": {"count": total[0], "money": money(total[1])}, "by_platform": listed("platform"),
                    "by_kind": listed("kind"), "by_responsible": listed("responsible_id")},
        "ageing": [{"label": label_, "first": first, "last": last, "count": n, "money": money(amounts)}
                   for (first, last, label_), (n, amounts) in zip(AGE_BUCKETS, ageing, strict=True)],
        "overdue": {"count": overdue[0], "money": money(overdue[1])},
    }


_CASE_FIELDS = ("id", "number", "subject", "status", "platform", "kind", "deadline", "currency", "money_at_risk",
                "money_recovered", "responsible_id", "created_at", "resolved_at", "outcome", "external_number")


def _case_row(case: Case, names: _Names, now: dt.datetime) -> dict:
    row = {f: getattr(case, f) for f in _CASE_FIELDS}
    row.update(status_label=str(names.status(case.status)), platform_label=str(names.platform(case.platform)),
               kind_label=str(names.kind(case.kind)), responsible=str(names.member(case.responsible_id)),
               outcome_label=str(names.outcome(case.outcome)) if case.outcome else "",
               age_days=(now - case.created_at).days)
    if case.deadline:
        late = now - case.deadline
        row["late_days"] = late.days
        row["late_hours"] = int(late.total_seconds() // 3600)
    return row


def _late_open_cases(workspace: Workspace, now: dt.datetime):
    """The open cases past their deadline, longest late first (a queryset).

    The deadline is compared through COALESCE so that the database reads the open cases through the status
    index: walking the deadline index instead would step over every finished case that kept an old deadline
    (imported journals have many) before reaching an open one.
    """
    late_at = Coalesce("deadline", Value(NEVER, output_field=DateTimeField()))
    return (Case.objects.filter(workspace=workspace).open().annotate(late_at=late_at)
            .filter(late_at__lt=now).order_by("late_at", "pk"))


def _overdue_cases(workspace: Workspace, now: dt.datetime, names: _Names) -> list[dict]:
    cases = list(_late_open_cases(workspace, now).only(*_CASE_FIELDS)[:LIST_LIMIT])
    names.load_members(c.responsible_id for c in cases)
    return [_case_row(c, names, now) for c in cases]


def escalations(workspace: Workspace, now: dt.datetime, names: _Names | None = None) -> dict:
    """Live cases past their deadline whose next ladder step is due, with the step drafted."""
    names = names or _Names(workspace)
    try:
        from sellerdesk.followup import ladder
        next_step, draft = ladder.next_step, ladder.draft
    except (ImportError, AttributeError):  # the ladder is not there (yet): the section says so
        return {"available": False, "items": [], "more": False}
    live = set(playbook.lifecycle().live_dialog) - {Status.ON_US}  # on us: the ball is in our court
    candidates = list(_late_open_cases(workspace, now).filter(status__in=live)
                      .select_related("workspace", "shop", "responsible__user")[: ESCALATE_LIMIT * 2 + 1])
    items = []
    for case in candidates[: ESCALATE_LIMIT * 2]:
        try:
            step = next_step(case, now)
            if step is None or not step.is_due:
                continue
            text = draft(case, step, now)
        except Exception:  # one case the ladder cannot read must not take the whole review down
            log.exception("weekly review: no escalation step for case %s", case.number)
            continue
        items.append({
            **_case_row(case, names, now), "level": step.level, "step_code": step.code, "step": _(step.label),
            "step_due_at": step.due_at, "draft_subject": text.subject, "draft_body": text.body,
            "draft_language": text.language,
        })
        if len(items) == ESCALATE_LIMIT:
            break
    more = len(items) == ESCALATE_LIMIT or len(candidates) > 2 * ESCALATE_LIMIT
    return {"available": True, "items": items, "more": more}


def promises_past_due(workspace: Workspace, now: dt.datetime) -> dict:
    """Agreements whose promised date passed with the promise neither kept nor recorded as broken."""
    try:
        from sellerdesk.followup.models import Agreement
    except ImportError:
        return {"available": False, "count": 0, "items": []}
    due = Agreement.objects.filter(workspace=workspace).past_due(now)  # open, and its date has passed
    items = [
        {"number": a.case.number, "subject": a.case.subject, "counterpart": a.counterpart, "promise": a.promise,
         "source": a.source, "made_at": a.made_at, "due_at": a.due_at, "late_days": (now - a.due_at).days}
        for a in due.select_related("case").order_by("due_at", "id")[:LIST_LIMIT]
    ]
    count = len(items) if len(items) < LIST_LIMIT else due.count()
    return {"available": True, "count": count, "items": items}


def closed_in(workspace: Workspace, week: Week, now: dt.datetime, names: _Names | None = None) -> dict:
    """Cases resolved during `week`, with the money recovered per currency."""
    names = names or _Names(workspace)
    # updated_at is never before resolved_at: its index finds the week's few cases among the many finished.
    cases = Case.objects.filter(workspace=workspace, status__in=CLOSED, updated_at__gte=week.start,
                                resolved_at__gte=week.start, resolved_at__lt=week.end)
    count, recovered, at_risk, outcomes = 0, {}, {}, defaultdict(int)
    for row in (cases.order_by().values("currency", "outcome")
                .annotate(n=Count("id"), recovered=Sum("money_recovered"), risk=Sum("money_at_risk"))):
        count += row["n"]
        outcomes[row["outcome"]] += row["n"]
        _add(recovered, row["currency"], row["recovered"])
        _add(at_risk, row["currency"], row["risk"])
    rows = []
    if count:
        rows = list(cases.order_by("-money_recovered", "-resolved_at", "id").only(*_CASE_FIELDS)[:LIST_LIMIT])
    names.load_members(c.responsible_id for c in rows)
    end = min(week.end, now)
    return {
        "count": count, "recovered": money(recovered), "claimed": money(at_risk),
        "outcomes": [{"code": code, "label": str(names.outcome(code)) if code else _("No outcome"), "count": n}
                     for code, n in sorted(outcomes.items(), key=lambda i: -i[1])],
        "cases": [_case_row(c, names, end) for c in rows],
    }


def trend(workspace: Workspace, week: Week, now: dt.datetime) -> list[dict]:
    """Opened, closed, recovered and at risk (at each week's end) for the TREND_WEEKS weeks up to `week`.

    Grouped queries: the money at risk when the window starts, then per week and currency what was
    opened and what was resolved. At risk at a week's end is the start's figure plus what opened minus what
    was resolved since. A case counts as at risk from its opening until it is resolved (for ever while open);
    a case closed without a resolution (a dropped draft) never does.
    """
    weeks = [week.shifted(offset) for offset in range(1 - TREND_WEEKS, 1)]
    first, last = weeks[0].start, min(weeks[-1].end, now)
    open_statuses = playbook.lifecycle().open
    cases = Case.objects.filter(workspace=workspace).order_by()
    counted = Q(status__in=open_statuses) | Q(status__in=CLOSED, resolved_at__isnull=False)
    # Opened or resolved in the window means updated in it too: updated_at's index narrows the reading.
    in_window = Q(updated_at__gte=first)
    # Two readings rather than one with OR, so that each walks the status index.
    base = [*cases.filter(status__in=open_statuses, created_at__lt=first)
            .values("currency").annotate(risk=Sum("money_at_risk")),
            *cases.filter(in_window, status__in=CLOSED, resolved_at__gte=first, created_at__lt=first)
            .values("currency").annotate(risk=Sum("money_at_risk"))]
    opened = (cases.filter(in_window, created_at__gte=first, created_at__lt=last)
              .annotate(week=_week_index("created_at", weeks)).values("week", "currency")
              .annotate(n=Count("id"), risk=Sum("money_at_risk", filter=counted)))
    closed = (cases.filter(in_window, status__in=CLOSED, resolved_at__gte=first, resolved_at__lt=last)
              .annotate(week=_week_index("resolved_at", weeks)).values("week", "currency")
              .annotate(n=Count("id"), recovered=Sum("money_recovered"), risk=Sum("money_at_risk")))
    by_week: dict[int, dict] = defaultdict(lambda: {"opened": 0, "closed": 0, "recovered": {}, "risk": {}})
    for row in opened:
        entry = by_week[row["week"]]
        entry["opened"] += row["n"]
        _add(entry["risk"], row["currency"], row["risk"])
    for row in closed:
        entry = by_week[row["week"]]
        entry["closed"] += row["n"]
        _add(entry["recovered"], row["currency"], row["recovered"])
        _add(entry["risk"], row["currency"], -(row["risk"] or 0))
    at_risk: dict[str, Decimal] = {}
    for row in base:
        _add(at_risk, row["currency"], row["risk"])
    result = []
    for index, each in enumerate(weeks):
        entry = by_week.get(index, {"opened": 0, "closed": 0, "recovered": {}, "risk": {}})
        for currency, amount in entry["risk"].items():
            _add(at_risk, currency, amount)
        result.append({
            "week": each, "code": each.code, "label": each.short_label, "opened": entry["opened"],
            "closed": entry["closed"], "recovered": money(entry["recovered"]), "at_risk": money(at_risk),
        })
    return result


def _week_index(field: str, weeks: list[Week]) -> CaseWhen:
    """The index in `weeks` of the week a moment falls in, computed by the database with plain comparisons."""
    return CaseWhen(*[When(**{f"{field}__lt": each.end}, then=Value(index)) for index, each in enumerate(weeks)],
                    default=Value(len(weeks)), output_field=IntegerField())


# --- a short text, for the digest --------------------------------------------------------------------------

def format_money(amounts: dict[str, Decimal]) -> str:
    """"1 234 567,89 RUB + 1 200,00 CNY" in the Russian way of writing numbers; "0" for nothing."""
    if not amounts:
        return "0"
    return " + ".join(f"{_grouped(amount)} {currency}" for currency, amount in amounts.items())


def _grouped(amount: Decimal) -> str:
    text = f"{amount:,.2f}".replace(",", "\u00a0").replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


def summary_lines(review: dict) -> list[str]:
    """The review in a few lines of plain text (the digest's body)."""
    at_risk = review["at_risk"]["total"]
    lines = [
        _("Overdue: %(count)d cases, %(money)s at risk.") % {
            "count": review["overdue"]["count"], "money": format_money(review["overdue"]["money"])},
    ]
    if review["escalate"]["available"]:
        lines.append(_("To escalate now: %(count)d.") % {"count": len(review["escalate"]["items"])})
    if review["promises"]["available"]:
        lines.append(_("Promises past due: %(count)d.") % {"count": review["promises"]["count"]})
    lines += [
        _("Closed this week: %(count)d cases, %(money)s recovered.") % {
            "count": review["closed"]["count"], "money": format_money(review["closed"]["recovered"])},
        _("Open: %(count)d cases, %(money)s at risk.") % {
            "count": at_risk["count"], "money": format_money(at_risk["money"])},
    ]
    old = sum(b["count"] for b in review["ageing"] if b["first"] > 30)
    if old:
        lines.append(_("Open for more than 30 days: %(count)d.") % {"count": old})
    return lines
