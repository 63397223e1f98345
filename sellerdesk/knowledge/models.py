"""Knowledge-base articles: answers to common problems, per workspace.

Every workspace starts with the shipped articles (`data/articles/*.toml`, `shipped=True`) and
its members add and edit their own. `search_lemmas` keeps the dictionary forms of the title,
keywords and body so that search never lemmatises bodies on a request.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sellerdesk import playbook
from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.choices import Kind
from sellerdesk.language.morph import content_tokens


class Language(models.TextChoices):
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


def article_lemmas(title: str, keywords: str, body: str) -> str:
    """What `Article.search_lemmas` holds: the content lemmas of title, keywords and body."""
    return " ".join(content_tokens(f"{title}\n{keywords}\n{body}"))


class Article(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="articles")
    slug = models.SlugField(_("address"), max_length=80)
    # Platform codes separated by spaces ("wb ozon"); blank means the article fits any platform.
    platform = models.CharField(_("platforms"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.RU)
    title = models.CharField(_("title"), max_length=200)
    # Words people search with, plain and official, one phrase per line or separated by commas.
    keywords = models.TextField(_("keywords"), blank=True)
    body = models.TextField(_("text"))
    search_lemmas = models.TextField(blank=True, editable=False)
    shipped = models.BooleanField(_("shipped with SellerDesk"), default=False, editable=False)
    created_by = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("article")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["workspace", "slug"], name="unique_article_slug")]
        indexes = [models.Index(fields=["workspace", "updated_at"], name="article_ws_updated")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_lemmas = article_lemmas(self.title, self.keywords, self.body)
        super().save(*args, **kwargs)

    @property
    def platforms(self) -> list[str]:
        return self.platform.split()

    @property
    def platform_labels(self) -> list[tuple[str, str]]:
        return [(code, platform_label(code)) for code in self.platforms]

    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)

    def fits_platform(self, platform: str | None) -> bool:
        return not platform or not self.platform or platform in self.platforms


def platform_label(code: str) -> str:
    """A platform's name in the reader's language; a workspace's own platform shows its code."""
    shipped = playbook.platforms().get(code)
    return gettext(shipped.name) if shipped else code


def split_keywords(keywords: str) -> list[str]:
    parts = keywords.replace("\n", ",").replace("，", ",").replace("、", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
