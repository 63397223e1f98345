from decimal import Decimal

import pytest

from sellerdesk.cases.actions import ActionError, StaleVersion, change_status, update_case
from sellerdesk.cases.choices import EventKind, Status
from tests.conftest import GOOD_APPEAL


def test_it_numbers_cases_per_workspace(world, make_case):
    first, second = make_case(), make_case()
    elsewhere = make_case(workspace=world.other_workspace, actor=world.outsider)
    assert first.number.endswith("-00001") and second.number.endswith("-00002")
    assert elsewhere.number.endswith("-00001")
    assert first.number.startswith("SD-20")


def test_it_logs_creation_with_initial_values(make_case):
    case = make_case(money_at_risk=Decimal("15400.50"))
    event = case.events.get()
    assert event.kind == EventKind.CREATED
    assert event.changes["money_at_risk"] == [None, "15400.50"]
    assert event.actor_name == "Анна"


def test_it_logs_old_and_new_values(world, make_case):
    case = make_case()
    update_case(case, world.manager, {"money_at_risk": "1200.10", "subject": "Штраф за поставку 24815162"},
                expected_version=case.version)
    event = case.events.latest("id")
    assert event.kind == EventKind.CHANGED
    assert event.changes["money_at_risk"] == ["0.00", "1200.10"]
    assert event.actor == world.manager


def test_it_refuses_a_stale_save(world, make_case):
    case = make_case()
    opened_version = case.version
    update_case(case, world.manager, {"subject": "Первый"}, expected_version=opened_version)
    with pytest.raises(StaleVersion):
        update_case(case, world.accountant, {"subject": "Второй"}, expected_version=opened_version)
    case.refresh_from_db()
    assert case.subject == "Первый"


def test_it_enforces_transitions(world, make_case):
    case = make_case(body=GOOD_APPEAL)
    with pytest.raises(ActionError):
        change_status(case, world.owner, Status.WAITING, expected_version=case.version)
    case = change_status(case, world.owner, Status.READY, expected_version=case.version)
    with pytest.raises(ActionError, match="external number|номер"):
        change_status(case, world.owner, Status.SUBMITTED, expected_version=case.version)
    case = change_status(case, world.owner, Status.SUBMITTED, expected_version=case.version,
                         external_number="WB-7781234")
    assert case.submitted_at is not None and case.external_number == "WB-7781234"


def test_resolution_needs_an_outcome(world, make_case):
    case = make_case(status=Status.WAITING, external_number="88123")
    with pytest.raises(ActionError):
        change_status(case, world.owner, Status.RESOLVED, expected_version=case.version)
    case = change_status(case, world.owner, Status.RESOLVED, expected_version=case.version, outcome="won",
                         money_recovered="3400")
    assert case.money_recovered == Decimal("3400") and case.resolved_at


def test_critical_priority_needs_a_reason(world, make_case):
    with pytest.raises(ActionError):
        make_case(priority="critical")
    assert make_case(priority="critical", critical_reason="Продажи остановлены").priority == "critical"


def test_shop_of_another_workspace_is_refused(world, make_case):
    with pytest.raises(ActionError):
        make_case(shop=world.other_shop)
