"""The in-memory article index follows edits: a changed, added or deleted article is searched at once."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from sellerdesk.knowledge.actions import create_article, delete_article, seed_starter_articles, update_article
from sellerdesk.knowledge.models import Article
from sellerdesk.knowledge.search import article_index, find_articles
from sellerdesk.knowledge.starter import starter_articles


def test_it_rebuilds_the_index_after_edits(world):
    article = create_article(world.workspace, world.manager, title="Сдача поставок", kind="logistics",
                             body="Приезжаем за час до слота.")
    assert [h.title for h in find_articles(world.workspace, "слот поставки")] == ["Сдача поставок"]
    first = article_index(world.workspace.pk)
    assert article_index(world.workspace.pk) is first  # nothing changed: the same index
    update_article(article, world.manager, body="Курьер забирает отгрузку в окно забора.")
    assert find_articles(world.workspace, "слот") == []
    assert [h.title for h in find_articles(world.workspace, "курьер не забрал")] == ["Сдача поставок"]
    delete_article(article, world.manager)
    assert find_articles(world.workspace, "курьер не забрал") == []


def test_it_keeps_one_index_per_workspace(world):
    create_article(world.workspace, world.manager, title="Штрафы Соколовой", kind="finance", body="Штраф оспариваем.")
    create_article(world.other_workspace, world.outsider, title="Штрафы Ромашки", kind="finance", body="Штраф платим.")
    assert [h.title for h in find_articles(world.workspace, "штраф")] == ["Штрафы Соколовой"]
    assert [h.title for h in find_articles(world.other_workspace, "штраф")] == ["Штрафы Ромашки"]


def test_it_seeds_existing_workspaces_in_the_data_migration(world):
    seed_starter_articles(world.workspace)
    Article.objects.filter(workspace=world.workspace, slug="formal-claim").delete()
    import_module("sellerdesk.knowledge.migrations.0002_seed_starter_articles").seed(apps, None)
    for workspace in (world.workspace, world.other_workspace):
        assert Article.objects.filter(workspace=workspace).count() == len(starter_articles())


def test_it_keeps_a_bounded_number_of_indexes(world, monkeypatch):
    from sellerdesk.knowledge import search

    monkeypatch.setattr(search, "MAX_INDEXES", 1)
    create_article(world.workspace, world.manager, title="Штрафы", kind="finance", body="Штраф оспариваем.")
    find_articles(world.workspace, "штраф")
    find_articles(world.other_workspace, "штраф")
    assert list(search._indexes) == [world.other_workspace.pk]
    assert [h.title for h in find_articles(world.workspace, "штраф")] == ["Штрафы"]
