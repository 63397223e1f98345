"""Shape a platform book for the pages: categories with their topics, clocks in words, translated problems."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from sellerdesk import playbook


@dataclass(frozen=True)
class ClockRow:
    code: str
    first_reaction: str
    reminder: str
    business_time: bool


def hours_text(hours: float) -> str:
    """A clock in words: "30 min", "24 h", "30 days"; 0 means there is no clock."""
    if hours <= 0:
        return "—"
    if hours < 1:
        return _("%(n)s min") % {"n": round(hours * 60)}
    if hours >= 72 and hours % 24 == 0:
        return _("%(n)s days") % {"n": int(hours // 24)}
    return _("%(n)s h") % {"n": f"{hours:g}"}


def channel_label(code: str) -> str:
    return {
        "chat": _("Chat"), "ticket": _("Ticket / cabinet dialog"), "email": _("E-mail"), "phone": _("Phone"),
        "social": _("Social networks"), "claim": _("Formal claim"), "public": _("Public post"),
        "external": _("Outside: complaint platform, payment dispute, court"),
    }.get(code, code)


def sections(book: playbook.PlatformBook, kind_clocks: dict | None = None) -> dict:
    kinds = playbook.kinds()
    categories: dict[str, list] = {}
    for topic in book.topics:
        kind = _(kinds[topic.kind].label) if topic.kind in kinds else topic.kind
        categories.setdefault(topic.category, []).append({"topic": topic, "kind": kind})
    clocks = []
    for clock in book.channels.values():
        clocks.append(_clock_row(channel_label(clock.code), clock))
        for kind, own in (kind_clocks or {}).get(clock.code, {}).items():
            label = _(kinds[kind].label) if kind in kinds else kind
            clocks.append(_clock_row(f"{channel_label(clock.code)} · {label}", own))
    checklists = [(_(kinds[k].label) if k in kinds else k, items) for k, items in book.checklists.items()]
    templates = [
        (_("All kinds") if name == "default" else _(kinds[name].label) if name in kinds else name,
         [(key, "\n".join(value) if isinstance(value, list) else str(value)) for key, value in table.items()])
        for name, table in book.templates.items() if table
    ]
    return {"categories": list(categories.items()), "clocks": clocks, "checklists": checklists,
            "templates": templates}


def _clock_row(label: str, clock: playbook.ChannelClock) -> ClockRow:
    return ClockRow(label, hours_text(clock.first_reaction_hours), hours_text(clock.reminder_after_hours),
                    clock.business_time)


def problem_lines(problems, text: str = "") -> list[tuple[int, str, str]]:
    """(line, that line of the text, message in the user's language) for each problem."""
    source = text.splitlines()
    rows = []
    for problem in problems:
        message = _(problem.msgid) % dict(problem.params) if problem.msgid else problem.message
        quoted = source[problem.line - 1].strip()[:120] if 0 < problem.line <= len(source) else ""
        rows.append((problem.line, quoted, message))
    return rows


def platform_rows(workspace, overrides: dict) -> list[dict]:
    rows = [{"code": p.code, "name": _(p.name), "language": p.language, "override": overrides.get(p.code)}
            for p in playbook.platforms().values()]
    rows += [{"code": p.code, "name": p.name, "language": p.language, "override": overrides.get(p.code)}
             for p in workspace.custom_platforms.all()]
    return rows
