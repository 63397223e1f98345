"""The shipped knowledge base: every article loads, covers the kinds and languages, and seeds once."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from sellerdesk.accounts.actions import create_workspace
from sellerdesk.knowledge.actions import seed_starter_articles
from sellerdesk.knowledge.models import Article
from sellerdesk.knowledge.starter import KINDS, PLATFORMS, starter_articles, synonym_groups
from sellerdesk.knowledge.text import render_body


def test_it_ships_at_least_44_articles_over_all_nine_kinds():
    articles = starter_articles()
    assert len(articles) >= 44
    assert set(Counter(a.kind for a in articles)) == set(KINDS)


def test_it_ships_articles_in_chinese_and_english_for_cross_border_sellers():
    languages = Counter(a.language for a in starter_articles())
    assert languages["zh"] >= 8
    assert languages["en"] >= 3
    assert languages["ru"] > languages["zh"]


def test_it_covers_every_platform():
    covered = {p for a in starter_articles() for p in a.platforms}
    assert covered == set(PLATFORMS)
    assert any(not a.platforms for a in starter_articles())  # articles for any platform


@pytest.mark.parametrize("article", starter_articles(), ids=lambda a: a.slug)
def test_it_gives_every_article_keywords_and_a_body_that_renders(article):
    assert len(article.keywords) >= 4
    assert len(article.body) > (150 if article.language == "zh" else 300)  # a Chinese character says more
    assert article.body.count("### ") >= 2  # what to check, what to do, how to appeal, what to attach
    html = render_body(article.body)
    assert "<h3>" in html and ("<ul>" in html or "<ol>" in html or "<p>" in html)


def test_it_loads_synonym_groups_linking_plain_and_official_words():
    groups = synonym_groups()
    assert len(groups) >= 30
    assert any({"пропасть", "недостача", "lost"} <= set(g) for g in groups)
    assert any({"выплата", "回款", "到账", "payout"} <= set(g) for g in groups)
    assert any({"скрыть", "не видно", "деактуализация", "下架"} <= set(g) for g in groups)


def test_it_seeds_a_workspace_once(world):
    added = seed_starter_articles(world.workspace)
    assert added == len(starter_articles())
    assert seed_starter_articles(world.workspace) == 0
    assert Article.objects.filter(workspace=world.workspace).count() == added
    assert not Article.objects.filter(workspace=world.other_workspace).exists()


def test_it_adds_only_the_missing_shipped_articles_and_keeps_edits(world):
    seed_starter_articles(world.workspace)
    Article.objects.filter(workspace=world.workspace, slug="penalty-dispute").delete()
    Article.objects.filter(workspace=world.workspace, slug="edo-signing").update(title="Наш регламент ЭДО")
    assert seed_starter_articles(world.workspace) == 1
    assert Article.objects.get(workspace=world.workspace, slug="edo-signing").title == "Наш регламент ЭДО"


def test_it_fills_search_lemmas_on_seeding(world):
    seed_starter_articles(world.workspace)
    article = Article.objects.get(workspace=world.workspace, slug="lost-goods-warehouse")
    assert {"пропасть", "товар", "склад", "недостача"} <= set(article.search_lemmas.split())
    assert article.shipped


def test_it_seeds_every_new_workspace(db):
    user = User.objects.create_user("ivan", "ivan@example.ru", "pass-Word-42")
    workspace = create_workspace("ИП Иванов", "ivanov", user)
    assert Article.objects.filter(workspace=workspace, shipped=True).count() == len(starter_articles())


def test_it_seeds_from_the_command_line(world):
    out = StringIO()
    call_command("seedknowledge", "sokolova", stdout=out)
    assert out.getvalue() == f"sokolova: {len(starter_articles())} article(s) added\n"
    out = StringIO()
    call_command("seedknowledge", stdout=out)
    assert out.getvalue() == f"romashka: {len(starter_articles())} article(s) added\nsokolova: 0 article(s) added\n"
    with pytest.raises(CommandError, match="no such workspace: nowhere"):
        call_command("seedknowledge", "nowhere")
