from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership
from sellerdesk.cases.choices import Channel, EventKind, Outcome, Status
from sellerdesk.cases.models import Case

DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def parse_entities(text: str) -> list[tuple[str, str]]:
    """Read references written one per line as "type number": «заказ 1234567890», «posting 87654321-0012-1»."""
    aliases = playbook.entity_aliases()
    entities, bad = [], []
    for line in filter(None, (raw.strip() for raw in text.splitlines())):
        line = line.replace(":", " ", 1).replace("№", " ")
        words = line.split()
        for size in (2, 1):  # two-word names first: «артикул продавца 12-345»
            head = " ".join(words[:size]).lower()
            if head in aliases and len(words) > size:
                entities.append((aliases[head], " ".join(words[size:])))
                break
        else:
            bad.append(line)
    if bad:
        raise forms.ValidationError(
            _("Cannot tell the type of: %(lines)s. Write each reference as type and number, "
              "e.g. “order 1234567890”."), params={"lines": "; ".join(bad)})
    return entities


def format_entities(case: Case) -> str:
    return "\n".join(f"{ref.kind} {ref.value}" for ref in case.entities.all())


class CaseForm(forms.ModelForm):
    entities = forms.CharField(
        label=_("References"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: order, supply, shipment, posting, nmid, sku, article, srid, claim, "
                    "report or period, then the number. E.g. “posting 87654321-0012-1”."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Case
        fields = ["subject", "shop", "kind", "category", "topic", "channel", "external_number", "priority",
                  "critical_reason", "deadline", "currency", "money_at_risk", "money_recovered", "responsible",
                  "body"]
        widgets = {
            "deadline": DATETIME_LOCAL,
            "body": forms.Textarea(attrs={"rows": 12}),
            "money_at_risk": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            "money_recovered": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = workspace.shops.filter(is_active=True) | workspace.shops.filter(
            pk=getattr(self.instance, "shop_id", None))
        self.fields["responsible"].queryset = Membership.objects.filter(workspace=workspace).select_related("user")
        self.fields["responsible"].label_from_instance = lambda m: m.display_name
        if self.instance.pk:
            self.fields["entities"].initial = format_entities(self.instance)
            self.fields["version"].initial = self.instance.version

    def clean_entities(self) -> list[tuple[str, str]]:
        return parse_entities(self.cleaned_data["entities"])

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    external_number = forms.CharField(label=_("External number"), required=False, max_length=100)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", "—"), *Outcome.choices])
    outcome_note = forms.CharField(label=_("Outcome details"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    money_recovered = forms.DecimalField(label=_("Money recovered"), required=False, min_value=0,
                                         max_digits=14, decimal_places=2)
    override_reason = forms.CharField(
        label=_("Override the checks: why"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only owners may mark an appeal ready despite blocking findings; the reason stays in the history."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Status(s).label) for s in case.next_statuses]
        self.fields["version"].initial = case.version
        self.fields["external_number"].initial = case.external_number


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Entry"), choices=[
        (EventKind.MESSAGE_IN, _("Reply from support")),
        (EventKind.MESSAGE_OUT, _("Our message to support")),
        (EventKind.CALL, _("Phone call")),
        (EventKind.NOTE, _("Internal note")),
    ])
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[("", "—"), *Channel.choices])
    occurred_at = forms.DateTimeField(label=_("When"), required=False, widget=DATETIME_LOCAL,
                                      help_text=_("Leave empty for now."))
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}), max_length=50_000)


class MergeForm(forms.Form):
    original = forms.CharField(label=_("Number of the original case"), max_length=32)
    reason = forms.CharField(label=_("Why these are the same problem"), max_length=1000)
