"""The duplicate guard: a new appeal about a problem that already has a live case is pointed at it."""

from __future__ import annotations

import pytest

from sellerdesk.cases import actions
from sellerdesk.cases.duplicates import find_duplicates
from sellerdesk.cases.models import CaseEvent

LOST = ("На складе Коледино потерян товар из поставки 24815162: по акту приёмки не хватает 12 единиц "
        "артикула TSH-BLK-42. Просим найти товар или выплатить компенсацию по его стоимости.")


def test_it_finds_a_live_case_with_the_same_order(world, make_case):
    original = make_case(subject="Заказ 4412345678 не доставлен", kind="logistics",
                         entities=[("order", "4412345678")])
    found = find_duplicates(world.workspace.pk, references=[("order", "4412345678")])
    assert [d.case for d in found] == [original]
    assert found[0].shared == ["order 4412345678"]


def test_it_finds_a_near_identical_description_of_the_same_shop_and_kind(world, make_case):
    original = make_case(subject="Потеря товара на складе", body=LOST, kind="logistics", entities=[])
    again = LOST.replace("Просим", "Очень просим")
    found = find_duplicates(world.workspace.pk, shop_id=world.shop.pk, kind="logistics", text=f"Потеря товара\n{again}")
    assert [d.case for d in found] == [original]
    assert found[0].similarity > 0.8


def test_it_ignores_unrelated_text_and_other_kinds(world, make_case):
    make_case(subject="Потеря товара на складе", body=LOST, kind="logistics", entities=[])
    other = "Не можем войти в личный кабинет: после смены пароля пишет «доступ запрещён», роль владельца пропала."
    assert find_duplicates(world.workspace.pk, shop_id=world.shop.pk, kind="logistics", text=other) == []
    assert find_duplicates(world.workspace.pk, shop_id=world.shop.pk, kind="finance", text=LOST) == []


def test_finished_cases_are_not_duplicates(world, make_case):
    case = make_case(subject="Заказ 4412345678 не доставлен", kind="logistics", entities=[("order", "4412345678")])
    actions.change_status(case, world.owner, "closed", expected_version=case.version)
    assert find_duplicates(world.workspace.pk, references=[("order", "4412345678")]) == []


def test_another_workspace_is_never_searched(world, make_case):
    make_case(workspace=world.other_workspace, actor=world.outsider, entities=[("order", "4412345678")])
    assert find_duplicates(world.workspace.pk, references=[("order", "4412345678")]) == []


def test_creating_a_duplicate_needs_a_reason_which_the_history_keeps(world, make_case):
    original = make_case(entities=[("order", "4412345678")])
    with pytest.raises(actions.ActionError) as refused:
        actions.create_case(world.workspace, world.manager, shop=world.shop, subject="Заказ 4412345678",
                            entities=[("order", "4412345678")], duplicate_of=[original])
    assert original.number in refused.value.message
    case = actions.create_case(world.workspace, world.manager, shop=world.shop, subject="Заказ 4412345678",
                               entities=[("order", "4412345678")], duplicate_of=[original],
                               duplicate_reason="Прошлый диалог закрыт поддержкой без ответа, открываем новый")
    created = CaseEvent.objects.get(case=case, kind="created")
    assert created.changes["duplicate_of"] == [None, [original.number]]
    assert "закрыт поддержкой" in created.text


def test_the_signature_follows_the_text(world, make_case):
    case = make_case(subject="Потеря товара на складе", body=LOST, entities=[])
    assert case.signature is not None
    changed = actions.update_case(case, world.owner, {"body": "Совсем другой текст про рекламу и ставки"},
                                  expected_version=case.version)
    assert changed.signature != case.signature


def test_a_product_number_alone_makes_a_duplicate_only_for_the_same_kind(world, make_case):
    card = make_case(subject="Карточка 146598732 скрыта из поиска", kind="content", entities=[("nmid", "146598732")])
    assert [d.case for d in find_duplicates(world.workspace.pk, references=[("nmid", "146598732")],
                                            kind="content")] == [card]
    assert find_duplicates(world.workspace.pk, references=[("nmid", "146598732")], kind="finance") == []


def test_the_manual_form_warns_too_and_files_with_a_reason(world, client_for, make_case):
    original = make_case(entities=[("order", "4412345678")])
    client = client_for(world.manager)
    form = {"subject": "Заказ 4412345678 не доставлен", "shop": world.shop.pk, "kind": "logistics",
            "channel": "ticket", "priority": "normal", "currency": "RUB", "money_at_risk": "0",
            "money_recovered": "0", "entities": "order 4412345678"}
    page = client.post(f"/w/{world.workspace.slug}/cases/new/form/", form)
    assert page.status_code == 200 and original.number in page.text
    filed = client.post(f"/w/{world.workspace.slug}/cases/new/form/", {**form, "duplicate_reason": "Другая посылка"})
    assert filed.status_code == 302
