"""With a platform's book, classify() picks the platform's topic: plain words meet official ones."""

from __future__ import annotations

import dataclasses

from sellerdesk.analysis.classify import choose_topic, classify
from sellerdesk.playbook import PlatformBook, Topic, book


def test_it_picks_the_wildberries_penalty_topic_for_a_fine():
    result = classify("Нам выписали штраф за несоответствие габаритов, хотим оспорить", platform="wb")
    assert result.kind == "finance"
    assert result.topic.code == "finance.penalty"
    assert result.topic.kind == "finance"
    assert 0 < result.topic_confidence <= 1


def test_it_maps_plain_words_to_the_card_hidden_topic():
    result = classify("пропал товар, не видно карточку на сайте", platform="wb")
    assert result.kind == "content"
    assert result.topic.code == "content.card_hidden"


def test_it_tells_a_payout_from_a_deduction():
    payout = classify("деньги не пришли, выплата задерживается уже неделю", platform="wb")
    deduction = classify("в отчёте о реализации непонятное удержание за хранение", platform="wb")
    assert payout.topic.code == "finance.payout"
    assert deduction.topic.code == "finance.deduction"


def test_it_picks_chinese_vendor_topics():
    result = classify("你们系统自动续费扣了我的钱，要求退款", platform="vendor")
    assert result.kind == "finance"
    assert result.topic.code == "finance.billing"


def test_it_uses_the_book_it_is_given_over_the_shipped_one():
    shipped = book("ozon")
    custom_topic = Topic(code="finance.cashback", category="Финансы", label="Кешбэк баллами", kind="finance",
                         keywords=("кешбэк", "баллы за отзывы", "cashback", "返现"))
    custom = dataclasses.replace(shipped, topics=(*shipped.topics, custom_topic))
    result = classify("кешбэк покупателям списали с нашего баланса дважды", platform="ozon", book=custom)
    assert result.topic.code == "finance.cashback"
    assert classify("кешбэк покупателям списали с нашего баланса дважды", platform="ozon").topic.code != \
        "finance.cashback"


def test_topic_alternatives_are_ranked_and_include_the_best():
    result = classify("поставка не принята на складе, недостача 14 коробов", platform="ozon")
    assert result.topic_alternatives[0] == (result.topic, result.topic_confidence)
    shares = [p for _, p in result.topic_alternatives]
    assert shares == sorted(shares, reverse=True)
    assert len(result.topic_alternatives) <= 3


def test_it_handles_a_book_without_topics():
    empty = dataclasses.replace(book("wb"), topics=())
    result = classify("штраф за габариты", platform="wb", book=empty)
    assert result.kind == "finance"
    assert result.topic is None and result.topic_alternatives == []


def test_it_handles_a_book_with_no_topic_of_the_kind():
    only_reviews = dataclasses.replace(book("wb"), topics=book("wb").topics_of("reviews"))
    result = classify("штраф за габариты 15 000 ₽", platform="wb", book=only_reviews)
    assert result.kind == "finance"
    assert result.topic is None or result.topic.kind == "reviews"


def test_an_unknown_platform_gets_the_playbooks_generic_topics():
    result = classify("штраф за габариты", platform="no-such-platform")
    assert result.kind == "finance"
    assert result.topic is None or result.topic.kind == "finance"


def test_a_runner_up_kind_topic_needs_its_keywords_in_the_text():
    wb: PlatformBook = book("wb")
    ranked = [("finance", 0.6), ("logistics", 0.3), ("content", 0.1)]
    topic, share, alternatives = choose_topic("штраф", ranked, wb)
    assert topic.kind == "finance"
    assert all(t.kind == "finance" for t, _ in alternatives)
