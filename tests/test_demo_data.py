import datetime as dt
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.accounts.roles import Role
from sellerdesk.cases.choices import Channel, EventKind, Kind, Priority, Status
from sellerdesk.cases.models import Case, CaseEvent, EntityRef


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_it_loads_every_status_kind_channel_and_role(demo):
    assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Case.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert set(Case.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert 50 <= Case.objects.count() <= 70
    for workspace in Workspace.objects.all():
        assert set(workspace.memberships.values_list("role", flat=True)) == set(Role.values)
        assert workspace.shops.count() >= 2
    assert Membership.objects.filter(user__username="manager").count() == 2
    assert set(Case.objects.values_list("platform", flat=True)) == {"wb", "ozon", "ymarket", "vendor"}


def test_it_prints_logins_writes_the_marker_and_the_passwords_work(demo, settings):
    assert "li.wei" in demo and "owner" in demo and "demo12345" in demo
    assert demo.rstrip().endswith("Open http://127.0.0.1:8000/")
    assert (settings.DATA_DIR / "demo-loaded").exists()
    assert authenticate(username="li.wei", password="demo12345") is not None
    assert authenticate(username="accountant", password="demo12345") is not None


def test_a_second_run_with_if_empty_adds_nothing(demo):
    counts = Case.objects.count(), CaseEvent.objects.count(), Workspace.objects.count()
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert (Case.objects.count(), CaseEvent.objects.count(), Workspace.objects.count()) == counts
    assert "not loaded" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())


def test_if_empty_leaves_a_database_with_its_own_workspace_alone(db):
    Workspace.objects.create(name="ООО Ромашка", slug="romashka")
    call_command("demo", "--if-empty", stdout=StringIO())
    assert list(Workspace.objects.values_list("slug", flat=True)) == ["romashka"]


def test_every_history_is_in_time_order_within_the_last_eight_weeks(demo):
    now = timezone.now()
    for case in Case.objects.all():
        events = list(CaseEvent.objects.filter(case=case).order_by("id"))
        created = [e.created_at for e in events]
        occurred = [e.occurred_at for e in events]
        assert created == sorted(created), case.number
        assert occurred == sorted(occurred), case.number
        assert all(e.occurred_at <= e.created_at for e in events)
        assert now - dt.timedelta(weeks=9) < events[0].created_at and events[-1].created_at < now
        if case.status != Status.MERGED:  # a merged duplicate's history moved to its original
            assert events[0].kind == EventKind.CREATED and events[0].created_at == case.created_at
    spread = CaseEvent.objects.order_by("created_at")
    assert spread.last().created_at - spread.first().created_at > dt.timedelta(weeks=7)
    numbers = Case.objects.filter(workspace__slug="sokolova").order_by("created_at", "id")
    assert list(numbers.values_list("number", flat=True)) == sorted(numbers.values_list("number", flat=True))


def test_money_is_decimal_and_the_story_is_consistent(demo):
    for case in Case.objects.all():
        assert isinstance(case.money_at_risk, Decimal) and isinstance(case.money_recovered, Decimal)
        assert case.money_recovered <= case.money_at_risk
        if case.status == Status.RESOLVED:
            assert case.outcome
        if case.priority == Priority.CRITICAL:
            assert case.critical_reason
    assert Case.objects.filter(currency="CNY").exists()
    assert Case.objects.filter(money_recovered__gt=0).exists()
    assert Case.objects.overdue().exists()
    merged = Case.objects.filter(status=Status.MERGED)
    assert merged.exists() and all(c.merged_into and c.merged_into.status != Status.MERGED for c in merged)


def test_references_look_like_the_platforms_own(demo):
    postings = EntityRef.objects.filter(kind="posting").values_list("value", flat=True)
    assert postings and all(re.fullmatch(r"\d{8}-\d{4}-\d", p) for p in postings)
    assert all(re.fullmatch(r"\d{9}", v) for v in EntityRef.objects.filter(kind="nmid").values_list("value", flat=True))
    assert Case.objects.filter(workspace__slug="longteng", events__text__contains="工单").exists()
    submitted = Case.objects.exclude(status__in=[Status.DRAFT, Status.READY]).exclude(submitted_at=None)
    assert all(c.external_number for c in submitted)


def test_each_demo_workspace_has_the_knowledge_base_and_ready_cases_pass_the_checks(demo):
    from sellerdesk.cases import checks
    from sellerdesk.knowledge.models import Article

    for workspace in Workspace.objects.all():
        assert Article.objects.filter(workspace=workspace).count() >= 44
    for case in Case.objects.filter(status=Status.READY):
        assert not checks.blocking(checks.check_case(case)), case.number
