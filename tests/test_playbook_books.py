"""The shipped playbook: every platform's book loads, covers every kind, and keeps its codes unique."""

from __future__ import annotations

import pytest

from sellerdesk import playbook
from sellerdesk.language.entities import KINDS as ENTITY_KINDS
from sellerdesk.playbook.books import CHANNELS, PLATFORM_DIR

SHIPPED = ("wb", "ozon", "ymarket", "avito", "yandex_eda", "vendor")


def test_it_ships_a_file_for_every_platform():
    assert set(SHIPPED) == set(playbook.platforms())
    for code in SHIPPED:
        assert (PLATFORM_DIR / f"{code}.toml").is_file()


@pytest.mark.parametrize("code", SHIPPED)
def test_it_covers_every_kind_with_unique_topic_codes(code):
    book = playbook.book(code)
    assert book.platform == playbook.platforms()[code]
    codes = [t.code for t in book.topics]
    assert len(codes) == len(set(codes))
    assert {t.kind for t in book.topics} == set(playbook.kinds())
    for kind in playbook.kinds():
        assert book.topics_of(kind), kind
    assert all(t.keywords and t.label and t.category for t in book.topics)


@pytest.mark.parametrize("code", ["wb", "ozon", "ymarket", "avito", "yandex_eda"])
def test_a_russian_platform_has_eight_to_sixteen_topics_in_russian(code):
    book = playbook.book(code)
    assert 8 <= len(book.topics) <= 16
    assert all(any("а" <= ch.lower() <= "я" for ch in t.label) for t in book.topics)
    assert any(t.category == "Другое" and t.kind == "other" for t in book.topics)


def test_the_vendor_speaks_chinese_and_answers_on_social_networks():
    book = playbook.book("vendor")
    assert book.platform.language == "zh"
    assert any(t.category == "其他" and t.kind == "other" for t in book.topics)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t.label) for t in book.topics)
    assert "social" in book.channels
    assert 24 <= book.channels["ticket"].reminder_after_hours <= 48


@pytest.mark.parametrize("words, platform, topic", [
    ("пропал товар", "wb", "content.card_hidden"),
    ("не видно карточку", "ozon", "content.card_hidden"),
    ("карточка скрыта", "ymarket", "content.offer_hidden"),
    ("钱没到账", "wb", "finance.payout"),
    ("штраф", "wb", "finance.penalty"),
    ("удержание", "wb", "finance.deduction"),
    ("невыкуп", "wb", "logistics.returns"),
    ("приёмка", "ozon", "logistics.fbo_supply"),
    ("эдо", "wb", "documents.edo"),
    ("честный знак", "wb", "documents.marking"),
    ("реклама", "avito", "promotion.services"),
    ("акция", "yandex_eda", "promotion.ads"),
    ("订单同步", "vendor", "technical.order_sync"),
])
def test_plain_words_are_keywords_of_their_topic(words, platform, topic):
    assert words in playbook.book(platform).topic(topic).keywords


@pytest.mark.parametrize("code", SHIPPED)
def test_clocks_follow_the_domain_defaults(code):
    channels = playbook.book(code).channels
    assert set(channels) <= set(CHANNELS)
    ticket = channels["ticket"]
    assert 3 <= ticket.first_reaction_hours <= 72 and 24 <= ticket.reminder_after_hours <= 72
    if "email" in channels:
        assert channels["email"].first_reaction_hours >= 24 and 24 <= channels["email"].reminder_after_hours <= 72
    if "chat" in channels:
        assert 5 / 60 <= channels["chat"].first_reaction_hours <= 0.5 and not channels["chat"].business_time
    assert channels["claim"].first_reaction_hours == 720 and not channels["claim"].business_time
    assert channels["public"].first_reaction_hours == 0 and channels["external"].reminder_after_hours == 0


def test_wb_answers_in_one_to_three_business_days():
    ticket = playbook.book("wb").channels["ticket"]
    assert ticket.business_time and 24 <= ticket.first_reaction_hours <= 72


@pytest.mark.parametrize("code", [*SHIPPED, "lamoda"])
def test_every_kind_has_a_checklist_with_the_common_items(code):
    checklists = playbook.book(code).checklists
    assert set(checklists) == set(playbook.kinds())
    for kind, items in checklists.items():
        codes = [i.code for i in items]
        assert len(codes) == len(set(codes)), kind
        assert {"when", "request", "evidence"} <= set(codes), kind
        for item in items:
            assert item.label and set(item.entities) <= set(ENTITY_KINDS)


def test_finance_needs_a_period_and_amounts():
    items = {i.code: i for i in playbook.book("wb").checklists["finance"]}
    assert items["period"].required and set(items["period"].entities) == {"period", "date"}
    assert items["amounts"].required and items["amounts"].entities == ("money",)
    assert items["bank_statement"].evidence and not items["bank_statement"].required
    assert "report" in items["report_number"].entities


def test_logistics_content_access_and_technical_items():
    book = playbook.book("ozon")
    logistics = {i.code: i for i in book.checklists["logistics"]}
    assert logistics["event_number"].required and "posting" in logistics["event_number"].entities
    assert logistics["packaging_photos"].evidence
    content = {i.code: i for i in book.checklists["content"]}
    assert content["product"].entities == ("sku", "article")  # Ozon's own change
    assert content["field"].required and content["field_screenshots"].evidence
    assert {"who", "menu_screenshot", "rights_changed"} <= {i.code for i in book.checklists["access"]}
    assert {"error", "steps", "failure_time", "tried"} <= {i.code for i in book.checklists["technical"]}


def test_an_unknown_platform_gets_the_generic_book():
    book = playbook.book("kaspi")
    assert book.platform.code == "kaspi" and book.platform.name == "kaspi"
    assert {t.kind for t in book.topics} == set(playbook.kinds())
    assert book.channels["ticket"].business_time
    assert playbook.book("../wb").platform.code == "../wb"  # a path is only a code


def test_templates_always_have_a_default():
    for code in [*SHIPPED, "kaspi"]:
        assert "default" in playbook.book(code).templates


def test_the_shipped_book_is_cached():
    assert playbook.book("wb") is playbook.book("wb")


@pytest.mark.parametrize("code", [*SHIPPED, "kaspi"])
def test_no_keyword_points_at_two_topics(code):
    owners: dict[str, str] = {}
    for topic in playbook.book(code).topics:
        for word in topic.keywords:
            assert owners.setdefault(word.lower(), topic.code) == topic.code, (word, owners[word.lower()], topic.code)


@pytest.mark.parametrize("code", ["wb", "ozon", "ymarket", "avito", "yandex_eda"])
def test_russian_platforms_understand_chinese_and_english_sellers(code):
    for kind in ("finance", "logistics", "content", "access", "technical", "promotion", "reviews"):
        words = [w for t in playbook.book(code).topics_of(kind) for w in t.keywords]
        assert any("\u4e00" <= ch <= "\u9fff" for w in words for ch in w), kind
        assert any(w.isascii() and w.isalpha() for w in words), kind
