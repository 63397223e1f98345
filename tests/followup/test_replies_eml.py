"""Reading support's reply from an uploaded .eml or .txt file."""

from __future__ import annotations

import datetime as dt
import time
from email.message import EmailMessage

import pytest

from sellerdesk.followup.eml import ReplyFileError, read_reply_file

REPLY = ("Здравствуйте!\n\nШтраф по поставке № 24815162 отменён, 15 400 руб. вернутся на баланс "
         "в течение 3 рабочих дней.")
HISTORY = "С уважением, служба поддержки Wildberries"


def _eml(*, plain: str | None = None, html: str | None = None, charset: str = "utf-8") -> bytes:
    message = EmailMessage()
    message["From"] = "Поддержка Wildberries <support@wildberries.ru>"
    message["To"] = "anna@sokolova-home.ru"
    message["Subject"] = "Re: Обращение № 48151623"
    message["Date"] = "Fri, 27 Nov 2026 12:30:00 +0300"
    if plain is not None:
        message.set_content(plain, charset=charset, cte="quoted-printable" if charset != "utf-8" else None)
    if html is not None:
        if plain is None:
            message.set_content(html, subtype="html", charset=charset)
        else:
            message.add_alternative(html, subtype="html", charset=charset)
    return bytes(message)


def test_a_plain_utf8_email_gives_its_text_date_and_sender_without_the_quoted_history():
    body = (f"{REPLY}\n{HISTORY}\n\n-----Original Message-----\nFrom: anna@sokolova-home.ru\n"
            "Просим отменить штраф 15 400,00 ₽\n")
    found = read_reply_file("ответ.eml", _eml(plain=body))
    assert found.text == f"{REPLY}\n{HISTORY}"
    assert found.source == "eml"
    assert found.occurred_at == dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.UTC)
    assert "support@wildberries.ru" in found.sender
    assert found.subject == "Re: Обращение № 48151623"


def test_an_html_only_email_in_cp1251_is_turned_into_text():
    html = ("<html><head><style>p{color:red}</style></head><body><p>Здравствуйте!</p>"
            "<p>Штраф по поставке&nbsp;№&nbsp;24815162 отменён.</p><ul><li>фото коробов</li><li>акт ТОРГ-12</li></ul>"
            "<blockquote>Просим отменить штраф</blockquote></body></html>")
    data = _eml(html=html, charset="windows-1251")
    assert "windows-1251" in data.decode("ascii", "replace")
    found = read_reply_file("reply.EML", data)
    assert found.text == "Здравствуйте!\n\nШтраф по поставке № 24815162 отменён.\n\n• фото коробов\n• акт ТОРГ-12"
    assert "Просим" not in found.text and "color" not in found.text


def test_the_plain_part_is_preferred_to_the_html_one():
    found = read_reply_file("r.eml", _eml(plain=REPLY, html="<p>HTML version</p>"))
    assert found.text == REPLY


def test_quoted_lines_and_a_russian_reply_header_are_cut():
    body = f"{REPLY}\n\n> Просим отменить штраф\n>> старое\n\n27.11.2026, 10:00, Анна Соколова пишет:\nстарый текст"
    assert read_reply_file("r.eml", _eml(plain=body)).text == REPLY


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_a_text_export_is_read_in_each_usual_encoding(encoding):
    found = read_reply_file("Ответ поддержки.txt", REPLY.replace("\n", "\r\n").encode(encoding))
    assert found.text == REPLY
    assert found.source == "txt"
    assert found.occurred_at is None


def test_a_chinese_text_export_is_read():
    text = "您好！您的工单 20261127-0042 已转交技术部门处理，我们将在3个工作日内回复。"
    assert read_reply_file("工单回复.txt", text.encode("utf-8")).text == text


@pytest.mark.parametrize(("name", "data", "error"), [
    ("reply.pdf", b"%PDF-1.4 ...", "Upload the reply as an .eml or .txt file."),
    ("reply.txt", b"", "The file is empty."),
    ("reply.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "The file is not a text"),
    ("reply.eml", "Здравствуйте, это просто текст без заголовков".encode(), "This is not an e-mail message"),
    ("reply.txt", b"> only the quoted part\n> of an old message\n", "The file has no reply text"),
    ("reply.txt", b"x" * (5 * 1024 * 1024 + 1), "The file is too large"),
])
def test_a_bad_file_gives_a_clear_error(name, data, error):
    with pytest.raises(ReplyFileError) as caught:
        read_reply_file(name, data)
    assert caught.value.message.startswith(error)


def test_an_email_with_only_an_attachment_has_no_text():
    message = EmailMessage()
    message["From"] = "support@wildberries.ru"
    message["Subject"] = "Скриншот"
    message.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="screen.png")
    with pytest.raises(ReplyFileError, match="no text"):
        read_reply_file("r.eml", bytes(message))


def test_a_plain_cp1251_email_in_quoted_printable_is_read():
    data = _eml(plain=REPLY, charset="windows-1251")
    assert b"quoted-printable" in data.lower()
    assert read_reply_file("r.eml", data).text == REPLY


def test_an_email_without_a_charset_in_cp1251_bytes_is_still_read():
    head = ("From: support@wildberries.ru\r\nSubject: Re: 48151623\r\nDate: Fri, 27 Nov 2026 12:30:00 +0300\r\n"
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode("ascii")
    assert read_reply_file("r.eml", head + REPLY.encode("cp1251")).text == REPLY


@pytest.mark.parametrize(("name", "data"), [
    ("r.eml", b"From: a@b\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n" + "<p>ы</p>".encode() * 450_000),
    ("r.txt", ("Анна пишет " * 450_000).encode("cp1251")),
    ("r.txt", b">" * 1000 + b"\n" * 4000),
])
def test_a_huge_or_hostile_file_is_read_quickly(name, data):
    started = time.perf_counter()
    try:
        read_reply_file(name, data)
    except ReplyFileError:
        pass
    assert time.perf_counter() - started < 3
