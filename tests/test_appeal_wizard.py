"""The "New appeal" wizard: a messy description becomes a draft case with a composed, checked appeal."""

from __future__ import annotations

from sellerdesk.cases.models import Case, CaseEvent

MESSY = ("ВБ опять списал штраф 15 400 руб за поставку 24815162!!! Приёмка была 12.03.2026, всё по правилам "
         "маркировали, а теперь штраф за неверную маркировку коробов. Верните деньги")
CHINESE = "订单 4412345678 一直没有发货，买家在催，已经超过5天了，请帮忙查一下物流状态"


def _describe(client, world, text=MESSY):
    return client.post(f"/w/{world.workspace.slug}/cases/new/", {"shop": world.shop.pk, "description": text})


def _file(client, world, text=MESSY, **extra):
    data = {"shop": world.shop.pk, "description": text, "file": "1", "kind": "finance", "channel": "ticket",
            "currency": "RUB", "references": "supply 24815162", "essence": text, "request": "dispute_penalty",
            "urgency": "penalties_accrue", "money_at_risk": "15400", "when": "2026-03-12T10:00", **extra}
    return client.post(f"/w/{world.workspace.slug}/cases/new/", data)


def test_step_one_shows_what_was_understood(world, client_for):
    response = _describe(client_for(world.manager), world)
    assert response.status_code == 200
    page = response.content.decode()
    assert "24815162" in page                      # the supply number was found
    assert 'value="finance" selected' in page      # and the kind proposed
    assert "Checklist" in page


def test_filing_creates_a_draft_with_a_composed_russian_appeal(world, client_for):
    response = _file(client_for(world.manager), world)
    case = Case.objects.get(workspace=world.workspace)
    assert response.status_code == 302 and response["Location"].endswith(f"/cases/{case.number}/appeal/")
    assert case.status == "draft" and case.kind == "finance"
    assert "24815162" in case.subject
    assert "Здравствуйте" in case.body or "Добрый день" in case.body
    assert list(case.entities.values_list("kind", "value")) == [("supply", "24815162")]
    assert case.appeal["request"] == "dispute_penalty"
    assert CaseEvent.objects.filter(case=case, kind="note", text=MESSY).exists()  # the description is kept


def test_a_chinese_speaking_user_gets_russian_structured_parts(world, client_for):
    client = client_for(world.manager)
    client.cookies["django_language"] = "zh-hans"
    _file(client, world, text=CHINESE, kind="logistics", references="order 4412345678", essence=CHINESE,
          request="correct_status", urgency="mass_cancellations", money_at_risk="")
    case = Case.objects.get(workspace=world.workspace)
    assert "4412345678" in case.subject
    assert CHINESE in case.body                    # free text kept as written, never machine-translated


def test_the_duplicate_warning_needs_a_reason(world, client_for, make_case):
    original = make_case(subject="Штраф по поставке 24815162", entities=[("supply", "24815162")],
                         external_number="", body="")
    client = client_for(world.manager)
    page = _describe(client, world).content.decode()
    assert original.number in page and "may already have a live case" in page
    refused = _file(client, world)
    assert refused.status_code == 200 and Case.objects.count() == 1
    _file(client, world, duplicate_reason="Это другой штраф по той же поставке, за другую дату")
    created = Case.objects.exclude(pk=original.pk).get()
    assert created.events.get(kind="created").changes["duplicate_of"] == [None, [original.number]]


def test_the_case_appeal_page_shows_findings_and_rechecks(world, client_for, make_case):
    case = make_case(subject="Проблема!!!", body="ВЕРНИТЕ ДЕНЬГИ СРОЧНО!!! вы мошенники", entities=[])
    client = client_for(world.manager)
    page = client.get(f"/w/{world.workspace.slug}/cases/{case.number}/appeal/").content.decode()
    assert 'class="score bad"' in page and "<mark" in page
    check = client.post(f"/w/{world.workspace.slug}/cases/{case.number}/appeal/check/",
                        {"subject": "Проблема!!!", "body": "ВЕРНИТЕ ДЕНЬГИ!!!"})
    assert check.status_code == 200 and "f-blocking" in check.content.decode()


def test_a_viewer_cannot_use_the_wizard_and_an_outsider_gets_404(world, client_for, make_case):
    case = make_case()
    assert client_for(world.viewer).get(f"/w/{world.workspace.slug}/cases/new/").status_code == 403
    assert client_for(world.outsider).get(f"/w/{world.workspace.slug}/cases/{case.number}/appeal/").status_code == 404


def test_a_description_with_two_problems_proposes_a_split(world, client_for):
    text = ("По поставке 24815162 начислен штраф 15 400 руб. за маркировку, просим отменить. "
            "Также не можем войти в личный кабинет: после смены пароля пишет «доступ запрещён».")
    page = _describe(client_for(world.manager), world, text).content.decode()
    assert "mixes several problems" in page and page.count("Appeal this part") >= 2


def test_any_description_is_read_and_a_huge_one_is_cut_with_a_message(world, client_for):
    client = client_for(world.manager)
    huge = "Заказ 4412345678 не доставлен, покупатель ждёт. " * 2000
    page = _describe(client, world, huge)
    assert page.status_code == 200 and "too long" in page.text and "4412345678" in page.text
    for text in ("\x00\x01\x02" * 500, "🙂" * 3000, "а-" * 5000, "Заказ 12345678 订单 45678901 order 9"):
        assert _describe(client, world, text).status_code == 200
