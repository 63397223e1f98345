"""`sellerdesk clock --advance` moves a workspace's stored moments into the past (as if time passed)
and runs a worker round; `--show` counts what is due."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from sellerdesk.cases.models import Case, CaseEvent, Evidence
from sellerdesk.followup.management.commands.clock import parse_span, timeline_models, workspace_path
from tests.followup import test_worker_source as source


def _clock(*args: str) -> str:
    out = io.StringIO()
    call_command("clock", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("text", "span"), [
    ("3d", dt.timedelta(days=3)), ("12h", dt.timedelta(hours=12)), ("90m", dt.timedelta(minutes=90)),
    ("1d12h", dt.timedelta(days=1, hours=12)), (" 2D ", dt.timedelta(days=2)),
])
def test_spans(text, span):
    assert parse_span(text) == span


@pytest.mark.parametrize("text", ["", "3", "3w", "-1d", "0h", "d3", "3d x"])
def test_bad_spans(text):
    with pytest.raises(ValueError):
        parse_span(text)


def test_every_timeline_model_finds_its_workspace(db):
    paths = {model._meta.label: path for model, path, _fields in timeline_models()}
    assert paths["cases.Case"] == "workspace"
    assert paths["cases.CaseEvent"] == "case__workspace"
    assert paths["cases.Evidence"] == "workspace"
    assert workspace_path(CaseEvent) == "case__workspace"


@pytest.fixture
def effects(db, settings):
    settings.WORKER_SOURCES = [source.SOURCE]
    source.create_effects_table()
    yield source.effects
    source.drop_effects_table()


def test_advance_moves_the_workspace_back_and_runs_the_worker(world, make_case, effects):
    now = timezone.now()
    soon = make_case(subject="Штраф 15 400 ₽ за маркировку коробов, поставка №24815162")
    later = make_case(subject="Не пришла выплата за март")
    other = make_case(workspace=world.other_workspace, actor=world.outsider, subject="借记单 2025-03 未结算")
    Case.objects.filter(pk=soon.pk).update(deadline=now + dt.timedelta(days=2), submitted_at=None)
    Case.objects.filter(pk=later.pk).update(deadline=now + dt.timedelta(days=5))
    Case.objects.filter(pk=other.pk).update(deadline=now + dt.timedelta(days=1))
    Evidence.objects.create(workspace=world.workspace, case=soon, file=ContentFile(b"%PDF-1.4", name="akt.pdf"),
                            original_name="акт приёмки.pdf", size=8)
    before = {c.pk: c for c in Case.objects.all()}
    event_before = soon.events.get().occurred_at
    evidence_before = soon.evidence.get().uploaded_at

    output = _clock("--advance", "3d", "--workspace", "sokolova")

    soon.refresh_from_db()
    later.refresh_from_db()
    other.refresh_from_db()
    three = dt.timedelta(days=3)
    assert later.deadline == before[later.pk].deadline - three
    assert later.created_at == before[later.pk].created_at - three
    assert soon.submitted_at is None  # nothing to move stays nothing
    assert soon.events.filter(kind="created").get().occurred_at == event_before - three
    assert soon.evidence.get().uploaded_at == evidence_before - three
    assert other.deadline == before[other.pk].deadline  # another workspace keeps its time
    # the worker round took the case whose deadline passed, and only it
    assert soon.deadline is None and [case for case, _, _ in effects()] == [soon.pk]
    assert "cases.Case: 2" in output and "cases.CaseEvent" in output and "cases.Evidence: 1" in output
    assert "Worker round: 1 item(s) processed." in output


def test_advance_without_a_workspace_moves_them_all_and_can_skip_the_worker(world, make_case, effects):
    mine = make_case()
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider)
    created = {c.pk: c.created_at for c in Case.objects.all()}
    output = _clock("--advance", "90m", "--no-worker")
    for case in (mine, theirs):
        case.refresh_from_db()
        assert case.created_at == created[case.pk] - dt.timedelta(minutes=90)
    assert "sokolova" in output and "romashka" in output and "Worker round" not in output


def test_show_counts_what_is_due(world, make_case):
    now = timezone.now()
    cases = [make_case(subject=f"Обращение {i}") for i in range(3)]
    Case.objects.filter(pk=cases[0].pk).update(deadline=now - dt.timedelta(hours=1))
    Case.objects.filter(pk=cases[1].pk).update(deadline=now + dt.timedelta(hours=5))
    Case.objects.filter(pk=cases[2].pk).update(deadline=now + dt.timedelta(days=5))
    line = next(line for line in _clock("--show", "--workspace", "sokolova").splitlines()
                if "cases.Case.deadline" in line)
    assert line.split()[1:] == ["1", "2"]


def test_errors(db):
    with pytest.raises(CommandError, match="No workspace"):
        _clock("--show", "--workspace", "nobody")
    with pytest.raises(CommandError, match="3d, 12h"):
        _clock("--advance", "3 weeks")


def test_a_waiting_case_becomes_overdue_after_advance_and_the_responsible_is_reminded(world):
    """The demo path with the real sources: support's first-answer clock runs out three days later."""
    from sellerdesk.cases.actions import change_status, create_case
    from sellerdesk.notifications.models import Notification

    case = create_case(world.workspace, world.owner, shop=world.shop, kind="logistics", status="ready",
                       responsible=world.manager, subject="Поставка 24815162 не принята на складе Коледино")
    case = change_status(case, world.owner, "submitted", expected_version=None, external_number="WB-5512340")
    assert case.next_alert_at and case.next_alert_at > timezone.now()
    assert "clocks.process_due: 0" in _clock("--advance", "12h", "--workspace", "sokolova")
    assert not case.events.filter(kind="reminder").exists()

    output = _clock("--advance", "7d", "--workspace", "sokolova")

    assert "sellerdesk.followup.clocks.process_due: 1" in output
    reminder = case.events.get(kind="reminder")
    assert reminder.changes["clock"] == "first_answer"
    notification = Notification.objects.get(member=world.manager)
    assert case.number in notification.title
    case.refresh_from_db()
    assert case.next_alert_at > timezone.now()  # the next reminder waits for the next repeat
    assert "clocks.process_due: 0" in _clock("--advance", "1m", "--workspace", "sokolova")  # nothing twice
