"""The review page in headless Debian Chromium: the vendored Chart.js draws the four charts (no CDN)."""

from __future__ import annotations

import datetime as dt
import os

from tests.conftest import BROWSER, sign_in
from tests.reports.review_data import MSK, resolve, waiting_case

pytestmark = BROWSER


def test_the_charts_are_drawn_from_the_vendored_chart_js(page, live_server, world, make_case, tmp_path):
    now = dt.datetime.now(MSK)
    for weeks_ago, amount in [(1, "15400"), (3, "48250"), (6, "7300"), (9, "1200")]:
        case = waiting_case(make_case, now - dt.timedelta(weeks=weeks_ago, days=1), amount=amount,
                            deadline=now - dt.timedelta(days=weeks_ago))
        if weeks_ago > 3:
            resolve(case, world.owner, now - dt.timedelta(weeks=weeks_ago - 2), amount)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    sign_in(page, live_server, "dina")
    page.wait_for_url(f"**/w/{world.workspace.slug}/**")
    page.goto(f"{live_server.url}/w/{world.workspace.slug}/review/")
    page.wait_for_function("window.Chart && Object.keys(Chart.instances).length === 4")
    drawn = page.evaluate("""Object.values(Chart.instances).map(c => c.data.datasets.map(d => d.data.length))""")
    if os.environ.get("REVIEW_SCREENSHOT"):
        page.screenshot(path=os.environ["REVIEW_SCREENSHOT"], full_page=True)
    assert drawn == [[12, 12], [12, 12], [5], [1]]  # trend counts, trend money, ageing, platforms
    assert not outside, outside
