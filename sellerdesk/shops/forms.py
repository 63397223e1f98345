from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.shops.models import CustomPlatform, Shop, platform_choices


class ShopForm(forms.ModelForm):
    platform = forms.ChoiceField(label=_("Platform"))

    class Meta:
        model = Shop
        fields = ["platform", "name", "cabinet_id", "inn", "legal_name", "contact_email", "contact_phone",
                  "is_active"]
        help_texts = {"inn": _("10 digits for a company, 12 for an individual entrepreneur.")}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workspace = workspace
        self.fields["platform"].choices = platform_choices(workspace)

    def clean_inn(self) -> str:
        return self.cleaned_data["inn"].strip()

    def validate_unique(self):
        # The workspace is not a form field, so ModelForm would skip the constraint that includes it.
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("name", _("This workspace already has a shop with this name on this platform."))


class CustomPlatformForm(forms.ModelForm):
    class Meta:
        model = CustomPlatform
        fields = ["code", "name", "language"]
