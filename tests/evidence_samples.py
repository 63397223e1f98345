"""Small real files for the evidence tests, made in memory: what sellers attach, and what attackers send."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile


def pdf(note: str = "Акт о расхождении, поставка 24815162") -> bytes:
    body = f"1 0 obj << /Title ({note}) >> endobj\n".encode()
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def png(red: int = 200) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixel = zlib.compress(bytes([0, red, 30, 30]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixel) + chunk(b"IEND", b""))


def xlsx() -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("Удержания")
    sheet.write_row(0, 0, ["Номер отправления", "Сумма, ₽", "Причина"])
    sheet.write_row(1, 0, ["12345678-0001-1", 1540.50, "Штраф за нарушение упаковки"])
    sheet.write_row(2, 0, ["87654321-0002-3", 312.00, "Недовложение"])
    book.close()
    return buf.getvalue()


def csv_cp1251() -> bytes:
    return "Номер заказа;Сумма\n12345678-0001-1;1540,50\n87654321-0002-3;312,00\n".encode("cp1251")


def txt_utf8() -> bytes:
    return "供应商回复：订单 12345678-0001-1 已退款 ¥ 320.00\nПродавец: ИП Соколова\n".encode()


def docx_like() -> bytes:
    return make_zip({
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": "<w:document><w:t>Претензия по заказу 24815162</w:t></w:document>".encode(),
    })


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buf.getvalue()


def zeros_bomb(megabytes: int, method: int = zipfile.ZIP_BZIP2) -> bytes:
    """A real archive of `megabytes` MB of zeros; with bzip2 300 MB pack into a few hundred bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as archive, archive.open("отчёт.csv", "w") as fh:
        block = bytes(1 << 20)
        for _ in range(megabytes):
            fh.write(block)
    return buf.getvalue()


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(64) + b"This program cannot be run"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def files_under(root: Path) -> list[str]:
    """Every file below `root` (the evidence folder), as paths relative to it."""
    found = []
    for folder, _dirs, names in os.walk(root):
        found += [os.path.relpath(os.path.join(folder, n), root) for n in names]
    return sorted(found)
