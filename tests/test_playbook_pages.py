"""The Playbook pages: everyone reads, owners and managers edit, other workspaces see nothing."""

from __future__ import annotations

import pytest

from sellerdesk.shops.models import CustomPlatform
from sellerdesk.workspace_playbook.actions import book_for
from sellerdesk.workspace_playbook.models import PlaybookOverride

GOOD = """
[[topics]]
code = "finance.penalty"
category = "Финансы"
label = "Оспорить штраф"
kind = "finance"
keywords = ["штраф"]

[channels.ticket]
reminder_after_hours = 36
"""

BAD = """[[topics]]
code = "finance.penalty"
category = "Финансы"
label = "Оспорить штраф"
kind = "finanse"
"""


def _url(world, tail=""):
    return f"/w/{world.workspace.slug}/playbook/{tail}"


def test_it_lists_the_platforms_for_a_viewer(world, client_for):
    response = client_for(world.viewer).get(_url(world))
    assert response.status_code == 200
    assert "Wildberries" in response.text and "Yandex Eda" in response.text


def test_it_shows_a_platform_to_a_viewer(world, client_for):
    response = client_for(world.viewer).get(_url(world, "wb/"))
    assert response.status_code == 200
    assert "Оспорить штраф" in response.text
    assert "Report number" in response.text
    assert "/edit/" not in response.text


def test_it_shows_the_vendor_in_chinese_labels(world, client_for):
    response = client_for(world.owner).get(_url(world, "vendor/"))
    assert "异常扣费与续费失败" in response.text


def test_it_refuses_the_edit_page_to_a_viewer(world, client_for):
    client = client_for(world.viewer)
    assert client.get(_url(world, "wb/edit/")).status_code == 403
    assert client.post(_url(world, "wb/edit/"), {"text": GOOD}).status_code == 403
    assert client.post(_url(world, "wb/reset/")).status_code == 403
    assert not PlaybookOverride.objects.exists()


def test_it_hides_another_workspaces_playbook(world, client_for):
    PlaybookOverride.objects.create(workspace=world.other_workspace, platform="wb", text=GOOD)
    outsider = client_for(world.outsider)
    assert outsider.get(_url(world)).status_code == 404
    assert outsider.get(_url(world, "wb/")).status_code == 404
    assert outsider.post(_url(world, "wb/edit/"), {"text": GOOD}).status_code == 404
    assert client_for(world.owner).get(_url(world, "wb/edit/")).context["current"].overridden is False


def test_an_unknown_platform_is_a_404(world, client_for):
    CustomPlatform.objects.create(workspace=world.other_workspace, code="kaspi", name="Kaspi")
    client = client_for(world.owner)
    assert client.get(_url(world, "kaspi/")).status_code == 404
    assert client.get(_url(world, "nope/edit/")).status_code == 404


def test_the_edit_page_holds_the_shipped_text(world, client_for):
    response = client_for(world.manager).get(_url(world, "ozon/edit/"))
    assert response.status_code == 200
    assert "Написать в поддержку" in response.text and "[channels.chat]" in response.text


@pytest.mark.parametrize("role", ["owner", "manager"])
def test_it_saves_an_edit(world, client_for, role):
    response = client_for(world.member(role)).post(_url(world, "wb/edit/"), {"text": GOOD})
    assert response.status_code == 302
    row = PlaybookOverride.objects.get(workspace=world.workspace, platform="wb")
    assert row.updated_by == world.member(role).user
    book = book_for(world.workspace, "wb")
    assert [t.code for t in book.topics] == ["finance.penalty"]
    assert book.channels["ticket"].reminder_after_hours == 36
    assert book_for(world.other_workspace, "wb").channels["ticket"].reminder_after_hours == 72
    page = client_for(world.viewer).get(_url(world, "wb/edit/".replace("edit/", "")))
    assert "Edited" in page.text or "edited" in page.text


def test_a_bad_text_is_refused_with_its_line_and_nothing_is_saved(world, client_for):
    response = client_for(world.owner).post(_url(world, "wb/edit/"), {"text": BAD})
    assert response.status_code == 400
    assert "Line 5" in response.text and "finanse" in response.text
    assert "<code>kind = &quot;finanse&quot;</code>" in response.text
    assert "kind = &quot;finanse&quot;" in response.text  # the text is kept for fixing
    assert not PlaybookOverride.objects.exists()


def test_a_syntax_error_is_refused_with_its_line(world, client_for):
    response = client_for(world.owner).post(_url(world, "wb/edit/"), {"text": 'a = 1\n\n[channels.chat\n'})
    assert response.status_code == 400
    assert "Line 3" in response.text and "TOML syntax error" in response.text
    assert not PlaybookOverride.objects.exists()


def test_problems_are_shown_in_the_users_language(world, client_for):
    client = client_for(world.owner)
    client.cookies["django_language"] = "ru"
    response = client.post(_url(world, "wb/edit/"), {"text": BAD}, headers={"accept-language": "ru"})
    assert response.status_code == 400
    assert "finanse" in response.text


def test_reset_goes_back_to_the_shipped_version(world, client_for):
    client = client_for(world.owner)
    client.post(_url(world, "wb/edit/"), {"text": GOOD})
    assert book_for(world.workspace, "wb").channels["ticket"].reminder_after_hours == 36
    edit = client.get(_url(world, "wb/edit/"))
    assert "Reset to shipped" in edit.text and "reminder_after_hours = 36" in edit.text
    assert "The shipped version, for comparison" in edit.text and "«Новый диалог»" in edit.text
    response = client.post(_url(world, "wb/reset/"))
    assert response.status_code == 302
    assert not PlaybookOverride.objects.exists()
    assert book_for(world.workspace, "wb").channels["ticket"].reminder_after_hours == 72
    assert "Ticket / cabinet dialog" in client.get(_url(world, "wb/")).text


def test_it_shows_the_templates_and_a_workspaces_change_to_them(world, client_for):
    client = client_for(world.owner)
    assert "Appeal templates" in client.get(_url(world, "wb/")).text
    text = '[templates.finance]\nlead = "Оспаривание удержания"\n'
    assert client.post(_url(world, "wb/edit/"), {"text": text}).status_code == 302
    assert "Оспаривание удержания" in client.get(_url(world, "wb/")).text
    assert book_for(world.workspace, "wb").templates["finance"]["lead"] == "Оспаривание удержания"
    assert "subject" in book_for(world.workspace, "wb").templates["finance"]


def test_it_shows_clocks_set_for_one_kind(world, client_for):
    client = client_for(world.owner)
    assert "Ticket / cabinet dialog · Finance" in client.get(_url(world, "wb/")).text
    client.post(_url(world, "ozon/edit/"), {"text": "[channels.chat.kinds.logistics]\nreminder_after_hours = 6\n"})
    page = client.get(_url(world, "ozon/")).text
    assert "Chat · Logistics" in page and "6 h" in page


def test_a_workspaces_own_platform_gets_the_generic_book(world, client_for):
    CustomPlatform.objects.create(workspace=world.workspace, code="lamoda", name="Lamoda", language="ru")
    client = client_for(world.owner)
    assert client.get(_url(world, "lamoda/")).status_code == 200
    book = book_for(world.workspace, "lamoda")
    assert book.platform.name == "Lamoda"
    assert {t.kind for t in book.topics} == set(__import__("sellerdesk.playbook").playbook.kinds())
    assert client.post(_url(world, "lamoda/edit/"), {"text": GOOD}).status_code == 302
    assert book_for(world.workspace, "lamoda").topics[0].label == "Оспорить штраф"
