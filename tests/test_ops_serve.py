"""`sellerdesk serve`: checks the database, says where it runs, then hands the app to waitress."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.db import connection

from sellerdesk.ops.serving import banner, pending_migrations, server_url


def _serve(*args: str) -> str:
    out = io.StringIO()
    call_command("serve", *args, stdout=out)
    return out.getvalue()


def test_a_migrated_database_has_nothing_pending(db):
    assert pending_migrations() == []


def test_it_prints_where_it_runs_and_exits_with_check(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    output = _serve("--check", "--port", "8123")
    assert "http://127.0.0.1:8123/" in output
    assert f"Data folder: {tmp_path}" in output
    assert ("SQLite" if connection.vendor == "sqlite" else "PostgreSQL") in output
    assert "demo12345" not in output


def test_it_points_to_the_demo_logins_when_the_demo_is_loaded(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    (tmp_path / "demo-loaded").touch()
    assert "Sign in as owner, password demo12345" in _serve("--check")


def test_it_refuses_an_unmigrated_database(db, monkeypatch):
    monkeypatch.setattr("sellerdesk.ops.management.commands.serve.pending_migrations",
                        lambda: ["cases.0003_reminders"])
    monkeypatch.setattr("waitress.serve", lambda *a, **kw: pytest.fail("served an unmigrated database"))
    with pytest.raises(CommandError, match="sellerdesk migrate"):
        _serve()


def test_it_migrates_first_when_asked(db, monkeypatch):
    ran = []
    monkeypatch.setattr("sellerdesk.ops.management.commands.serve.pending_migrations",
                        lambda: ["cases.0003_reminders"])
    monkeypatch.setattr("sellerdesk.ops.management.commands.serve.call_command",
                        lambda name, **options: ran.append(name))
    assert "Applied 1 migration" in _serve("--migrate", "--check")
    assert ran == ["migrate"]


def test_it_hands_the_wsgi_app_to_waitress(db, monkeypatch):
    served = {}
    monkeypatch.setattr("waitress.serve", lambda app, **options: served.update(app=app, **options))
    _serve("--host", "0.0.0.0", "--port", "8124", "--threads", "4", "--trusted-proxy", "127.0.0.1")
    from sellerdesk.wsgi import application

    assert served["app"] is application
    assert (served["host"], served["port"], served["threads"]) == ("0.0.0.0", 8124, 4)
    assert served["trusted_proxy"] == "127.0.0.1" and "x-forwarded-proto" in served["trusted_proxy_headers"]


def test_it_refuses_a_port_out_of_range(db):
    with pytest.raises(CommandError, match="port"):
        _serve("--port", "70000", "--check")


def test_it_warns_when_the_address_is_not_an_allowed_host(db, settings):
    settings.ALLOWED_HOSTS = ["desk.sokolova-home.ru"]
    assert any("ALLOWED_HOSTS" in line for line in banner("192.168.1.20", 8000))
    assert not any("ALLOWED_HOSTS" in line for line in banner("0.0.0.0", 8000))


def test_ipv6_addresses_are_bracketed():
    assert server_url("::1", 8000) == "http://[::1]:8000/"


@pytest.mark.parametrize("name", ["serve", "createworkspace", "backup", "restore"])
def test_every_ops_command_explains_itself(name):
    parser = load_command_class("sellerdesk.ops", name).create_parser("sellerdesk", name)
    assert len(parser.format_help()) > 200
