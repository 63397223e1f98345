from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sellerdesk.cases.choices import Kind
from sellerdesk.knowledge.models import Article
from sellerdesk.shops.models import platform_choices

RESERVED_SLUGS = frozenset({"new", "suggest"})  # the knowledge base's own addresses


class ArticleForm(forms.ModelForm):
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if the article fits any platform."),
    )

    class Meta:
        model = Article
        fields = ["title", "slug", "kind", "language", "platforms", "keywords", "body"]
        help_texts = {
            "slug": _("Latin letters, digits and hyphens; made from the title when left empty."),
            "keywords": _("Words people search with, plain and official, separated by commas."),
            "body": _("Plain text. Blank lines separate paragraphs; lines starting with “- ” or “1. ” "
                      "make lists, “### ” a heading, **text** bold."),
        }
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["platforms"].choices = platform_choices(workspace)
        self.fields["platforms"].initial = self.instance.platforms if self.instance.pk else []

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip().lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        return slug

    def validate_unique(self):
        pass  # the action reports a taken address; the workspace is not a form field

    def article_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"], "slug": data["slug"], "kind": data["kind"], "language": data["language"],
            "platform": " ".join(data["platforms"]), "keywords": data["keywords"], "body": data["body"],
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Describe the problem"), required=False, max_length=2000,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    platform = forms.ChoiceField(label=_("Platform"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [("", _("Any platform")), *platform_choices(workspace)]
