"""Read support's reply from an uploaded file: an `.eml` message or a plain `.txt` export.

From an e-mail: the plain text part (or the HTML part turned into text), without the quoted history
below «-----Original Message-----», «… пишет:» or «>» lines; the sender and the date come along.
A text export may be UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251.
A file that is neither gives a clear, translated error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import policy
from email.errors import MessageError
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
# A reply is short; what follows this many characters of a message body is quoted history or markup, and
# reading it would only cost time (HTML especially). The reply itself may be at most REPLY_MAX characters.
BODY_MAX = 200_000
EXTENSIONS = (".eml", ".txt")


class ReplyFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReplyFile:
    text: str
    source: str                       # "eml" or "txt", as record_reply takes it
    occurred_at: dt.datetime | None = None
    sender: str = ""
    subject: str = ""


# --- text decoding ----------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def _readable(text: str) -> bool:
    """No control characters beyond line breaks and tabs: a text, not a binary file."""
    if "\x00" in text:
        return False
    bad = len(_CONTROL.findall(text))
    return bad == 0 or bad / len(text) < 0.001


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: the declared charset first, then a BOM, UTF-8, and Windows-1251 (Russian exports)."""
    candidates = [declared] if declared else []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.append("utf-16")
    candidates += ["utf-8-sig", "cp1251"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        if _readable(text):
            return text
    raise ReplyFileError(_("The file is not a text: it could not be read as UTF-8 or Windows-1251."))


# --- HTML to text -----------------------------------------------------------------------------------

class _TextOfHtml(HTMLParser):
    PARAGRAPHS = {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "article",
                  "header", "footer", "pre"}
    LINES = {"br", "li", "tr"}
    SKIPPED = {"script", "style", "head", "title", "blockquote"}  # blockquote: the quoted earlier messages

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in self.LINES:
            self.parts.append("\n• " if tag == "li" and not self.skipping else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in self.PARAGRAPHS or tag in self.LINES:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.PARAGRAPHS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- quoted history ---------------------------------------------------------------------------------

_HISTORY = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|исходное сообщение|пересылаемое сообщение|forwarded message|"
    r"原始邮件|转发的邮件)\s*-{2,}"
    r"|_{10,}"                                              # Outlook's rule above the quoted header block
    r"|(?:on\s.{4,200}\swrote:|.{4,200}\s(?:пишет|написал|написала)\s*:|.{2,200}写道\s*[:：]))\s*$",
    re.IGNORECASE)


def trim_history(text: str) -> str:
    """The new message only: cut at the first marker of quoted history, drop «>» lines."""
    kept = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _HISTORY.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


# --- files ------------------------------------------------------------------------------------------

def _part_text(part) -> str:
    data = part.get_payload(decode=True) or b""
    text = decode_text(data, part.get_content_charset())[:BODY_MAX]
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def read_eml(data: bytes) -> ReplyFile:
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        if not (message["From"] or message["Date"] or message["Subject"]):
            raise ReplyFileError(_("This is not an e-mail message (.eml): it has no sender, date or subject."))
        body = message.get_body(preferencelist=("plain", "html"))
        if body is None:
            raise ReplyFileError(_("The e-mail has no text: only attachments or images."))
        text = trim_history(_part_text(body))
        sender, subject = str(message["From"] or ""), str(message["Subject"] or "")
    except (MessageError, LookupError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise ReplyFileError(_("The e-mail could not be read: %(error)s") % {"error": exc}) from exc
    return ReplyFile(text=text, source="eml", occurred_at=_date(message["Date"]), sender=sender, subject=subject)


def read_txt(data: bytes) -> ReplyFile:
    return ReplyFile(text=trim_history(decode_text(data)[:BODY_MAX]), source="txt")


def read_reply_file(name: str, data: bytes) -> ReplyFile:
    """The reply in an uploaded file, or ReplyFileError with a message for the person who uploaded it."""
    lowered = (name or "").lower()
    if not lowered.endswith(EXTENSIONS):
        raise ReplyFileError(_("Upload the reply as an .eml or .txt file."))
    if len(data) > MAX_BYTES:
        raise ReplyFileError(_("The file is too large: at most %(mb)d MB.") % {"mb": MAX_BYTES // 1024 // 1024})
    if not data.strip():
        raise ReplyFileError(_("The file is empty."))
    found = read_eml(data) if lowered.endswith(".eml") else read_txt(data)
    if not found.text:
        raise ReplyFileError(_("The file has no reply text (only quoted earlier messages)."))
    return found
