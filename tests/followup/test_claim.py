"""process_due_rows: every due row once, in batches; a failing row alone rolls back and stays due."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from sellerdesk.cases.models import Case
from sellerdesk.followup import claim
from sellerdesk.followup.claim import process_due_rows
from tests.followup import test_worker_source as source


@pytest.fixture
def effects(db):
    source.create_effects_table()
    yield source.effects
    source.drop_effects_table()


def test_every_due_row_once_and_nothing_else(effects):
    now = timezone.now()
    due = source.make_due_cases(7, now=now)
    later = Case.objects.filter(pk=due[0]).get()
    Case.objects.filter(pk=later.pk).update(deadline=now + dt.timedelta(hours=3))  # not yet due
    assert source.process_due(now, limit=100) == 6
    assert sorted(case for case, _, _ in effects()) == due[1:]
    assert Case.objects.filter(pk__in=due[1:], deadline__isnull=True).count() == 6
    assert Case.objects.get(pk=later.pk).events.count() == 0
    assert source.process_due(now, limit=100) == 0  # nothing twice
    assert len(effects()) == 6


def test_limit_and_small_batches(effects):
    now = timezone.now()
    due = source.make_due_cases(12, now=now)
    assert process_due_rows(Case.objects.all(), "deadline", now, source._act, limit=5, batch=2) == 5
    first = {case for case, _, _ in effects()}
    assert first == set(due[-5:])  # the longest overdue first
    assert process_due_rows(Case.objects.all(), "deadline", now, source._act, limit=100, batch=3) == 7
    assert len(effects()) == 12


def test_a_failing_row_rolls_back_alone_and_stays_due(effects, caplog):
    now = timezone.now()
    due = source.make_due_cases(5, now=now)
    poison = due[2]

    def act(case, when):
        source._act(case, when)
        if case.pk == poison:
            raise RuntimeError("SMTP недоступен")

    assert process_due_rows(Case.objects.all(), "deadline", now, act, limit=100, batch=2) == 4
    assert poison not in {case for case, _, _ in effects()}
    assert Case.objects.get(pk=poison).deadline is not None
    assert Case.objects.get(pk=poison).events.count() == 0  # its note rolled back with it
    assert "stays due" in caplog.text
    # the next round tries it again
    assert source.process_due(now, limit=100) == 1


def test_a_row_left_due_is_not_taken_twice_in_one_call(effects, caplog):
    now = timezone.now()
    source.make_due_cases(3, now=now)
    calls = []

    def act(case, when):  # forgets to move the due column on
        calls.append(case.pk)

    assert process_due_rows(Case.objects.all(), "deadline", now, act, limit=100, batch=1) == 3
    assert len(calls) == 3 == len(set(calls))
    assert "still due" in caplog.text


def test_sqlite_commits_early_when_a_batch_holds_the_lock_too_long(effects, monkeypatch):
    monkeypatch.setattr(claim, "SQLITE_HOLD", 0)  # every row commits on its own on SQLite
    monkeypatch.setattr(claim, "SQLITE_PAUSE", 0)
    now = timezone.now()
    source.make_due_cases(9, now=now)
    assert process_due_rows(Case.objects.all(), "deadline", now, source._act, limit=100, batch=4) == 9
    assert len(effects()) == 9


def test_batch_size_applies_to_the_thread(effects, monkeypatch):
    now = timezone.now()
    source.make_due_cases(6, now=now)
    queries = []
    select_for_update = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        queries.append(kwargs)
        return select_for_update(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    with claim.batch_size(2):
        assert source.process_due(now, limit=100) == 6
    assert len(queries) == 4  # three batches of two, then one that finds nothing
    assert queries[0] == {"skip_locked": True, "of": ("self",)}


def test_a_stop_ends_the_call_after_the_current_batch(effects):
    now = timezone.now()
    source.make_due_cases(6, now=now)
    stop = threading.Event()

    def act(case, when):
        stop.set()  # asked to stop while the first batch runs: the batch still completes
        source._act(case, when)

    with claim.batch_size(2, stop=stop):
        assert process_due_rows(Case.objects.all(), "deadline", now, act, limit=100) == 2
    assert len(effects()) == 2
    assert source.process_due(now, limit=100) == 4


@pytest.mark.parametrize(("held", "pause"), [(0, 0.011), (0.05, 0.03), (0.2, 0.06), (0.3, 0.11), (5, 0.11)])
def test_the_sqlite_pause_outlasts_a_waiting_connections_next_sleep(held, pause):
    assert claim.sqlite_pause(held) == pytest.approx(pause)
