import datetime as dt

from django.utils import timezone

from sellerdesk.accounts.models import Profile


def test_times_are_shown_in_moscow_time_by_default(world, client_for, make_case):
    case = make_case(deadline=dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC))
    page = client_for(world.owner).get(f"/w/{world.workspace.slug}/cases/{case.number}/").text
    assert "12.03.2026 12:00" in page


def test_a_member_chooses_another_zone(world, client_for, make_case):
    Profile.objects.create(user=world.owner.user, time_zone="Asia/Shanghai")
    case = make_case(deadline=dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC))
    page = client_for(world.owner).get(f"/w/{world.workspace.slug}/cases/{case.number}/").text
    assert "12.03.2026 17:00" in page


def test_times_are_stored_in_utc(make_case):
    case = make_case(deadline=timezone.now())
    case.refresh_from_db()
    assert case.deadline.utcoffset() == dt.timedelta(0)


def test_the_profile_saves_language_and_zone(world, client_for):
    client = client_for(world.owner)
    response = client.post("/me/", {"language": "zh-hans", "time_zone": "Asia/Shanghai"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "zh-hans"
    assert Profile.objects.get(user=world.owner.user).time_zone == "Asia/Shanghai"


def test_chinese_pages_group_thousands(world, client_for, make_case):
    from decimal import Decimal

    make_case(money_at_risk=Decimal("13451.11"))
    client = client_for(world.owner)
    client.cookies["django_language"] = "zh-hans"
    assert "13,451.11" in client.get(f"/w/{world.workspace.slug}/").text
