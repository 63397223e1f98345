"""The worker under a burst: 100,000 open cases of which 10,000 fall due at once. Time until every due
case was reminded with 1 and with 2 worker processes (PostgreSQL; 1 on SQLite), and the proof that none
was reminded twice. Run by `python -m benchmarks --only worker` in its own process per database.

The cases wait for support's first answer on the ticket channel: 10 % ran out ten minutes before the
run (`first_answer_due` = `next_alert_at` ≤ now), the rest are due in 1–10 days. The workers run the
real source, `followup.clocks.process_due` (a "reminder" event, an in-app notification and queued
sends per case, all in the claimed row's transaction). Each worker is a process of its own that
imports Django first and then starts on a common signal, so the time is the processing, not the
start-up. Between runs the reminders, notifications and sends are deleted and the due moments put
back. The table shows the machine's load average after each run: on a shared machine the times say
more with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

SOURCE = "sellerdesk.followup.clocks.process_due"
ROOT = Path(__file__).resolve().parent.parent


def generate(cases: int, due: int, seed: int, now: dt.datetime) -> dict:
    """A workspace with `cases` open cases waiting for support; `due` of them ran out before `now`."""
    from django.db import connection, transaction

    from benchmarks.generate import BATCH, insert, make_workspace, prepare_rows
    from sellerdesk.accounts.models import Workspace
    from sellerdesk.cases.models import Case

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        workspace, members, shops = make_workspace()
    editors = [mb for mb in members if mb.role != "viewer"]
    due_ids = set(rng.sample(range(cases), due))
    fields = [f.attname for f in Case._meta.concrete_fields if f.attname != "id"]
    ran_out = (now - dt.timedelta(minutes=10)).replace(microsecond=0)
    for first in range(0, cases, BATCH):
        rows = []
        for i in range(first, min(cases, first + BATCH)):
            shop, member = shops[i % len(shops)], rng.choice(editors)
            submitted = now - dt.timedelta(days=rng.uniform(2, 20))
            alert = ran_out if i in due_ids else (now + dt.timedelta(days=rng.uniform(1, 10))).replace(microsecond=0)
            case = Case(workspace=workspace, number=f"BN-2026-{i + 1:06d}", shop=shop, platform=shop.platform,
                        kind="finance", channel="ticket", status="waiting", responsible=member, created_by=member,
                        subject=f"Удержание {rng.randint(500, 90000)} ₽ по поставке №{24800000 + i}",
                        external_number=str(300000000 + i), created_at=submitted, updated_at=submitted,
                        submitted_at=submitted, first_answer_due=alert, deadline=alert, next_alert_at=alert)
            rows.append({name: getattr(case, name) for name in fields})
        with transaction.atomic():
            insert(prepare_rows(Case, rows))
    Workspace.objects.filter(pk=workspace.pk).update(case_counter=cases)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    due_pks = list(Case.objects.filter(workspace=workspace, next_alert_at__lte=now).values_list("pk", flat=True))
    return {"workspace": workspace.pk, "due_pks": due_pks, "ran_out": ran_out,
            "generate_seconds": round(time.perf_counter() - started, 1)}


def reset(data: dict) -> None:
    """Undo a run: no reminders, notifications or sends; the due cases due again."""
    from django.db import transaction

    from sellerdesk.cases.models import Case, CaseEvent
    from sellerdesk.notifications.models import Delivery, Notification

    with transaction.atomic():
        CaseEvent.objects.filter(kind="reminder").delete()
        Delivery.objects.all().delete()
        Notification.objects.all().delete()
        Case.objects.filter(pk__in=data["due_pks"]).update(next_alert_at=data["ran_out"])


def proof(data: dict) -> dict:
    """Reminder events per due case (each must be 1), and what else the workers wrote."""
    from django.db.models import Count

    from sellerdesk.cases.models import Case, CaseEvent
    from sellerdesk.notifications.models import Notification

    per_case = (CaseEvent.objects.filter(kind="reminder").values("case").annotate(n=Count("id"))
                .values_list("n", flat=True))
    histogram: dict[int, int] = {}
    for n in per_case:
        histogram[n] = histogram.get(n, 0) + 1
    due = set(data["due_pks"])
    reminded = set(CaseEvent.objects.filter(kind="reminder").values_list("case_id", flat=True))
    return {
        "reminders": sum(k * v for k, v in histogram.items()),
        "cases_reminded": len(reminded),
        "cases_reminded_twice": sum(v for k, v in histogram.items() if k > 1),
        "due_not_reminded": len(due - reminded),
        "reminded_not_due": len(reminded - due),
        "notifications": Notification.objects.count(),
        "still_due": Case.objects.filter(pk__in=data["due_pks"], next_alert_at__lte=data["ran_out"]).count(),
    }


def run_workers(count: int, env: dict) -> dict:
    """`count` worker processes on a common start; seconds from the start until the last one finished."""
    start_at = time.time() + 12  # every process has imported Django and the apps by then
    command = [sys.executable, "-m", "benchmarks.worker", "--child", str(start_at)]
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
                 for _ in range(count)]
    results = []
    for process in processes:
        out, _ = process.communicate()
        lines = [line for line in out.splitlines() if line.startswith("CHILD ")]
        if process.returncode or not lines:
            raise SystemExit(f"a worker failed (exit code {process.returncode}):\n{out[-2000:]}")
        results.append(json.loads(lines[-1][6:]))
    seconds = max(r["ended"] for r in results) - start_at
    return {"workers": count, "seconds": round(seconds, 2), "per_worker": [r["processed"] for r in results],
            "rounds": [r["rounds"] for r in results], "load": round(os.getloadavg()[0], 1)}


def child(start_at: float) -> None:
    """One worker process: rounds of the clocks source until a round finds nothing due."""
    import django

    django.setup()
    from sellerdesk.followup.worker import Worker, warm_up

    worker = Worker(paths=[SOURCE], limit=100_000)
    warm_up(worker.paths)  # the URL configuration and the apps load before the start, as in a running worker
    time.sleep(max(0.0, start_at - time.time()))
    processed = rounds = 0
    while True:
        taken = sum(worker.round().values())
        processed, rounds = processed + taken, rounds + 1
        if not taken:
            break
    print("CHILD " + json.dumps({"processed": processed, "rounds": rounds, "ended": time.time()}), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--db", choices=["sqlite", "postgresql"])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=int, help="cases that fall due at once (default: a tenth)")
    parser.add_argument("--workers", type=int, action="append",
                        help="worker processes of a run; repeat for several runs (default 1 and 2 on "
                             "PostgreSQL, 1 on SQLite)")
    parser.add_argument("--requests", type=int, help=argparse.SUPPRESS)  # given to every benchmark module
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default="benchdata")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/sellerdesk_bench")
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child)
        return
    if not args.db:
        parser.error("--db is required")
    from benchmarks.journal import finish, open_database, version

    os.environ["LOG_LEVEL"] = "WARNING"
    open_database(args, "worker")
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    due = args.due or max(1, args.cases // 10)
    data = generate(args.cases, due, args.seed, timezone.now())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = []
    for count in args.workers or ([1, 2] if args.db == "postgresql" else [1]):
        reset(data)
        connection.close()  # the workers get the database to themselves
        run = run_workers(count, env)
        run["proof"] = proof(data)
        run["per_second"] = round(len(data["due_pks"]) / run["seconds"]) if run["seconds"] > 0 else None
        runs.append(run)
    finish(args, {"db": connection.vendor, "version": version(connection), "cases": args.cases,
                  "due": len(data["due_pks"]), "generate_seconds": data["generate_seconds"], "runs": runs})


def report(result: dict) -> bool:
    """Print a result as a table; True when every due case was reminded exactly once."""
    print(f"\n{result['version']}: {result['cases']:,} open cases, {result['due']:,} due at once "
          f"(generated in {result['generate_seconds']} s)")
    print(f"  {'workers':>7} {'seconds':>8} {'cases/s':>8} {'reminders':>9} {'twice':>6} {'missed':>6} "
          f"{'notified':>8} {'load':>5}  per worker")
    ok = True
    for run in result["runs"]:
        p = run["proof"]
        good = (p["reminders"] == p["cases_reminded"] == result["due"] and not p["cases_reminded_twice"]
                and not p["due_not_reminded"] and not p["reminded_not_due"] and not p["still_due"])
        ok &= good
        print(f"  {run['workers']:>7} {run['seconds']:>8} {run['per_second'] or '—':>8} {p['reminders']:>9} "
              f"{p['cases_reminded_twice']:>6} {p['due_not_reminded']:>6} {p['notifications']:>8} "
              f"{run.get('load', '—'):>5}  "
              f"{' + '.join(map(str, run['per_worker']))}{'' if good else '  NOT exactly once'}")
    return ok


if __name__ == "__main__":
    main()
