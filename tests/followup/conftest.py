"""Fixtures of the follow-through tests."""

from __future__ import annotations

import pytest

from sellerdesk.cases.actions import change_status
from sellerdesk.cases.choices import Status
from tests.conftest import GOOD_APPEAL


@pytest.fixture
def case(world, make_case):
    """A WB case submitted to support as dialog 48151623, whose appeal passes the checks."""
    case = make_case(body=GOOD_APPEAL)
    case = change_status(case, world.owner, Status.READY, expected_version=case.version)
    return change_status(case, world.owner, Status.SUBMITTED, expected_version=case.version,
                         external_number="48151623")
