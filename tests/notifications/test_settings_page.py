"""A member chooses channels, a Telegram chat, quiet hours and the weekly digest, and tests a channel."""

from __future__ import annotations

from datetime import time

from sellerdesk.accounts.models import Profile
from sellerdesk.notifications.models import NotificationSettings

PAGE = "/w/sokolova/notifications/settings/"


def test_defaults_email_on_telegram_off(world, client_for):
    page = client_for(world.manager).get(PAGE).content.decode()
    assert "boris@example.ru" in page and "How do I find my chat id?" in page
    prefs = NotificationSettings.objects.get(member=world.manager)
    assert (prefs.email, prefs.telegram, prefs.digest) == (True, False, True)


def test_the_digest_is_on_by_default_for_owners_and_managers_only(world):
    assert [NotificationSettings.of(world.member(role)).digest for role in ("owner", "manager", "viewer")] == [
        True, True, False]


def test_it_saves_telegram_quiet_hours_and_digest(world, client_for):
    response = client_for(world.accountant).post(PAGE, {
        "email": "on", "telegram": "on", "telegram_chat_id": " 284705113 ",
        "quiet_from": "22:00", "quiet_to": "08:00", "digest": "on"})
    assert response.status_code == 302
    prefs = NotificationSettings.objects.get(member=world.accountant)
    assert (prefs.telegram_chat_id, prefs.quiet_from, prefs.quiet_to, prefs.digest) == (
        "284705113", time(22, 0), time(8, 0), True)
    assert not NotificationSettings.objects.filter(member=world.manager).exists()  # only one's own


def test_it_refuses_telegram_without_a_chat_and_half_quiet_hours(world, client_for):
    page = client_for(world.manager).post(PAGE, {"telegram": "on", "quiet_from": "23:00"}).content.decode()
    assert "Enter your chat id" in page and "or neither" in page
    page = client_for(world.manager).post(PAGE, {"telegram_chat_id": "мой телеграм"}).content.decode()
    assert "A chat id is a number" in page
    assert not NotificationSettings.objects.get(member=world.manager).telegram


def test_the_test_button_sends_now(world, client_for, bot):
    Profile.objects.create(user=world.manager.user, language="en")  # the words below are English
    NotificationSettings.objects.create(member=world.manager, telegram=True, telegram_chat_id="284705113")
    client = client_for(world.manager)
    page = client.post(f"{PAGE}test/", {"channel": "telegram"}, follow=True).content.decode()
    assert "A test message was sent by Telegram." in page
    assert bot.requests[0][1]["chat_id"] == "284705113" and "Test message" in bot.requests[0][1]["text"]
    bot.answers.append((400, {"ok": False, "description": "Bad Request: chat not found"}))
    page = client.post(f"{PAGE}test/", {"channel": "telegram"}, follow=True).content.decode()
    assert "was not sent" in page and "chat not found" in page


def test_the_test_email_goes_out(world, client_for, smtp):
    page = client_for(world.owner).post(f"{PAGE}test/", {"channel": "email"}, follow=True).content.decode()
    assert "A test message was sent by E-mail." in page
    assert smtp.messages[0]["To"] == "anna@example.ru"


def test_it_says_when_the_server_has_no_telegram_bot(world, client_for, settings):
    settings.TELEGRAM_BOT_TOKEN = ""
    assert "Telegram is not set up on this server" in client_for(world.manager).get(PAGE).content.decode()
    settings.TELEGRAM_BOT_TOKEN = "123456:TEST-token"
    assert "Telegram is not set up on this server" not in client_for(world.manager).get(PAGE).content.decode()
