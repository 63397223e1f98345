"""Forms of the appeal wizard: the free description, then the structured fields of a good appeal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.analysis import compose
from sellerdesk.cases.choices import CURRENCIES, Channel, Kind
from sellerdesk.cases.forms import parse_entities

WORK_MODELS = [("", "—"), *((m, m) for m in compose.WORK_MODELS)]
TEXT = {"required": False, "max_length": 4000}


def _area(rows: int = 2, placeholder: str = "") -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "placeholder": placeholder})


class DescribeForm(forms.Form):
    shop = forms.ModelChoiceField(label=_("Shop"), queryset=None)
    description = forms.CharField(
        label=_("What happened?"), max_length=200_000, widget=_area(7),
        help_text=_("In your own words and language: what went wrong, where, when, which orders or products, "
                    "what you already tried. SellerDesk finds the category, the numbers and what is missing."))

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = workspace.shops.filter(is_active=True)


class AppealForm(forms.Form):
    """The structured parts of an appeal. Free text may be in any language; numbers, dates and choices
    become correct text in the platform's language when the appeal is composed."""

    kind = forms.ChoiceField(label=_("Kind of problem"), choices=Kind.choices)
    topic_code = forms.ChoiceField(label=_("Category and topic"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial=Channel.TICKET)
    references = forms.CharField(
        label=_("References"), required=False, widget=_area(3),
        help_text=_("One per line: type and number, e.g. “order 1234567890”, “posting 87654321-0012-1”."))
    cabinet_id = forms.CharField(label=_("Cabinet ID"), required=False, max_length=100)
    inn = forms.CharField(label=_("INN"), required=False, max_length=12)
    contact = forms.CharField(label=_("Contact for the answer"), required=False, max_length=200)
    essence = forms.CharField(label=_("The problem in one or two sentences"), widget=_area(3), **TEXT)
    section = forms.CharField(label=_("Where (cabinet section)"), required=False, max_length=200)
    work_model = forms.ChoiceField(label=_("Work model"), choices=WORK_MODELS, required=False)
    when = forms.CharField(label=_("When it happened (Moscow time)"), required=False, max_length=100,
                           widget=forms.TextInput(attrs={"placeholder": _("e.g. 12.03.2026 14:30")}))
    count = forms.IntegerField(label=_("How many items or orders"), required=False, min_value=1, max_value=10**7)
    steps = forms.CharField(label=_("What we did"), widget=_area(), **TEXT)
    result = forms.CharField(label=_("What we got"), widget=_area(), **TEXT)
    expected = forms.CharField(label=_("What we expected"), widget=_area(), **TEXT)
    request = forms.ChoiceField(label=_("What we ask for"), required=False)
    request_detail = forms.CharField(label=_("The request in detail"), widget=_area(), **TEXT)
    urgency = forms.ChoiceField(label=_("What the business risks"), required=False)
    urgency_detail = forms.CharField(label=_("Urgency in detail"), required=False, max_length=1000)
    money_at_risk = forms.DecimalField(label=_("Money at risk"), required=False, min_value=0, max_digits=14,
                                       decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCIES, initial="RUB")
    report_amount = forms.DecimalField(label=_("Amount per the report"), required=False, max_digits=14,
                                       decimal_places=2)
    our_amount = forms.DecimalField(label=_("Amount per our calculation"), required=False, max_digits=14,
                                    decimal_places=2)

    def __init__(self, *args, topics=(), requests=(), urgencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for topic in topics:
            groups.setdefault(topic.category, []).append((topic.code, topic.label))
        self.fields["topic_code"].choices = [("", "—"), *groups.items()]
        self.fields["request"].choices = [("", "—"), *requests]
        self.fields["urgency"].choices = [("", "—"), *urgencies]

    def clean_references(self) -> list[tuple[str, str]]:
        return parse_entities(self.cleaned_data["references"])


class DuplicateReasonForm(forms.Form):
    duplicate_reason = forms.CharField(
        label=_("Why a new case is needed anyway"), required=False, max_length=1000, widget=_area(2))


class AppealTextForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Appeal text"), widget=forms.Textarea(attrs={"rows": 18}), max_length=50_000)
    version = forms.IntegerField(widget=forms.HiddenInput)
