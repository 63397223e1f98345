"""Article text to HTML and highlighted snippets: only our own tags, never the author's, on any input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.knowledge.text import highlight, make_query, render_body, snippet

HOSTILE = ["1" * 100_000, "а-" * 50_000, "@" * 100_000, "*" * 100_000, "**a" * 33_000, "#" * 100_000,
           "- " * 50_000, "1. " * 33_000, "\n" * 100_000, "钱" * 100_000, "<" * 100_000]


def test_it_renders_paragraphs_headings_lists_and_bold():
    html = render_body("### Что проверить\n- остатки\n- **статус** поставки\n\n1. шаг\n2. шаг\n\nПервая строка\nвторая")
    assert "<h3>Что проверить</h3>" in html
    assert "<ul>\n<li>остатки</li>\n<li><strong>статус</strong> поставки</li>\n</ul>" in html
    assert "<ol>\n<li>шаг</li>\n<li>шаг</li>\n</ol>" in html
    assert "<p>Первая строка<br>вторая</p>" in html


def test_it_escapes_everything_the_author_wrote():
    html = render_body('<script>alert(1)</script>\n- <a href="javascript:x">ссылка</a>\n**<img src=x>**')
    assert "<script>" not in html and "<a " not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<strong>&lt;img src=x&gt;</strong>" in html


def test_it_highlights_words_in_any_form_and_chinese_words():
    html = highlight("Товары пропали на складе Коледино", {"товар", "пропасть", "склад"})
    assert html == "<mark>Товары</mark> <mark>пропали</mark> на <mark>складе</mark> Коледино"
    assert highlight("回款一直没有到账", {"到账"}) == "回款一直没有<mark>到账</mark>"
    assert highlight("<b>штраф</b>", {"штраф"}) == "&lt;b&gt;<mark>штраф</mark>&lt;/b&gt;"


def test_it_cuts_the_snippet_around_the_matches():
    body = "Вступление. " * 40 + "\n\nЕсли пропал товар на складе, начните с акта приёмки."
    html = snippet(body, {"пропасть", "склад"})
    assert "<mark>пропал</mark>" in html and "Вступление" not in html


@given(st.text(max_size=2000))
def test_it_renders_any_text_without_raw_markup(text):
    html = render_body(text)
    stripped = html
    for tag in ("<p>", "</p>", "<br>", "<h3>", "</h3>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>",
                "<strong>", "</strong>"):
        stripped = stripped.replace(tag, "")
    assert "<" not in stripped


@given(st.text(max_size=500), st.sets(st.text(min_size=1, max_size=5), max_size=5))
def test_it_highlights_any_text_safely(text, terms):
    html = str(highlight(text, terms)).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in html
    snippet(text, terms)
    make_query(text)


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:6]))
def test_it_stays_fast_on_hostile_input(text):
    started = time.perf_counter()
    render_body(text)
    snippet(text, {"товар", "钱"})
    make_query(text)
    assert time.perf_counter() - started < 2
