"""The workspace's legal details, as formal documents (pre-trial claims) need them."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Workspace
from sellerdesk.language.identifiers import is_valid_inn
from sellerdesk.playbook.legal import is_valid_ogrn


def clean_inn(value: str) -> str:
    value = "".join(value.split())
    if value and not is_valid_inn(value):
        raise forms.ValidationError(_("This is not a valid INN: it has 10 or 12 digits with matching check digits."))
    return value


def clean_ogrn(value: str) -> str:
    value = "".join(value.split())
    if value and not is_valid_ogrn(value):
        raise forms.ValidationError(
            _("This is not a valid OGRN: 13 digits (15 for an individual entrepreneur) with a matching check digit."))
    return value


class LegalDetailsForm(forms.ModelForm):
    class Meta:
        model = Workspace
        fields = ["legal_name", "inn", "ogrn", "legal_address", "signatory_name", "signatory_title", "answer_email",
                  "answer_phone"]
        help_texts = {
            "legal_name": _("As in the register: ООО «Ромашка» or ИП Соколова Анна Викторовна."),
            "signatory_title": _("For example «Генеральный директор» or «Индивидуальный предприниматель»."),
            "answer_email": _("Where the counterparty should send its answer to a claim."),
        }

    def clean_inn(self) -> str:
        return clean_inn(self.cleaned_data["inn"])

    def clean_ogrn(self) -> str:
        return clean_ogrn(self.cleaned_data["ogrn"])
