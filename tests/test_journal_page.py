from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from sellerdesk.cases.actions import change_status
from sellerdesk.shops.models import Shop


def _journal(client, world, **params):
    return client.get(f"/w/{world.workspace.slug}/", params)


def test_it_lists_open_cases_by_default(world, client_for, make_case):
    live = make_case(subject="Не пришла выплата за неделю 10–16 марта")
    done = make_case(subject="Закрытое обращение про этикетки")
    change_status(done, world.owner, "closed", expected_version=done.version)
    response = _journal(client_for(world.viewer), world)
    assert response.status_code == 200
    assert live.subject in response.text
    assert done.subject not in response.text
    assert response.context["summary"]["count"] == 1


def test_it_sums_money_at_risk_per_currency(world, client_for, make_case):
    make_case(money_at_risk=Decimal("15400.50"))
    make_case(money_at_risk=Decimal("0.25"))
    make_case(money_at_risk=Decimal("880"), currency="CNY")
    summary = _journal(client_for(world.owner), world).context["summary"]
    money = {row["currency"]: row["at_risk"] for row in summary["money"]}
    assert money == {"CNY": Decimal("880"), "RUB": Decimal("15400.75")}


def test_it_filters_by_shop_status_kind_and_responsible(world, client_for, make_case):
    ozon = Shop.objects.create(workspace=world.workspace, platform="ozon", name="Sokolova Ozon")
    a = make_case(shop=ozon, kind="logistics", responsible=world.logistician, subject="Потеря при приёмке")
    make_case(kind="finance", subject="Удержание за хранение")
    client = client_for(world.owner)
    for params in ({"shop": ozon.pk}, {"platform": "ozon"}, {"kind": "logistics"},
                   {"responsible": world.logistician.pk}):
        cases = list(_journal(client, world, **params).context["cases"])
        assert cases == [a], params


def test_it_finds_overdue_cases(world, client_for, make_case):
    late = make_case(deadline=timezone.now() - timedelta(hours=3))
    make_case(deadline=timezone.now() + timedelta(days=2))
    cases = list(_journal(client_for(world.owner), world, overdue="on").context["cases"])
    assert cases == [late]


def test_it_searches_words_numbers_and_references(world, client_for, make_case):
    fine = make_case(subject="Оспаривание штрафа за маркировку", body="Штраф начислен по поставке",
                     entities=[("posting", "87654321-0012-1")])
    payout = make_case(subject="钱没到账：三月的结算", entities=[("order", "4420175839")])
    client = client_for(world.owner)

    def found(q):
        return list(_journal(client, world, q=q).context["cases"])

    assert found("штрафа") == [fine]
    assert found("маркиров") == [fine]
    assert found("87654321-0012-1") == [fine]
    assert found("4420175839") == [payout]
    assert found("到账") == [payout]
    assert found(fine.number) == [fine]
    assert found("несуществующее слово") == []


def test_search_never_crashes_on_odd_queries(world, client_for, make_case):
    make_case()
    client = client_for(world.owner)
    for q in ['"', "AND OR NOT", "*", "штраф*", "(", "'; DROP TABLE", "\x00", "🙂", "a" * 500, "NEAR(a b)"]:
        assert _journal(client, world, q=q).status_code == 200


def test_it_pages_through_long_lists(world, client_for, make_case):
    for i in range(55):
        make_case(subject=f"Обращение {i}")
    client = client_for(world.owner)
    first = _journal(client, world)
    assert len(first.context["cases"]) == 50 and first.context["pages"] == 2
    assert len(_journal(client, world, page=2).context["cases"]) == 5
    assert _journal(client, world, page=99).status_code == 200


def test_it_escapes_user_text(world, client_for, make_case):
    make_case(subject="<script>alert('x')</script> штраф")
    html = _journal(client_for(world.owner), world).text
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_htmx_requests_get_only_the_results(world, client_for, make_case):
    make_case()
    response = client_for(world.owner).get(f"/w/{world.workspace.slug}/", HTTP_HX_REQUEST="true")
    assert "<html" not in response.text and "summary" in response.text


def test_a_search_that_finds_only_finished_cases_offers_them(world, client_for, make_case):
    done = make_case(subject="Возврат по заказу 3425759733", entities=[("order", "3425759733")])
    change_status(done, world.owner, "closed", expected_version=done.version)
    response = _journal(client_for(world.owner), world, q="3425759733")
    assert response.context["summary"]["count"] == 0
    assert response.context["elsewhere"]["count"] == 1
    assert "1 finished case matches" in response.text
    assert list(_journal(client_for(world.owner), world, q="3425759733", status="").context["cases"]) == [done]
