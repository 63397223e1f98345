"""The clocks panel on the case page: dues in the reader's zone, overdue and paused clocks marked."""

from __future__ import annotations

import datetime as dt

import time_machine

from sellerdesk.accounts.models import Profile
from sellerdesk.cases.actions import change_status, create_case
from sellerdesk.cases.choices import Status
from sellerdesk.playbook.calendar import MOSCOW


def msk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MOSCOW)


def _submitted(world):
    with time_machine.travel(msk(2026, 3, 13, 12, 0), tick=False):
        case = create_case(world.workspace, world.owner, shop=world.shop, kind="logistics", status=Status.READY,
                           subject="Поставка 24815162 не принята на складе Коледино")
        return change_status(case, world.owner, Status.SUBMITTED, expected_version=None, external_number="WB-5512340")


def _page(client, world, case, at):
    with time_machine.travel(at, tick=False):
        response = client.get(f"/w/{world.workspace.slug}/cases/{case.number}/")
    assert response.status_code == 200
    return response.content.decode()


def _panel(html: str) -> str:
    start = html.index('id="clocks"')
    return html[start:html.index("</section>", start)]


def test_the_panel_shows_the_running_clock_in_moscow_time(world, client_for):
    case = _submitted(world)
    panel = _panel(_page(client_for(world.manager), world, case, msk(2026, 3, 13, 15, 0)))
    assert "Support&#x27;s first answer" in panel
    assert "16.03.2026 12:00" in panel
    assert "business time" in panel
    assert "overdue" not in panel


def test_an_overdue_clock_is_marked_and_shown_in_the_readers_zone(world, client_for):
    Profile.objects.create(user=world.manager.user, time_zone="Asia/Shanghai")
    case = _submitted(world)
    panel = _panel(_page(client_for(world.manager), world, case, msk(2026, 3, 16, 15, 0)))
    assert "16.03.2026 17:00" in panel  # 12:00 in Moscow
    assert 'class="overdue"' in panel and "overdue by 3" in panel


def test_a_paused_clock_says_so(world, client_for):
    case = _submitted(world)
    with time_machine.travel(msk(2026, 3, 16, 10, 0), tick=False):
        case = change_status(case, world.owner, Status.ON_US, expected_version=None)
    panel = _panel(_page(client_for(world.viewer), world, case, msk(2026, 3, 16, 15, 0)))
    assert "paused" in panel and "16.03.2026 10:00" in panel
    assert "Our reaction" in panel and "17.03.2026 10:00" in panel


def test_a_draft_has_no_clocks_panel(world, client_for, make_case):
    case = make_case()
    assert 'id="clocks"' not in _page(client_for(world.owner), world, case, msk(2026, 3, 16, 15, 0))


def test_a_finished_case_has_no_clocks_panel(world, client_for):
    case = _submitted(world)
    with time_machine.travel(msk(2026, 3, 16, 10, 0), tick=False):
        case = change_status(case, world.owner, Status.RESOLVED, expected_version=None, outcome="won")
    assert 'id="clocks"' not in _page(client_for(world.owner), world, case, msk(2026, 3, 16, 15, 0))
