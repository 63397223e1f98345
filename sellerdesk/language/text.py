"""Making any input safe to analyse: decoding, cleaning, clipping, and telling the language.

Every analyser starts with `prepare()`, so none of them meets bytes, NUL characters, unpaired
surrogates or a megabyte of text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 20_000  # an appeal is a few thousand characters; anything longer is cut with a message

# Control characters except tab and newline; unpaired surrogates come from broken decoders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Prepared:
    text: str
    truncated: bool
    original_length: int


def prepare(raw: str | bytes | None, limit: int = MAX_CHARS) -> Prepared:
    """Decode, normalise (NFC, Windows line ends), drop control characters and cut at `limit`."""
    if raw is None:
        raw = ""
    if isinstance(raw, bytes | bytearray):
        raw = bytes(raw).decode("utf-8", errors="replace")
    text = unicodedata.normalize("NFC", _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")))
    length = len(text)
    if length > limit:
        return Prepared(text[:limit], True, length)
    return Prepared(text, False, length)


def script_counts(text: str) -> dict[str, int]:
    return {
        "cyrillic": len(_CYRILLIC.findall(text)),
        "cjk": len(_CJK.findall(text)),
        "latin": len(_LATIN.findall(text)),
    }


def detect_language(text: str) -> str:
    """'ru', 'zh', 'en', or '' when the text has no letters.

    Our three languages are told apart by their scripts. A Chinese character carries a word's
    worth of meaning, so one counts for three letters; Latin letters in identifiers (FBO, SKU,
    nmID) rarely outweigh the Russian around them.
    """
    counts = script_counts(text)
    weighted = {"ru": counts["cyrillic"], "zh": counts["cjk"] * 3, "en": counts["latin"]}
    best = max(weighted, key=weighted.get)
    return best if weighted[best] else ""


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_SENTENCE_END = re.compile(r"(?<=[.!?…。！？；;])\s+|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)]))|(?<=[。！？])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences and list items, blank ones left out.

    A full stop followed by a lower-case word ends an abbreviation, not a sentence: «15 400 руб. за
    поставку», «г. Москва».
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end():match.end() + 1]
        if following.islower() and text[match.start() - 1:match.start()] == ".":
            continue
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
