"""A workspace's playbook edits through the actions: validated, stored once, read cheaply."""

from __future__ import annotations

import datetime

import pytest

from sellerdesk import playbook
from sellerdesk.shops.models import CustomPlatform
from sellerdesk.workspace_playbook.actions import (
    PlaybookRejected,
    book_for,
    clock_for,
    effective,
    reset_override,
    save_override,
)
from sellerdesk.workspace_playbook.models import PlaybookOverride

CLOCK = "[channels.ticket]\nfirst_reaction_hours = 8\nreminder_after_hours = 24\n"


def test_it_refuses_a_bad_text_with_line_numbers_and_saves_nothing(world):
    text = CLOCK + "\n[channels.chat]\nreminder_after_hours = -5\n\n[checklists.finanse.period]\nrequired = true\n"
    with pytest.raises(PlaybookRejected) as refused:
        save_override(world.workspace, world.owner.user, "wb", text)
    negative, kind = refused.value.problems
    assert negative.line == 6 and "cannot be negative" in negative.message
    assert kind.line == 8 and "Unknown kind “finanse”" in kind.message
    assert not PlaybookOverride.objects.exists()


def test_it_saves_once_per_platform_and_reads_it_back(world):
    save_override(world.workspace, world.owner.user, "ozon", CLOCK)
    save_override(world.workspace, world.manager.user, "ozon", CLOCK.replace("= 8", "= 6"))
    row = PlaybookOverride.objects.get()
    assert row.updated_by == world.manager.user and "= 6" in row.text
    assert book_for(world.workspace, "ozon").channels["ticket"].first_reaction_hours == 6
    assert book_for(world.workspace, "ozon").channels["chat"] == playbook.book("ozon").channels["chat"]
    assert effective(world.workspace, "ozon").overridden
    assert not effective(world.workspace, "wb").overridden
    assert effective(world.workspace, "wb").text.startswith("# Wildberries")


def test_another_workspace_keeps_the_shipped_book(world):
    save_override(world.workspace, world.owner.user, "wb", CLOCK)
    assert book_for(world.other_workspace, "wb") is playbook.book("wb")


def test_reset_returns_to_the_shipped_book(world):
    save_override(world.workspace, world.owner.user, "wb", CLOCK)
    assert reset_override(world.workspace, world.owner.user, "wb") is True
    assert reset_override(world.workspace, world.owner.user, "wb") is False
    assert book_for(world.workspace, "wb") is playbook.book("wb")


def test_it_reads_the_book_with_one_query_and_no_parsing(world, django_assert_num_queries, monkeypatch):
    save_override(world.workspace, world.owner.user, "wb", CLOCK)
    first = book_for(world.workspace, "wb")
    monkeypatch.setattr(playbook.books, "build", lambda *a: pytest.fail("parsed again"))
    with django_assert_num_queries(1):
        assert book_for(world.workspace, "wb") is first


def test_an_edit_made_by_another_process_is_seen(world):
    save_override(world.workspace, world.owner.user, "wb", CLOCK)
    assert book_for(world.workspace, "wb").channels["ticket"].first_reaction_hours == 8
    later = PlaybookOverride.objects.get().updated_at + datetime.timedelta(seconds=1)
    PlaybookOverride.objects.update(text=CLOCK.replace("= 8", "= 4"), updated_at=later)
    assert book_for(world.workspace, "wb").channels["ticket"].first_reaction_hours == 4
    PlaybookOverride.objects.all().delete()
    assert book_for(world.workspace, "wb") is playbook.book("wb")


def test_a_broken_stored_text_falls_back_to_the_shipped_book(world):
    PlaybookOverride.objects.create(workspace=world.workspace, platform="wb", text="[[topics]\n")
    assert book_for(world.workspace, "wb").topics == playbook.book("wb").topics


def test_an_own_platform_takes_its_name_and_language(world):
    CustomPlatform.objects.create(workspace=world.workspace, code="kaspi", name="Kaspi.kz", language="ru")
    book = book_for(world.workspace, "kaspi")
    assert book.platform.name == "Kaspi.kz" and book.platform.language == "ru"
    assert book_for(world.other_workspace, "kaspi").platform.name == "kaspi"
    save_override(world.workspace, world.owner.user, "kaspi", CLOCK)
    assert book_for(world.workspace, "kaspi").platform.name == "Kaspi.kz"
    assert book_for(world.workspace, "kaspi").channels["ticket"].first_reaction_hours == 8


def test_a_vendor_override_may_change_the_vendors_own_items(world):
    text = "[checklists.finance.billing_record]\nrequired = false\n"
    save_override(world.workspace, world.owner.user, "vendor", text)
    items = {i.code: i for i in book_for(world.workspace, "vendor").checklists["finance"]}
    assert items["billing_record"].label == "Billing record or payment receipt" and not items["billing_record"].required


def test_clock_for_reads_the_workspaces_clocks_per_kind(world):
    assert clock_for(world.workspace, "wb", "ticket", "finance").first_reaction_hours == 48
    assert clock_for(world.workspace, "wb", "ticket", "content").first_reaction_hours == 24
    text = "[channels.ticket]\nfirst_reaction_hours = 12\n[channels.ticket.kinds.content]\nreminder_after_hours = 30\n"
    save_override(world.workspace, world.owner.user, "wb", text)
    content = clock_for(world.workspace, "wb", "ticket", "content")
    assert (content.first_reaction_hours, content.reminder_after_hours) == (12, 30)
    assert clock_for(world.workspace, "wb", "ticket", "finance").first_reaction_hours == 48
    assert clock_for(world.workspace, "wb", "ticket").first_reaction_hours == 12
    assert clock_for(world.workspace, "wb", "pigeon").first_reaction_hours == 12
    assert clock_for(world.other_workspace, "wb", "ticket").first_reaction_hours == 24
