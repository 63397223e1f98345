"""Text signatures for the duplicate guard: is this description near-identical to another one?

A 64-bit SimHash over the content lemmas and their pairs: two texts that say the same thing in
other word forms or order differ in a few bits, unrelated texts in about half of them. The
signature is stored with each case, so comparing a new description with thousands of live cases
is a loop over integers, not over texts.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from sellerdesk.language.morph import content_tokens
from sellerdesk.language.text import prepare

BITS = 64
NEAR = 12          # at most this many differing bits: "near-identical"
MIN_TOKENS = 4     # shorter texts say too little to be called the same problem
_SIGN = 1 << (BITS - 1)


@lru_cache(maxsize=50_000)
def _hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")


def features(text: str) -> list[str]:
    words = content_tokens(prepare(text).text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def signature(text: str) -> int | None:
    """A signed 64-bit SimHash (fits a BigIntegerField), or None when the text is too short to compare."""
    feats = features(text)
    if len(feats) < MIN_TOKENS * 2 - 1:
        return None
    hashes = np.array([_hash(f) for f in feats], dtype=">u8").view(np.uint8).reshape(-1, 8)
    ones = np.unpackbits(hashes, axis=1).sum(axis=0, dtype=np.int64)   # per bit, most significant first
    value = int.from_bytes(np.packbits(ones * 2 > len(feats)).tobytes(), "big")
    return value - (1 << BITS) if value & _SIGN else value


def nearest(target: int, candidates, limit: int = 5, max_distance: int = NEAR) -> list[tuple[object, int]]:
    """(key, distance) of the closest candidates [(key, signature), ...] within `max_distance`."""
    mask = (1 << BITS) - 1
    target &= mask
    found = [(key, d) for key, sig in candidates if sig is not None and (d := ((sig & mask) ^ target).bit_count())
             <= max_distance]
    found.sort(key=lambda item: item[1])
    return found[:limit]
