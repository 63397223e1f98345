"""Checks and normal forms of the identifiers sellers quote: INN, order and posting numbers."""

from __future__ import annotations

import re

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_1 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_2 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def is_valid_inn(value: str) -> bool:
    """True for a Russian taxpayer number (ИНН) whose check digits match.

    10 digits for a company, 12 for an individual entrepreneur.
    """
    if not value.isascii() or not value.isdigit():
        return False
    if len(value) == 10:
        return _check_digit(value, _INN10_WEIGHTS) == int(value[9])
    if len(value) == 12:
        return (
            _check_digit(value, _INN12_WEIGHTS_1) == int(value[10])
            and _check_digit(value, _INN12_WEIGHTS_2) == int(value[11])
        )
    return False


_SPACES = re.compile(r"\s+")


def normalize_reference(value: str) -> str:
    """The form an entity reference is stored and searched in: trimmed, no inner spaces,
    upper case (WB srid and article numbers mix cases freely in what sellers paste)."""
    return _SPACES.sub("", value or "").strip().upper()


_CJK = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def spaced_cjk(text: str) -> str:
    """Put spaces around every CJK ideograph so word-based full-text engines index them one by one.

    Chinese has no spaces between words; indexing single characters and searching the query's
    characters as a phrase finds any word inside a sentence.
    """
    return _CJK.sub(r" \1 ", text)
