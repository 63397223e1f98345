"""Every change to knowledge-base articles goes through here."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.cases.actions import ActionError
from sellerdesk.cases.choices import Kind
from sellerdesk.knowledge.models import Article, Language, article_lemmas
from sellerdesk.knowledge.starter import starter_articles

EDITABLE_FIELDS = ("slug", "platform", "kind", "language", "title", "keywords", "body")


def starter_rows(model, workspace_id: int, existing: set[str]) -> list:
    """Unsaved rows of `model` (the real Article or a migration's historical one) for the shipped
    articles the workspace does not have yet."""
    now = timezone.now()
    rows = []
    for item in starter_articles():
        if item.slug in existing:
            continue
        rows.append(model(
            workspace_id=workspace_id, slug=item.slug, platform=item.platform, kind=item.kind,
            language=item.language, title=item.title, keywords=item.keyword_text, body=item.body,
            search_lemmas=article_lemmas(item.title, item.keyword_text, item.body), shipped=True,
            created_at=now, updated_at=now,
        ))
    return rows


def seed_starter_articles(workspace: Workspace) -> int:
    """Give the workspace every shipped article it lacks (by slug); returns how many were added.

    Safe to call again: articles already there, shipped or the workspace's own with the same
    address, are left as they are.
    """
    existing = set(Article.objects.filter(workspace=workspace).values_list("slug", flat=True))
    rows = starter_rows(Article, workspace.pk, existing)
    Article.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _unique_slug(workspace: Workspace, title: str) -> str:
    base = slugify(title)[:70] or "article"
    slug, n = base, 1
    while Article.objects.filter(workspace=workspace, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validate(article: Article) -> None:
    if not article.title.strip():
        raise ActionError(_("An article needs a title."), "title")
    if not article.body.strip():
        raise ActionError(_("An article needs a text."), "body")
    if article.kind not in Kind.values:
        raise ActionError(_("Unknown kind."), "kind")
    if article.language not in Language.values:
        raise ActionError(_("Unknown language."), "language")


def _save(article: Article) -> Article:
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        raise ActionError(_("Another article already has this address."), "slug") from None
    return article


def create_article(workspace: Workspace, by: Membership | None, **fields) -> Article:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ActionError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    article = Article(workspace=workspace, created_by=by, updated_by=by, **fields)
    article.title = article.title.strip()
    article.platform = " ".join(article.platform.split())
    if not article.slug:
        article.slug = _unique_slug(workspace, article.title)
    _validate(article)
    return _save(article)


def update_article(article: Article, by: Membership | None, **fields) -> Article:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ActionError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(article, name, value)
    article.title = article.title.strip()
    article.platform = " ".join(article.platform.split())
    if not article.slug:
        article.slug = _unique_slug(article.workspace, article.title)
    article.updated_by = by
    article.updated_at = timezone.now()
    _validate(article)
    return _save(article)


def delete_article(article: Article, by: Membership | None = None) -> None:
    """Remove an article. A shipped one comes back only if someone seeds the workspace again."""
    article.delete()
