"""A real SMTP server (aiosmtpd) and a fake Telegram Bot API on local ports, for the sends."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from sellerdesk.notifications.models import NotificationSettings

TOKEN = "123456:TEST-token"
NOON = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)  # Monday, 12:00 in Moscow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Keeps what the SMTP server received; `answers` can refuse recipients or data."""

    def __init__(self):
        self.messages = []
        self.refuse_rcpt = None  # e.g. "550 5.1.1 No such user"
        self.refuse_data = None  # e.g. "451 4.3.0 Try again later"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return self.refuse_data
        self.messages.append(message_from_bytes(envelope.content, policy=email_policy))
        return "250 Message accepted"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


class BotApi(ThreadingHTTPServer):
    """Records every request; answers with the next of `answers` (status, JSON), then 200 ok."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _BotHandler)
        self.requests: list[tuple[str, dict]] = []
        self.answers: list[tuple[int, dict]] = []


class _BotHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append((self.path, body))
        status, answer = (self.server.answers.pop(0) if self.server.answers
                          else (200, {"ok": True, "result": {"message_id": len(self.server.requests)}}))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def bot(settings):
    server = BotApi()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def set_prefs(member, **fields) -> NotificationSettings:
    prefs = NotificationSettings.of(member)
    for name, value in fields.items():
        setattr(prefs, name, value)
    prefs.save()
    return prefs
