"""The panels other apps add to a case's page.

Each entry names a function `panel(request, case) -> (template name, context) | None`, owned by
its app. The case page renders them in order in the column given; a panel that has nothing to show
returns None.
"""

from __future__ import annotations

from functools import cache

from django.template.loader import render_to_string
from django.utils.module_loading import import_string

PANELS = {
    "main": [
        "sellerdesk.followup.views_replies.reply_panel",       # paste or upload support's reply; its assessment
        "sellerdesk.followup.views_ladder.escalation_panel",   # the ladder and the drafted next step
        "sellerdesk.followup.views_replies.agreements_panel",  # promises and agreements to confirm
    ],
    "aside": [
        "sellerdesk.followup.clock_panel.clocks_panel",        # the case's clocks
        "sellerdesk.reports.views_documents.documents_panel",  # claim and summary documents
        "sellerdesk.notifications.views.deliveries_panel",     # reminders sent, and failed sends
    ],
}


@cache
def _functions(column: str) -> list:
    return [import_string(path) for path in PANELS[column]]


def render_panels(request, case, column: str) -> list[str]:
    rendered = []
    for panel in _functions(column):
        found = panel(request, case)
        if found is not None:
            template, context = found
            rendered.append(render_to_string(template, {"case": case, **context}, request=request))
    return rendered
