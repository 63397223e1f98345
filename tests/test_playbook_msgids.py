"""Every label and hint the shipped playbook shows is a msgid makemessages can find."""

from __future__ import annotations

from sellerdesk import playbook
from sellerdesk.workspace_playbook.msgids import CHECKLIST_MSGIDS

SHIPPED = ("wb", "ozon", "ymarket", "avito", "yandex_eda", "vendor", "generic")


def test_every_checklist_label_and_hint_is_listed():
    shown = {text for code in SHIPPED for items in playbook.book(code).checklists.values()
             for item in items for text in (item.label, item.hint) if text}
    assert shown - set(CHECKLIST_MSGIDS) == set()
