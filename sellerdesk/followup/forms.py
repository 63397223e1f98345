from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sellerdesk.cases.forms import DATETIME_LOCAL
from sellerdesk.followup.models import AgreementSource
from sellerdesk.followup.replies import REPLY_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Support's reply"), required=False, max_length=REPLY_MAX,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Paste the reply as it came, or upload it below."))
    file = forms.FileField(label=_("or a file"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ".eml,.txt"}),
                           help_text=_("An e-mail saved as .eml, or a text export (.txt)."))
    occurred_at = forms.DateTimeField(label=_("Received"), required=False, widget=DATETIME_LOCAL,
                                      help_text=_("Leave empty for now (an e-mail brings its own date)."))

    def clean(self):
        data = super().clean()
        if bool((data.get("text") or "").strip()) == bool(data.get("file")):
            raise forms.ValidationError(_("Paste the reply or upload a file (one of the two)."))
        return data


class AgreementForm(forms.Form):
    source = forms.ChoiceField(label=_("Agreed"), choices=[
        (AgreementSource.PHONE, AgreementSource.PHONE.label), (AgreementSource.CHAT, AgreementSource.CHAT.label),
        (AgreementSource.EMAIL, AgreementSource.EMAIL.label)])
    counterpart = forms.CharField(label=_("With whom"), required=False, max_length=200,
                                  help_text=_("The agent's name or ID, as they gave it."))
    made_at = forms.DateTimeField(label=_("When"), widget=DATETIME_LOCAL, initial=timezone.now)
    promise = forms.CharField(label=_("What they promised"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("By when"), required=False, widget=DATE,
                          help_text=_("SellerDesk reminds you when this day is over and the promise is not kept."))


class ConfirmRequestForm(forms.Form):
    text = forms.CharField(label=_("Message sent"), required=False, max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 5}))


class ConfirmForm(forms.Form):
    text = forms.CharField(label=_("Their written confirmation"), required=False, max_length=20_000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    ticket_number = forms.CharField(label=_("Ticket number"), required=False, max_length=100)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not (data.get("ticket_number") or "").strip():
            raise forms.ValidationError(_("Paste the written confirmation or give its ticket number."))
        return data


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("fulfilled", _("Kept")), ("broken", _("Broken"))])
    note = forms.CharField(label=_("Comment"), required=False, max_length=2000)
