import re

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.notifications.models import Channel, NotificationSettings

CHAT_ID = re.compile(r"-?\d{1,20}|@\w{5,32}")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["email", "telegram", "telegram_chat_id", "quiet_from", "quiet_to", "digest"]
        widgets = {"quiet_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                   "quiet_to": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {"digest": _("The weekly review of overdue cases, promises and money recovered.")}

    def clean_telegram_chat_id(self) -> str:
        chat_id = self.cleaned_data["telegram_chat_id"].strip()
        if chat_id and not CHAT_ID.fullmatch(chat_id):
            raise forms.ValidationError(_("A chat id is a number such as 123456789 (or -100… for a group)."))
        return chat_id

    def clean(self):
        data = super().clean()
        if data.get("telegram") and not data.get("telegram_chat_id"):
            self.add_error("telegram_chat_id", _("Enter your chat id to get messages in Telegram."))
        if (data.get("quiet_from") is None) != (data.get("quiet_to") is None):
            self.add_error("quiet_to", _("Give both the start and the end of the quiet hours, or neither."))
        return data


class TestForm(forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices)
