"""Pages of the knowledge base: search and list, an article, editing, and the wizard's suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sellerdesk.accounts.access import workspace_view
from sellerdesk.cases.actions import ActionError
from sellerdesk.knowledge import actions
from sellerdesk.knowledge.forms import ArticleForm, SearchForm
from sellerdesk.knowledge.models import Article
from sellerdesk.knowledge.search import find_articles, suggestions_for
from sellerdesk.knowledge.text import render_body

SEARCH_LIMIT = 20


def get_article(request, slug: str) -> Article:
    return get_object_or_404(Article, workspace=request.workspace, slug=slug)


@workspace_view()
def article_list(request):
    form = SearchForm(request.GET or None, workspace=request.workspace)
    query, platform, kind = "", "", ""
    if form.is_valid():
        query, platform, kind = form.cleaned_data["q"].strip(), form.cleaned_data["platform"], form.cleaned_data["kind"]
    context = {"form": form, "query": query}
    if query:
        context["hits"] = find_articles(request.workspace, query, platform=platform or None, kind=kind or None,
                                        limit=SEARCH_LIMIT)
    else:
        articles = request.workspace.articles.order_by("kind", "title")
        if kind:
            articles = articles.filter(kind=kind)
        context["articles"] = [a for a in articles if a.fits_platform(platform)]
    template = "knowledge/_results.html" if request.headers.get("HX-Request") else "knowledge/list.html"
    return render(request, template, context)


@workspace_view()
def article_detail(request, article: str):
    item = get_article(request, article)
    return render(request, "knowledge/article.html", {"article": item, "body": render_body(item.body)})


@workspace_view("change_cases")
def article_edit(request, article: str | None = None):
    item = get_article(request, article) if article else None
    form = ArticleForm(request.POST or None, instance=item, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            if item:
                item = actions.update_article(item, request.membership, **form.article_fields())
            else:
                item = actions.create_article(request.workspace, request.membership, **form.article_fields())
        except ActionError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Article saved."))
            return redirect("knowledge_article", request.workspace.slug, item.slug)
    return render(request, "knowledge/article_form.html", {"form": form, "article": item})


@workspace_view("change_cases")
def article_delete(request, article: str):
    item = get_article(request, article)
    if request.method == "POST":
        actions.delete_article(item, request.membership)
        messages.success(request, _("Article deleted."))
        return redirect("knowledge", request.workspace.slug)
    return render(request, "knowledge/article_delete.html", {"article": item})


@workspace_view()
def suggestions(request):
    """The wizard's self-diagnosis block: articles and solved cases for a description (an htmx partial)."""
    text = request.GET.get("text", "")[:4000]
    found = suggestions_for(request.workspace, text, request.GET.get("platform") or None,
                            request.GET.get("kind") or None)
    return render(request, "knowledge/_suggestions.html", {**found, "text": text})
