"""The claim form: every value of the pre-trial claim, proposed from the case and editable."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.language.identifiers import is_valid_inn
from sellerdesk.playbook import legal
from sellerdesk.playbook.legal import is_valid_ogrn
from sellerdesk.reports.documents import parse_amounts

LANGUAGES = [("ru", _("Russian")), ("zh", _("Chinese, with Russian headings"))]


def _rows(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _check_inn(value: str) -> str:
    """A Russian INN must have valid check digits; a foreign registration number (letters in it) passes as is."""
    value = " ".join(value.split())
    compact = value.replace(" ", "")
    if compact.isdigit() and not is_valid_inn(compact):
        raise forms.ValidationError(_("This is not a valid INN: it has 10 or 12 digits with matching check digits."))
    return compact if compact.isdigit() else value


def _check_ogrn(value: str) -> str:
    compact = "".join(value.split())
    if compact and compact.isdigit() and not is_valid_ogrn(compact):
        raise forms.ValidationError(
            _("This is not a valid OGRN: 13 digits (15 for an individual entrepreneur) with a matching check digit."))
    return compact if compact.isdigit() else " ".join(value.split())


class ClaimForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the claim"), choices=LANGUAGES)
    date = forms.DateField(label=_("Date of the claim"),
                           help_text=_("The day it is sent; the answer period runs from it."),
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    answer_days = forms.IntegerField(label=_("Answer period, calendar days"), min_value=1, max_value=90,
                                     help_text=_("30 unless the offer sets another period."))
    # our side
    our_name = forms.CharField(label=_("Our legal entity"), max_length=300)
    our_inn = forms.CharField(label=_("Our INN"), max_length=40,
                              help_text=_("A foreign company may give its own registration number."))
    our_ogrn = forms.CharField(label=_("Our OGRN / OGRNIP"), max_length=40, required=False)
    our_address = forms.CharField(label=_("Our address"), max_length=400, required=False)
    our_contact = forms.CharField(label=_("E-mail and phone for the answer"), max_length=300, required=False)
    signatory_name = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    signatory_title = forms.CharField(label=_("Signatory's position"), max_length=200, required=False)
    # their side
    their_name = forms.CharField(label=_("Counterparty"), max_length=300,
                                 help_text=_("Check it against the current offer and the register before sending."))
    their_inn = forms.CharField(label=_("Counterparty's INN or registration number"), max_length=40, required=False)
    their_ogrn = forms.CharField(label=_("Counterparty's OGRN"), max_length=40, required=False)
    their_address = forms.CharField(label=_("Address for claims"), max_length=400, required=False)
    their_contact = forms.CharField(label=_("Counterparty's e-mail for claims"), max_length=300, required=False)
    offer = forms.CharField(label=_("The offer (contract) accepted"), max_length=300, required=False)
    offer_url = forms.CharField(label=_("Where the offer is published"), max_length=500, required=False)
    # substance
    offer_clauses = forms.CharField(label=_("Clauses of the offer that were broken"), required=False, widget=_rows(3),
                                    help_text=_("One per line, with the clause number and what it says."))
    facts = forms.CharField(label=_("Facts"), widget=_rows(8),
                            help_text=_("One dated fact per line, taken from the case's history; edit freely."))
    amounts = forms.CharField(label=_("Amounts"), required=False, widget=_rows(3),
                              help_text=_("One row per line: what | amount, "
                                          "for example «Штраф за маркировку | 15 400,00»."))
    articles = forms.MultipleChoiceField(label=_("Civil Code articles"), widget=forms.CheckboxSelectMultiple,
                                         required=False)
    demands = forms.CharField(label=_("Demands"), widget=_rows(4), help_text=_("One demand per line."))
    attachments = forms.CharField(label=_("Attachments"), required=False, widget=_rows(4),
                                  help_text=_("One per line; the case's evidence is listed to start with."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].choices = [(a.code, f"{a.label()} — {a.text}") for a in legal.articles().values()]

    def clean_our_inn(self) -> str:
        return _check_inn(self.cleaned_data["our_inn"])

    def clean_their_inn(self) -> str:
        return _check_inn(self.cleaned_data["their_inn"])

    def clean_our_ogrn(self) -> str:
        return _check_ogrn(self.cleaned_data["our_ogrn"])

    def clean_their_ogrn(self) -> str:
        return _check_ogrn(self.cleaned_data["their_ogrn"])

    def clean_amounts(self):
        try:
            return parse_amounts(self.cleaned_data["amounts"])
        except ValueError as exc:
            raise forms.ValidationError(
                _("Line %(line)s is not a row of the form «what | amount» with an amount of zero or more.")
                % {"line": exc.args[0]}) from None
