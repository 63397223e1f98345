"""Shared fixtures: a workspace with a member in every role, and an outsider with their own.

Tests log people in with `client_for(member)`; `make_case()` files a case through the actions,
the way the product does.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from sellerdesk.accounts.models import Membership, Workspace
from sellerdesk.accounts.roles import Role
from sellerdesk.cases.actions import create_case
from sellerdesk.shops.models import Shop

# CI runs the fuzz tests on a fixed seed, so a landing never depends on luck; a developer's runs explore
# new inputs each time (and keep what they find in .hypothesis/).
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english():
    """Tests read messages in English unless they ask for another language (the product defaults to Russian)."""
    with translation.override("en"):
        yield


@dataclass
class World:
    workspace: Workspace
    owner: Membership
    manager: Membership
    accountant: Membership
    logistician: Membership
    viewer: Membership
    shop: Shop
    other_workspace: Workspace
    outsider: Membership
    other_shop: Shop

    def member(self, role: str) -> Membership:
        return getattr(self, role)


def _member(workspace: Workspace, username: str, role: str, first_name: str = "") -> Membership:
    user = User.objects.create_user(username, f"{username}@example.ru", "pass-Word-42", first_name=first_name)
    return Membership.objects.create(workspace=workspace, user=user, role=role)


@pytest.fixture
def world(db) -> World:
    ws = Workspace.objects.create(name="ИП Соколова", slug="sokolova")
    other = Workspace.objects.create(name="ООО Ромашка", slug="romashka")
    return World(
        workspace=ws,
        owner=_member(ws, "anna", Role.OWNER, "Анна"),
        manager=_member(ws, "boris", Role.MANAGER, "Борис"),
        accountant=_member(ws, "vera", Role.ACCOUNTANT, "Вера"),
        logistician=_member(ws, "gleb", Role.LOGISTICIAN, "Глеб"),
        viewer=_member(ws, "dina", Role.VIEWER, "Дина"),
        shop=Shop.objects.create(workspace=ws, platform="wb", name="Sokolova Home", inn="7707083893"),
        other_workspace=other,
        outsider=_member(other, "oleg", Role.OWNER, "Олег"),
        other_shop=Shop.objects.create(workspace=other, platform="ozon", name="Romashka Store"),
    )


@pytest.fixture
def client_for():
    def login(member: Membership) -> Client:
        client = Client(headers={"accept-language": "en"})
        client.force_login(member.user)
        return client

    return login


# A complete appeal: it passes the checks, so cases made with it may become ready.
GOOD_APPEAL = """Здравствуйте.

Магазин «Sokolova Home», ИНН 7707083893. Просим отменить штраф 15 400,00 ₽ за неверную маркировку коробов \
по поставке № 24815162.

Поставка принята на складе Коледино 12.03.2026 в 10:40 МСК. Каждый короб был промаркирован этикеткой WB \
с баркодом поставки, фото коробов с этикетками сделаны при отгрузке. 14.03.2026 в отчёте появился штраф \
15 400,00 ₽ за неверную маркировку.

Просим пересмотреть штраф и вернуть удержанные 15 400,00 ₽.

Готовы предоставить акт приёмки и фото коробов по запросу.

С уважением, Анна Соколова"""


@pytest.fixture
def make_case(world):
    def make(workspace=None, actor=None, **fields):
        workspace = workspace or world.workspace
        fields.setdefault("shop", world.shop if workspace == world.workspace else world.other_shop)
        fields.setdefault("subject", "Оспаривание штрафа по поставке №24815162 от 12.03.2026")
        fields.setdefault("kind", "finance")
        entities = fields.pop("entities", [("supply", "24815162")])
        return create_case(workspace, actor or world.owner, entities=entities, **fields)

    return make


requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL (CI's second run does)"
)


def at_once(work, workers: int = 2) -> list:
    """Run `work()` in `workers` threads at the same time, each with its own database connection, and
    return what each returned: two workers taking due rows together must never take the same one."""
    results = []

    def run():
        try:
            results.append(work())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- the browser tests: headless Debian Chromium, never a downloaded browser --------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Marks of a browser test: skipped, visibly, where Debian's chromium is missing (the page fixture also
# skips where the playwright package is).
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def page(live_server):
    """A Russian-speaking page in Chromium, cut off from every network but the test server's."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # playwright's sync API runs an event loop
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pass-Word-42")
    page.click("button.primary")
