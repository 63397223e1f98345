"""`sellerdesk createworkspace`: a workspace with its owner from the command line."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.accounts.roles import Role


def _create(*args, **options) -> str:
    out = io.StringIO()
    call_command("createworkspace", *args, stdout=out, **options)
    return out.getvalue()


def test_it_creates_the_owner_and_shows_the_password_once(db):
    output = _create("ИП Кузнецова И.А.", slug="kuznetsova", owner="irina", email="irina@kuznetsova-shop.ru")
    membership = Membership.objects.get(workspace__slug="kuznetsova")
    assert membership.role == Role.OWNER and membership.workspace.name == "ИП Кузнецова И.А."
    assert membership.user.username == "irina" and membership.user.email == "irina@kuznetsova-shop.ru"
    password = re.search(r"after logging in\): (\S+)", output).group(1)
    assert membership.user.check_password(password)


def test_it_reads_the_password_from_stdin(db):
    output = _create("ООО Ласточка", slug="lastochka", owner="wang.li", password_stdin=True,
                     stdin=io.StringIO("Zelyonyj-Chaj-2026\n"))
    assert User.objects.get(username="wang.li").check_password("Zelyonyj-Chaj-2026")
    assert "Zelyonyj" not in output


def test_it_makes_an_existing_user_the_owner(world):
    _create("ООО Ромашка Опт", slug="romashka-opt", owner="oleg")
    assert Membership.objects.get(workspace__slug="romashka-opt").user == world.outsider.user
    world.outsider.user.refresh_from_db()
    assert world.outsider.user.check_password("pass-Word-42")


def test_it_refuses_a_taken_slug_and_creates_nobody(world):
    with pytest.raises(CommandError, match="sokolova"):
        _create("ИП Соколова (второй)", slug="sokolova", owner="svetlana")
    assert not User.objects.filter(username="svetlana").exists()
    assert Workspace.objects.filter(slug="sokolova").count() == 1


def test_it_refuses_a_slug_that_is_not_an_address(db):
    with pytest.raises(CommandError, match="slug"):
        _create("ИП Соколова", slug="ип соколова", owner="anna")
    assert not Workspace.objects.exists() and not User.objects.exists()


def test_it_refuses_a_weak_password(db):
    with pytest.raises(CommandError):
        _create("ООО Ласточка", slug="lastochka", owner="wang.li", password_stdin=True,
                stdin=io.StringIO("12345678\n"))
    assert not User.objects.exists() and not Workspace.objects.exists()


def test_it_refuses_to_change_an_existing_users_password(world):
    with pytest.raises(CommandError, match="already exists"):
        _create("ООО Ромашка Опт", slug="romashka-opt", owner="oleg", password_stdin=True,
                stdin=io.StringIO("Novyj-Parol-2026\n"))
    assert not Workspace.objects.filter(slug="romashka-opt").exists()
