"""`sellerdesk worker`: one round with --once; the loop goes on at once while a source is full, sleeps
when nothing is due, stops after the current batch on SIGTERM; `sellerdesk serve` runs it in a thread."""

from __future__ import annotations

import io
import os
import signal
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from sellerdesk.followup import worker as worker_module
from sellerdesk.followup.worker import Worker, run_once
from tests.followup import test_worker_source as source

CALLS: list[int] = []


def counting(now, *, limit):  # a source that needs no database
    CALLS.append(limit)
    return 0


COUNTING = "tests.followup.test_worker_command.counting"


@pytest.fixture
def effects(db):
    source.create_effects_table()
    yield source.effects
    source.drop_effects_table()


def _processed(items: int) -> str:
    """The command's closing line, in the language it is written in (English here, the catalog's in a shell)."""
    return translation.gettext("Processed %(items)d item(s).") % {"items": items}


def _worker(*args: str) -> str:
    out = io.StringIO()
    call_command("worker", *args, stdout=out)
    return out.getvalue()


def test_once_processes_what_is_due_and_says_so(effects):
    source.make_due_cases(4)
    output = _worker("--once", "--source", source.SOURCE)
    assert f"{source.SOURCE}: 4" in output and _processed(4) in output
    assert len(effects()) == 4
    assert _processed(0) in _worker("--once", "--source", source.SOURCE)


def test_run_once_runs_every_configured_source_and_survives_a_failing_one(db, settings):
    settings.WORKER_SOURCES = ["tests.followup.test_worker_command.broken", COUNTING]
    CALLS.clear()
    assert run_once(limit=7) == {"tests.followup.test_worker_command.broken": 0, COUNTING: 0}
    assert CALLS == [7]


def broken(now, *, limit):
    raise RuntimeError("база недоступна")


def test_an_unknown_source_or_a_bad_number_is_refused(db):
    with pytest.raises(CommandError, match="Unknown worker source"):
        _worker("--once", "--source", "sellerdesk.nowhere.process_due")
    with pytest.raises(CommandError, match="positive"):
        _worker("--once", "--limit", "0")


def test_the_loop_goes_on_at_once_while_a_source_is_full_and_waits_when_idle(effects, monkeypatch):
    source.make_due_cases(5)
    worker = Worker(interval=999, limit=2, paths=[source.SOURCE])
    waits = []

    def wait(seconds):
        waits.append((worker.rounds, seconds))
        worker.stop()
        return True

    monkeypatch.setattr(worker._stop, "wait", wait)
    worker.run()
    assert worker.rounds == 3 and worker.total == 5  # 2, 2 (full: at once), 1 (then the wait)
    assert waits == [(3, 999)]
    assert len(effects()) == 5


def terminating(now, *, limit):  # the second round's source gets SIGTERM while it works
    CALLS.append(limit)
    if len(CALLS) == 2:
        os.kill(os.getpid(), signal.SIGTERM)
    return 0


def test_sigterm_stops_the_loop_after_the_current_batch(db):
    CALLS.clear()
    before = signal.getsignal(signal.SIGTERM)
    out, err = io.StringIO(), io.StringIO()
    call_command("worker", "--source", "tests.followup.test_worker_command.terminating", "--interval", "0.01",
                 stdout=out, stderr=err)
    assert "Stopping after the current batch" in err.getvalue()
    assert "Worker stopped after 2 round(s)" in out.getvalue() and len(CALLS) == 2
    assert signal.getsignal(signal.SIGTERM) is before


def test_serve_starts_a_worker_thread_and_stops_it_with_the_server(db, settings, monkeypatch):
    settings.WORKER_SOURCES = [COUNTING]
    settings.WORKER_IN_PROCESS = True
    CALLS.clear()
    seen = {}

    def serve(app, **options):
        thread = next(t for t in threading.enumerate() if t.name == "sellerdesk-worker")
        seen["alive"] = thread.is_alive()
        seen["thread"] = thread

    monkeypatch.setattr("waitress.serve", serve)
    monkeypatch.setattr("sellerdesk.analysis.warm_up", lambda: None)
    out = io.StringIO()
    call_command("serve", stdout=out)
    assert seen["alive"] and not seen["thread"].is_alive()
    assert "Background worker: in this process" in out.getvalue()


def test_serve_without_the_in_process_worker(db, settings, monkeypatch):
    settings.WORKER_IN_PROCESS = False
    monkeypatch.setattr("waitress.serve", lambda app, **options: None)
    monkeypatch.setattr("sellerdesk.analysis.warm_up", lambda: None)
    monkeypatch.setattr("sellerdesk.ops.management.commands.serve.start_in_thread",
                        lambda **kw: pytest.fail("started a worker"))
    out = io.StringIO()
    call_command("serve", stdout=out)
    assert "sellerdesk worker" in out.getvalue()


def test_the_thread_worker_uses_small_batches(db, monkeypatch):
    batches = []

    def spy(now, *, limit):
        batches.append(getattr(worker_module.claim._local, "batch", None))
        return 0

    monkeypatch.setattr(worker_module, "sources", lambda paths=None: [("spy", spy)])
    Worker(batch=10).round()
    Worker().round()
    assert batches == [10, None]
