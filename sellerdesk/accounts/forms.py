from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sellerdesk.accounts.models import Profile, Workspace
from sellerdesk.accounts.roles import Role


class WorkspaceForm(forms.ModelForm):
    class Meta:
        model = Workspace
        fields = ["name", "slug", "legal_name", "case_prefix"]
        help_texts = {
            "slug": _("Latin letters, digits and hyphens; used in the page addresses."),
            "case_prefix": _("Case numbers look like PREFIX-2026-00042."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"] or slugify(self.cleaned_data.get("name", ""))
        if not slug:
            raise forms.ValidationError(_("Choose an address of Latin letters and digits."))
        return slug

    def clean_case_prefix(self) -> str:
        prefix = self.cleaned_data["case_prefix"].strip().upper()
        if not prefix.isalnum() or not prefix.isascii():
            raise forms.ValidationError(_("Use Latin letters and digits only."))
        return prefix


class InviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MANAGER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class SignUpForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "first_name", "last_name", "email"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["language", "time_zone"]
        help_texts = {"time_zone": _("Times are shown in Moscow time unless you choose another zone.")}
