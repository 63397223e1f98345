"""The journal's filter: one form shared by the page, the exports and the API."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.choices import Kind, Priority, Status
from sellerdesk.cases.models import Case
from sellerdesk.cases.search import search_cases
from sellerdesk.shops.models import platform_choices

OPEN = "open"
SORTS = {
    "updated": "-updated_at",
    "created": "-created_at",
    "deadline": "deadline",
    "money": "-money_at_risk",
    "number": "-number",
}
SORT_CHOICES = [
    ("updated", _("Recently updated")),
    ("created", _("Newest first")),
    ("deadline", _("Nearest deadline")),
    ("money", _("Most money at risk")),
    ("number", _("Number")),
]


class JournalFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=300,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _(
                            "Subject, text, case or order number…")}))
    status = forms.ChoiceField(label=_("Status"), required=False)
    shop = forms.TypedChoiceField(label=_("Shop"), required=False, coerce=int, empty_value=None)
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Any kind")), *Kind.choices])
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    priority = forms.ChoiceField(label=_("Priority"), required=False,
                                 choices=[("", _("Any priority")), *Priority.choices])
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, workspace: Workspace, **kwargs):
        super().__init__(data, **kwargs)
        self.workspace = workspace
        self.fields["status"].choices = [("", _("All statuses")), (OPEN, _("Open")), *Status.choices]
        self.fields["shop"].choices = [("", _("All shops"))] + [
            (s.pk, s.name) for s in workspace.shops.all()
        ]
        self.fields["platform"].choices = [("", _("All platforms")), *platform_choices(workspace)]
        members = Membership.objects.filter(workspace=workspace).select_related("user")
        self.fields["responsible"].choices = [("", _("Anyone")), ("none", _("Nobody"))] + [
            (str(m.pk), m.display_name) for m in members
        ]

    def cases(self) -> QuerySet:
        """The cases this filter selects, sorted; an invalid filter selects by its valid parts only."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        cases = Case.objects.filter(workspace=self.workspace)
        status = data.get("status")
        if status == OPEN:
            cases = cases.open()
        elif status:
            cases = cases.filter(status=status)
        for field in ("shop", "platform", "kind", "priority"):
            if data.get(field):
                cases = cases.filter(**{f"{field}": data[field]})
        responsible = data.get("responsible")
        if responsible == "none":
            cases = cases.filter(responsible__isnull=True)
        elif responsible:
            cases = cases.filter(responsible_id=int(responsible))
        if data.get("overdue"):
            cases = cases.overdue(timezone.now())
        if data.get("q"):
            cases = search_cases(cases, self.workspace.pk, data["q"])
        order = SORTS.get(data.get("sort") or "updated", "-updated_at")
        return cases.order_by(order, "-id")


def totals(cases: QuerySet) -> dict:
    """Count and money at risk/recovered per currency for the filtered cases."""
    rows = (
        cases.order_by()
        .values("currency")
        .annotate(n=Count("id"), at_risk=Sum("money_at_risk"), recovered=Sum("money_recovered"))
        .order_by("currency")
    )
    rows = list(rows)
    return {
        "count": sum(r["n"] for r in rows),
        "money": [
            {"currency": r["currency"], "at_risk": r["at_risk"] or Decimal(0),
             "recovered": r["recovered"] or Decimal(0)}
            for r in rows
        ],
    }
