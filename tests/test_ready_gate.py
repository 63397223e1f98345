"""A case becomes ready only when its appeal passes the checks, or an owner overrides them with a reason."""

from __future__ import annotations

import pytest

from sellerdesk.cases import actions
from sellerdesk.cases.models import CaseEvent

BAD_SUBJECT = "Проблема!!!"
BAD_BODY = "ВЕРНИТЕ ДЕНЬГИ!!! Вы опять всё списали, мошенники"


def test_a_bad_appeal_is_refused_with_the_findings(world, make_case):
    case = make_case(subject=BAD_SUBJECT, body=BAD_BODY, entities=[])
    with pytest.raises(actions.ActionError) as refused:
        actions.change_status(case, world.manager, "ready", expected_version=case.version)
    assert "not ready" in refused.value.message and "request" in refused.value.message
    case.refresh_from_db()
    assert case.status == "draft"


def test_only_an_owner_may_override_and_the_reason_is_logged(world, make_case):
    case = make_case(subject=BAD_SUBJECT, body=BAD_BODY, entities=[])
    with pytest.raises(actions.ActionError):
        actions.change_status(case, world.manager, "ready", expected_version=case.version,
                              override_reason="Поддержка сама попросила так написать")
    case = actions.change_status(case, world.owner, "ready", expected_version=case.version,
                                 override_reason="Поддержка сама попросила так написать")
    assert case.status == "ready"
    event = CaseEvent.objects.filter(case=case, kind="status").last()
    assert event.changes["checks_overridden"][1]
    assert "Поддержка сама попросила" in event.text


def test_a_composed_appeal_passes(world, client_for):
    from tests.test_appeal_wizard import _file

    _file(client_for(world.manager), world)
    case = world.workspace.cases.get()
    case.evidence.create(workspace=world.workspace, original_name="акт приёмки.pdf", sha256="1" * 64, size=10,
                         content_type="application/pdf", file="x/akt.pdf")
    case = actions.change_status(case, world.manager, "ready", expected_version=case.version)
    assert case.status == "ready" and case.readiness >= 60
