"""A workspace's overrides laid over the shipped book: topics wholesale, channels and checklists per key."""

from __future__ import annotations

import tomllib

from sellerdesk import playbook
from sellerdesk.playbook import books


def _ov(text: str) -> dict:
    return tomllib.loads(text)


def test_topics_are_replaced_wholesale():
    book = playbook.book("wb", _ov("""
[[topics]]
code = "finance.storage"
category = "Финансы"
label = "Платное хранение"
kind = "finance"
keywords = ["хранение", "仓储费"]
"""))
    assert [t.code for t in book.topics] == ["finance.storage"]
    assert book.topics[0].keywords == ("хранение", "仓储费")
    assert len(playbook.book("wb").topics) > 1  # the shipped book is untouched


def test_channels_merge_per_channel_and_field():
    text = "[channels.chat]\nreminder_after_hours = 12\n[channels.social]\nbusiness_time = true"
    book = playbook.book("ozon", _ov(text))
    assert book.channels["chat"].reminder_after_hours == 12
    assert book.channels["chat"].first_reaction_hours == 0.5
    assert book.channels["social"].business_time and book.channels["social"].first_reaction_hours == 72
    assert book.channels["ticket"] == playbook.book("ozon").channels["ticket"]
    assert len(book.topics) == len(playbook.book("ozon").topics)


def test_checklists_merge_per_item():
    book = playbook.book("wb", _ov("""
[checklists.finance.bank_statement]
required = true
[checklists.finance.calculation]
omit = true
[checklists.finance.seller_act]
label = "Signed act"
evidence = true
[checklists.common.who]
required = true
"""))
    items = {i.code: i for i in book.checklists["finance"]}
    assert items["bank_statement"].required and items["bank_statement"].label == "Bank statement"
    assert "calculation" not in items
    assert items["seller_act"].evidence and not items["seller_act"].required
    assert all({i.code: i for i in book.checklists[k]}["who"].required for k in playbook.kinds())
    assert "calculation" in {i.code for i in playbook.book("wb").checklists["finance"]}


def test_templates_merge_per_kind_over_the_language_file(monkeypatch, tmp_path):
    (tmp_path / "ru.toml").write_text('[default]\nsubject = "Обращение"\n[finance]\nsubject = "Финансы"\nbody = "x"\n')
    monkeypatch.setattr(books, "TEMPLATE_DIR", tmp_path)
    books.clear_caches()
    try:
        book = playbook.book("wb", _ov('[templates.finance]\nsubject = "Штраф по поставке {supply}"'))
        assert book.templates["finance"] == {"subject": "Штраф по поставке {supply}", "body": "x"}
        assert book.templates["default"] == {"subject": "Обращение"}
    finally:
        books.clear_caches()


def test_a_missing_template_file_gives_an_empty_default(monkeypatch, tmp_path):
    monkeypatch.setattr(books, "TEMPLATE_DIR", tmp_path)
    books.clear_caches()
    try:
        assert playbook.book("ozon").templates == {"default": {}}
    finally:
        books.clear_caches()


def test_a_workspace_names_its_own_platform():
    book = playbook.book("lamoda", {"platform": {"name": "Lamoda", "language": "ru"}})
    assert book.platform.name == "Lamoda"
    assert {t.kind for t in book.topics} == set(playbook.kinds())


def test_channel_clock_reads_per_kind_and_falls_back_to_the_ticket():
    assert playbook.channel_clock("wb", "ticket").first_reaction_hours == 24
    assert playbook.channel_clock("wb", "ticket", kind="finance").first_reaction_hours == 48
    assert playbook.channel_clock("wb", "ticket", kind="content").first_reaction_hours == 24
    chat = playbook.channel_clock("wb", "chat")  # WB sellers have no support chat: the dialog's clock
    assert chat.code == "chat" and chat.reminder_after_hours == 72
    custom = playbook.channel_clock("wb", "ticket", _ov("[channels.ticket.kinds.logistics]\nreminder_after_hours = 30"),
                                    kind="logistics")
    assert custom.reminder_after_hours == 30 and custom.first_reaction_hours == 24
    assert playbook.channel_clock("ozon", "chat").business_time is False


def test_a_kinds_clock_merges_per_field():
    overrides = _ov("[channels.ticket.kinds.finance]\nreminder_after_hours = 96\n")
    finance = playbook.channel_clock("wb", "ticket", overrides, kind="finance")
    assert (finance.first_reaction_hours, finance.reminder_after_hours) == (48, 96)


def test_a_platforms_own_checklist_item_keeps_its_label_when_changed():
    items = {i.code: i for i in playbook.book("vendor", _ov("[checklists.finance.billing_record]\nrequired = false"))
             .checklists["finance"]}
    assert items["billing_record"].label == "Billing record or payment receipt"
    assert not items["billing_record"].required and items["billing_record"].evidence
