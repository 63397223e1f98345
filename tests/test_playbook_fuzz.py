"""Whatever text the checker accepts, the loader builds a book from; whatever it refuses, it says where."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from sellerdesk import playbook
from sellerdesk.playbook.check import check_text

FRAGMENTS = [
    '[[topics]]\ncode = "finance.x"\ncategory = "Финансы"\nlabel = "Штраф"\nkind = "finance"\n',
    '[[topics]]\ncode = "other.y"\ncategory = "其他"\nlabel = "其他问题"\nkind = "other"\nkeywords = ["其他"]\n',
    '[[topics]]\ncode = "z"\nkind = "logistics"\n',
    "topics = []\n",
    "[channels.ticket]\nfirst_reaction_hours = 3\n",
    "[channels.chat]\nbusiness_time = true\nreminder_after_hours = 0\n",
    "[channels.email.kinds.finance]\nreminder_after_hours = 96\n",
    "[channels.pigeon]\nfirst_reaction_hours = 1\n",
    "[channels.social]\nfirst_reaction_hours = -4\n",
    "[checklists.finance.period]\nrequired = false\n",
    "[checklists.common.when]\nomit = true\n",
    '[checklists.logistics.waybill]\nlabel = "Waybill"\nentities = ["shipment"]\n',
    '[checklists.logistics.photo]\nentities = ["selfie"]\n',
    '[templates.finance]\nlead = "Штраф"\n',
    '[templates.default]\nsubject = ["{lead}"]\n',
    '[platform]\nname = "Kaspi"\nlanguage = "ru"\n',
    "[platform]\nname = 5\n",
    'colour = "red"\n',
    "[channels]\nticket = 5\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8), st.sampled_from(["wb", "ozon", "vendor", "kaspi"]))
def test_an_accepted_text_always_builds_a_book(parts, platform):
    text = "\n".join(parts)
    problems = check_text(text)
    lines = text.count("\n") + 1
    assert all(1 <= p.line <= lines for p in problems)
    if problems:
        return
    book = playbook.book(platform, tomllib.loads(text) or None)
    assert set(book.checklists) == set(playbook.kinds())
    for channel in ("chat", "ticket", "email", "claim", "smoke-signal"):
        for kind in (None, "finance"):
            clock = playbook.channel_clock(platform, channel, tomllib.loads(text) or None, kind)
            assert clock.first_reaction_hours >= 0 and clock.reminder_after_hours >= 0
