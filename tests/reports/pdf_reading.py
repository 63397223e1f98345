"""Reading generated PDFs back: their text and the fonts embedded in them."""

from __future__ import annotations

import io
import shutil
import subprocess

import pypdf


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def page_count(content: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def fonts(content: bytes) -> dict[str, bool]:
    """Every font the pages use → whether its program is embedded (/FontFile, /FontFile2 or /FontFile3)."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(io.BytesIO(content)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
    return found


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    return "Noto Sans CJK" in listing
