"""Knowledge-base pages: everyone reads and searches, case editors write, outsiders see nothing."""

from __future__ import annotations

import pytest

from sellerdesk.knowledge.actions import create_article, seed_starter_articles
from sellerdesk.knowledge.models import Article


@pytest.fixture
def seeded(world):
    seed_starter_articles(world.workspace)
    return world


def test_it_lists_articles_for_a_viewer(seeded, client_for):
    page = client_for(seeded.viewer).get("/w/sokolova/knowledge/")
    assert page.status_code == 200
    assert "Пропал товар на складе маркетплейса" in page.content.decode()
    assert "/w/sokolova/knowledge/new/" not in page.content.decode()


def test_it_searches_with_plain_words_and_highlights_them(seeded, client_for):
    page = client_for(seeded.viewer).get("/w/sokolova/knowledge/", {"q": "пропал товар на складе", "platform": "wb"})
    html = page.content.decode()
    assert html.index("lost-goods-warehouse") < html.index("lost-goods-compensation")
    assert "<mark>" in html


def test_it_answers_htmx_with_the_results_only(seeded, client_for):
    page = client_for(seeded.viewer).get("/w/sokolova/knowledge/", {"q": "钱一直没到账"},
                                         headers={"HX-Request": "true"})
    html = page.content.decode()
    assert "zh-payout-not-received" in html
    assert "<html" not in html


def test_it_filters_the_list_by_kind_and_platform(seeded, client_for):
    query = {"kind": "documents", "platform": "vendor"}
    html = client_for(seeded.viewer).get("/w/sokolova/knowledge/", query).content.decode()
    assert "zh-vat-invoice" in html
    assert "marking-chestny-znak" not in html  # not for the vendor
    assert "lost-goods-warehouse" not in html  # another kind


def test_it_renders_an_article_safely(seeded, client_for):
    create_article(seeded.workspace, seeded.manager, slug="xss", title="Проверка <script>alert(1)</script>",
                   kind="other", body="### Шаги\n- <img src=x onerror=alert(1)>\n- **жирный**\n\n<b>не тег</b>")
    html = client_for(seeded.viewer).get("/w/sokolova/knowledge/xss/").content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>не тег</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<h3>Шаги</h3>" in html and "<strong>жирный</strong>" in html


def test_it_hides_another_workspaces_articles(seeded, client_for):
    create_article(seeded.other_workspace, seeded.outsider, slug="romashka-rules", title="Регламент Ромашки",
                   kind="other", body="Внутренний регламент.")
    assert client_for(seeded.owner).get("/w/sokolova/knowledge/romashka-rules/").status_code == 404
    assert client_for(seeded.owner).get("/w/romashka/knowledge/").status_code == 404
    assert client_for(seeded.outsider).get("/w/sokolova/knowledge/lost-goods-warehouse/").status_code == 404
    assert client_for(seeded.outsider).get("/w/sokolova/knowledge/suggest/", {"text": "товар"}).status_code == 404


def test_it_lets_a_manager_create_edit_and_delete(seeded, client_for):
    client = client_for(seeded.manager)
    page = client.post("/w/sokolova/knowledge/new/", {
        "title": "Как мы сдаём поставки в Коледино", "slug": "", "kind": "logistics", "language": "ru",
        "platforms": ["wb"], "keywords": "Коледино, слот", "body": "Приезжаем за час до слота.",
    })
    article = Article.objects.get(workspace=seeded.workspace, title="Как мы сдаём поставки в Коледино")
    assert page.status_code == 302 and article.created_by == seeded.manager and article.platform == "wb"
    assert {"слот", "поставка"} <= set(article.search_lemmas.split())
    page = client.post(f"/w/sokolova/knowledge/{article.slug}/edit/", {
        "title": "Сдача поставок в Коледино", "slug": article.slug, "kind": "logistics", "language": "ru",
        "keywords": "Коледино", "body": "Приезжаем за два часа до слота.",
    })
    article.refresh_from_db()
    assert article.title == "Сдача поставок в Коледино" and article.platform == ""
    assert article.updated_by == seeded.manager
    assert client.post(f"/w/sokolova/knowledge/{article.slug}/delete/").status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()


def test_it_refuses_writes_to_a_viewer(seeded, client_for):
    client = client_for(seeded.viewer)
    article = Article.objects.get(workspace=seeded.workspace, slug="penalty-dispute")
    assert client.get("/w/sokolova/knowledge/new/").status_code == 403
    assert client.post("/w/sokolova/knowledge/new/", {"title": "x", "kind": "other", "language": "ru",
                                                      "body": "x"}).status_code == 403
    assert client.post("/w/sokolova/knowledge/penalty-dispute/edit/", {"title": "x"}).status_code == 403
    assert client.post("/w/sokolova/knowledge/penalty-dispute/delete/").status_code == 403
    article.refresh_from_db()
    assert article.title.startswith("Как оспорить штраф")


def test_it_reports_a_taken_address(seeded, client_for):
    page = client_for(seeded.owner).post("/w/sokolova/knowledge/new/", {
        "title": "Наш штраф", "slug": "penalty-dispute", "kind": "finance", "language": "ru", "body": "Текст.",
    })
    assert page.status_code == 200
    assert "Another article already has this address." in page.content.decode()
    page = client_for(seeded.owner).post("/w/sokolova/knowledge/new/", {
        "title": "Наш штраф", "slug": "suggest", "kind": "finance", "language": "ru", "body": "Текст.",
    })
    assert "reserved" in page.content.decode()


def test_it_serves_the_wizard_suggestions_partial(seeded, client_for, make_case):
    case = make_case(kind="logistics", status="resolved", outcome="won", external_number="DLG-777",
                     subject="Недостача 12 шт. по поставке №24815162: товар пропал на складе")
    page = client_for(seeded.viewer).get("/w/sokolova/knowledge/suggest/",
                                         {"text": "пропал товар на складе", "platform": "wb", "kind": "logistics"})
    html = page.content.decode()
    assert page.status_code == 200 and "<html" not in html
    assert "/w/sokolova/knowledge/lost-goods-warehouse/" in html
    assert f"/w/sokolova/cases/{case.number}/" in html or case.number in html
    assert "DLG-777" in html
    empty = client_for(seeded.viewer).get("/w/sokolova/knowledge/suggest/", {"text": ""}).content.decode()
    assert "kb-hit" not in empty


def test_it_shows_the_knowledge_base_in_the_menu(seeded, client_for):
    html = client_for(seeded.viewer).get("/w/sokolova/knowledge/").content.decode()
    assert 'href="/w/sokolova/knowledge/" class="active"' in html
