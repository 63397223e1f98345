"""`sellerdesk clock`: see what is due, or move a workspace's time forward for a demo.

`--advance 3d` does not touch the system clock: it moves every stored moment of the workspace's
cases, events, evidence, follow-up, notification and report rows three days into the past, which
is the same as three days passing; then it runs one worker round, so reminders that fell due fire
as they would have. `--show` counts what is due now and in the next day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Workspace
from sellerdesk.followup.worker import run_once

APPS = ("cases", "followup", "notifications", "reports")  # whose rows live on the workspace's timeline
UNITS = {"d": "days", "h": "hours", "m": "minutes"}
STEP = re.compile(r"(\d+)([dhm])")


def parse_span(text: str) -> dt.timedelta:
    """'3d', '12h', '90m' or a sum such as '1d12h' → a positive timedelta."""
    text = text.strip().lower().replace(" ", "")
    if not text or STEP.sub("", text):
        raise ValueError(text)
    span = sum((dt.timedelta(**{UNITS[unit]: int(n)}) for n, unit in STEP.findall(text)), dt.timedelta())
    if span <= dt.timedelta(0):
        raise ValueError(text)
    return span


def workspace_path(model) -> str | None:
    """The lookup from `model` to its Workspace ('workspace', 'case__workspace', 'member__workspace'…),
    through required foreign keys first, at most three steps; None when it has none."""
    queue = deque([(model, "", 0)])
    seen = {model}
    found = []
    while queue:
        current, prefix, depth = queue.popleft()
        fks = [f for f in current._meta.concrete_fields if isinstance(f, models.ForeignKey)]
        for field in sorted(fks, key=lambda f: (f.null, f.name != "workspace", f.name != "case")):
            target = field.related_model
            path = f"{prefix}{field.name}"
            if target is Workspace:
                found.append((depth, field.null, path))
            elif depth < 2 and target not in seen and target._meta.app_label != "auth":
                seen.add(target)
                queue.append((target, f"{path}__", depth + 1))
        if found:
            break
    if not found:
        return None
    return min(found)[2]


def timeline_models() -> list[tuple[type, str, list[str]]]:
    """(model, lookup to the workspace, its DateTimeFields) for every model on a workspace's timeline."""
    result = []
    for label in APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
            path = workspace_path(model) if fields else None
            if path:
                result.append((model, path, fields))
    return result


def shift(workspaces, span: dt.timedelta) -> list[tuple[str, int, list[str]]]:
    """Move every stored moment of the workspaces `span` into the past; (model, rows, fields) moved."""
    moved = []
    with transaction.atomic():
        for model, path, fields in timeline_models():
            rows = model._default_manager.filter(**{f"{path}__in": workspaces})
            count = rows.count()
            if not count:
                continue
            for name in fields:  # one field at a time: a NULL stays NULL (nothing was due there)
                rows.filter(**{f"{name}__isnull": False}).update(**{name: F(name) - span})
            moved.append((model._meta.label, count, fields))
    return moved


def due_columns() -> list[tuple[type, str, str | None]]:
    """(model, column, lookup to the workspace) of the columns the worker claims: `next_*` moments,
    and a case's deadline."""
    columns = []
    for model, path, fields in timeline_models():
        for name in fields:
            if name.startswith("next_") or (model._meta.label == "cases.Case" and name == "deadline"):
                columns.append((model, name, path))
    return columns


class Command(BaseCommand):
    help = "Show what is due, or move a workspace's time forward (demo) and run one worker round."
    requires_system_checks = []  # no URL configuration to import: a worker starts in a fraction of a second

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--advance", metavar="SPAN", help="how far to move time forward: 3d, 12h, 90m, 1d12h")
        action.add_argument("--show", action="store_true", help="count what is due now and in the next 24 hours")
        parser.add_argument("--workspace", metavar="SLUG", action="append",
                            help="only this workspace (repeat for several; default: all)")
        parser.add_argument("--no-worker", action="store_true", help="move time but run no worker round")

    def handle(self, *args, advance: str | None, show: bool, workspace: list[str] | None, no_worker: bool,
               **options) -> None:
        workspaces = Workspace.objects.all()
        if workspace:
            workspaces = workspaces.filter(slug__in=workspace)
            missing = set(workspace) - set(workspaces.values_list("slug", flat=True))
            if missing:
                raise CommandError(_("No workspace %(slugs)s.") % {"slugs": ", ".join(sorted(missing))})
        workspaces = list(workspaces)
        if show:
            self.show(workspaces)
            return
        try:
            span = parse_span(advance)
        except ValueError:
            raise CommandError(_("Give the span as 3d, 12h, 90m or a sum such as 1d12h.")) from None
        moved = shift(workspaces, span)
        names = ", ".join(ws.slug for ws in workspaces) or "—"
        self.stdout.write(_("Moved %(span)s forward in %(workspaces)s:")
                          % {"span": advance.strip(), "workspaces": names})
        for label, count, fields in moved:
            self.stdout.write(f"  {label}: {count} × {', '.join(fields)}")
        if not moved:
            self.stdout.write("  " + _("nothing to move"))
        if no_worker:
            return
        counts = run_once()
        self.stdout.write(_("Worker round: %(items)d item(s) processed.") % {"items": sum(counts.values())})
        for path, count in counts.items():
            self.stdout.write(f"  {path}: {count}")

    def show(self, workspaces) -> None:
        now = timezone.now()
        soon = now + dt.timedelta(hours=24)
        self.stdout.write(_("Due at %(now)s UTC:") % {"now": f"{now:%Y-%m-%d %H:%M}"})
        self.stdout.write(f"  {'':42} {_('now'):>8} {_('24 h'):>8}")
        for model, name, path in due_columns():
            rows = model._default_manager.filter(**{f"{path}__in": workspaces})
            if model._meta.label == "cases.Case":
                rows = rows.open()
            counts = rows.aggregate(now=models.Count("pk", filter=Q(**{f"{name}__lte": now})),
                                    soon=models.Count("pk", filter=Q(**{f"{name}__lte": soon})))
            self.stdout.write(f"  {model._meta.label + '.' + name:42} {counts['now']:>8} {counts['soon']:>8}")
