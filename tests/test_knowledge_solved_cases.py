"""Solved cases as self-diagnosis: won or partly won cases of the workspace that look like the problem."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sellerdesk.knowledge.actions import seed_starter_articles
from sellerdesk.knowledge.search import find_solved_cases, suggestions_for

LOST_GOODS = dict(
    kind="logistics", status="resolved", outcome="won",
    subject="Недостача 12 шт. по поставке №24815162 (склад Коледино): прошу найти товар",
    body="По акту приёмки принято 88 единиц вместо 100, хотя счётчик на упаковочной линии показал 100. "
         "Прошу найти товар или признать утерю и начислить компенсацию.",
    outcome_note="Склад нашёл коробку, товар зачислен в остатки.",
)
PAYOUT = dict(
    kind="finance", status="closed", outcome="partial",
    subject="Не поступила выплата за 03.03–09.03 по отчёту №345678",
    body="По отчёту к перечислению 84 300 ₽, на счёт поступило 61 000 ₽.",
    outcome_note="Выплату довели, часть удержания оставили.", entities=[("report", "345678")],
)


@pytest.fixture
def journal(world, make_case):
    return {
        "lost": make_case(**LOST_GOODS),
        "payout": make_case(**PAYOUT),
        "card": make_case(kind="content", status="resolved", outcome="won", entities=[("nmid", "123456789")],
                          subject="Карточка nmID 123456789 скрыта после проверки: ошибка в поле «Состав»",
                          body="Карточка пропала из поиска после правки состава."),
        "lost_open": make_case(subject="Недостача 5 шт. по поставке №99887766: товар пропал на складе",
                               kind="logistics", entities=[("supply", "99887766")]),
        "lost_lost": make_case(subject="Недостача 3 шт. по поставке №11223344, склад потерял товар",
                               kind="logistics", status="resolved", outcome="lost", entities=[("supply", "11223344")]),
    }


def test_it_finds_a_won_case_for_plain_words(journal, world):
    hits = find_solved_cases(world.workspace, "пропал товар на складе")
    assert hits[0].number == journal["lost"].number
    assert hits[0].score > 0
    assert "недостача" in hits[0].matched or "склад" in hits[0].matched


def test_it_finds_a_partly_won_case_for_a_chinese_description(journal, world):
    hits = find_solved_cases(world.workspace, "钱一直没到账，回款少了")
    assert hits and hits[0].number == journal["payout"].number
    assert hits[0].outcome == "partial"


def test_it_finds_a_case_through_synonyms(journal, world):
    hits = find_solved_cases(world.workspace, "карточку не видно на сайте")
    assert hits[0].number == journal["card"].number


def test_it_leaves_out_open_and_lost_cases(journal, world):
    numbers = {h.number for h in find_solved_cases(world.workspace, "недостача товар пропал склад поставка", limit=20)}
    assert journal["lost"].number in numbers
    assert journal["lost_open"].number not in numbers
    assert journal["lost_lost"].number not in numbers


def test_it_lifts_cases_of_the_same_kind(journal, world, make_case):
    price = make_case(kind="promotion", status="closed", outcome="won",
                      subject="Карточки скрыты с витрины с пометкой «Цена выше рыночной»",
                      body="Карточки скрыты после смены цены, хотя цена обоснована.")
    assert find_solved_cases(world.workspace, "карточка скрыта", kind="promotion")[0].number == price.number
    assert find_solved_cases(world.workspace, "карточка скрыта", kind="content")[0].number == journal["card"].number


def test_it_never_shows_another_workspaces_cases(journal, world, make_case):
    theirs = make_case(workspace=world.other_workspace, actor=world.outsider, **{**LOST_GOODS, "subject":
                       "Недостача 40 шт. по поставке №55555555 (склад Казань): товар пропал"})
    assert all(h.id != theirs.pk for h in find_solved_cases(world.workspace, "пропал товар на складе", limit=50))
    assert [h.id for h in find_solved_cases(world.other_workspace, "пропал товар на складе")] == [theirs.pk]


def test_it_gives_the_wizard_articles_and_cases_together(journal, world):
    seed_starter_articles(world.workspace)
    found = suggestions_for(world.workspace, "пропал товар на складе", "wb", "logistics")
    assert found["articles"][0].slug == "lost-goods-warehouse"
    assert found["cases"][0].number == journal["lost"].number


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_it_never_crashes_on_any_text(journal, world, text):
    for hit in find_solved_cases(world.workspace, text):
        assert hit.score > 0


def _refresh_fulltext_index() -> None:
    """SQLite keeps the index by triggers; when a table rebuild in a later migration has dropped them,
    rebuild the index here so that this test checks the search and not the triggers."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')")


def test_it_finds_an_old_case_among_many_newer_ones_through_the_full_text_index(world, make_case):
    old = make_case(**LOST_GOODS)
    for n in range(100):
        make_case(kind="logistics", status="resolved", outcome="won", entities=[("supply", str(30000000 + n))],
                  subject=f"Оспаривание штрафа по поставке №{30000000 + n} от 12.03.2026")
    _refresh_fulltext_index()
    hits = find_solved_cases(world.workspace, "пропал товар на складе")
    assert hits[0].number == old.number
    hits = find_solved_cases(world.workspace, "仓库少货，东西丢了")  # Chinese words, Russian case, via synonyms
    assert hits[0].number == old.number
    hits = find_solved_cases(world.workspace, "счетчик")  # written without ё, the case has «счётчик»
    assert hits[0].number == old.number


@pytest.mark.parametrize("text", ["don't get paid", "по-русски штраф", "'; DROP TABLE cases_case; --", "&|!<->:*",
                                  '"товар" OR NOT склад', "NEAR(товар склад)", "товар* -склад"])
def test_it_takes_query_syntax_as_plain_words(journal, world, text):
    _refresh_fulltext_index()
    for hit in find_solved_cases(world.workspace, text):
        assert hit.score > 0
