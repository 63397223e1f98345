import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Count
from django.utils import timezone

from benchmarks.generate import generate
from sellerdesk.accounts.models import Workspace
from sellerdesk.cases.actions import build_search_text
from sellerdesk.cases.choices import EventKind, Status
from sellerdesk.cases.models import Case, CaseEvent, EntityRef
from sellerdesk.cases.search import search_cases


def test_it_makes_rows_shaped_like_the_actions_make_them(db):
    made = generate(300, seed=7, workers=0)
    workspace = Workspace.objects.get(pk=made.workspace.pk)
    assert workspace.case_counter == 300 == Case.objects.filter(workspace=workspace).count()
    by_time = list(Case.objects.order_by("created_at", "id").values_list("number", flat=True))
    assert by_time[0].endswith("-00001") and by_time[-1].endswith("-00300")
    per_case = set(CaseEvent.objects.values("case").annotate(n=Count("id")).values_list("n", flat=True))
    assert per_case <= {3, 4, 5, 6}
    assert CaseEvent.objects.filter(kind=EventKind.CREATED).count() == 300
    assert len(set(Case.objects.values_list("status", flat=True))) >= 8
    for case in Case.objects.all()[:50]:
        refs = case.entities.order_by("id").values_list("value", flat=True)
        assert case.search_text == build_search_text(case, refs)
        assert isinstance(case.money_at_risk, Decimal)
        assert case.created_at <= case.updated_at <= timezone.now()
    assert EntityRef.objects.count() == made.references


def test_the_same_seed_gives_the_same_journal_and_search_finds_it(db):
    now = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)
    generate(120, seed=3, now=now, workers=0)
    first = list(Case.objects.order_by("id").values_list("subject", "money_at_risk", "status"))
    Case.objects.all().delete()
    Workspace.objects.all().delete()
    User.objects.all().delete()
    generate(120, seed=3, now=now, workers=0)
    assert list(Case.objects.order_by("id").values_list("subject", "money_at_risk", "status")) == first
    posting = EntityRef.objects.filter(kind="posting").first()
    workspace = Workspace.objects.get()
    if posting:
        found = search_cases(Case.objects.filter(workspace=workspace), workspace.pk, posting.value)
        assert posting.case_id in set(found.values_list("pk", flat=True))
    assert search_cases(Case.objects.filter(workspace=workspace), workspace.pk, "поставке").exists()
    assert not Case.objects.filter(status=Status.MERGED, merged_into=None).exists()
