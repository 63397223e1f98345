"""Many people at once: numbers stay distinct, and a stale save is refused, on a real server."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from sellerdesk.cases.actions import StaleVersion, create_case, update_case
from sellerdesk.cases.models import Case
from tests.conftest import requires_postgres

pytestmark = [requires_postgres, pytest.mark.django_db(transaction=True)]


def _in_threads(count: int, work) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return errors


def test_fifty_concurrent_cases_get_fifty_numbers(world):
    def work(i: int) -> None:
        create_case(world.workspace, world.manager, shop=world.shop, subject=f"Обращение {i}")

    assert _in_threads(50, work) == []
    numbers = list(Case.objects.filter(workspace=world.workspace).values_list("number", flat=True))
    assert len(numbers) == 50 and len(set(numbers)) == 50
    world.workspace.refresh_from_db()
    assert world.workspace.case_counter == 50


def test_two_editors_at_once_one_wins_one_is_told(world, make_case):
    case = make_case(subject="Исходная тема")
    opened = case.version
    refused: list[StaleVersion] = []

    def work(i: int) -> None:
        try:
            update_case(case, world.manager, {"subject": f"Правка {i}"}, expected_version=opened)
        except StaleVersion as exc:
            refused.append(exc)

    assert _in_threads(2, work) == []
    case.refresh_from_db()
    assert len(refused) == 1 and case.version == opened + 1
    assert case.events.filter(kind="changed").count() == 1
