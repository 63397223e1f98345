"""Where each key of a TOML document is written: its line, so that an error can point at it.

tomllib tells the line of a syntax error but forgets positions once the text parses; the checker
needs the line of a key that parses fine but means nothing (an unknown kind, a negative clock).
This scanner assumes text tomllib already accepted and maps key paths to 1-based line numbers:
("topics", 2, "kind") is the `kind` of the third [[topics]] table.
"""

from __future__ import annotations

# Prefixes of a dotted key recorded for lookups; deeper ones fall back to the full key's line.
_MAX_DEPTH = 8


def _split_key(raw: str) -> tuple[str, ...]:
    """Split a dotted key (`a."b.c".d`) into its parts, quotes removed."""
    parts: list[str] = []
    buf: list[str] = []
    quote = ""
    i = 0
    while i < len(raw):
        ch = raw[i]
        if quote:
            if ch == "\\" and quote == '"' and i + 1 < len(raw):
                buf.append(raw[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = ""
            else:
                buf.append(ch)
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append("".join(buf).strip())
            buf = []
        elif not ch.isspace():
            buf.append(ch)
        i += 1
    parts.append("".join(buf).strip())
    return tuple(parts)


def _key_end(line: str) -> int:
    """Index of the `=` that ends the key on a key/value line, or -1."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return i
        elif ch == "#":
            return -1
    return -1


class _ValueScanner:
    """Follows strings and brackets across lines so continuation lines are not read as keys."""

    def __init__(self) -> None:
        self.depth = 0
        self.multiline = ""   # '"""' or "'''" while inside a multi-line string

    @property
    def inside(self) -> bool:
        return self.depth > 0 or bool(self.multiline)

    def feed(self, text: str) -> None:
        i, n = 0, len(text)
        while i < n:
            if self.multiline:
                end = text.find(self.multiline, i)
                if end < 0:
                    return
                i = end + 3
                self.multiline = ""
                continue
            ch = text[i]
            if ch == "#":
                return
            if text.startswith('"""', i) or text.startswith("'''", i):
                self.multiline = text[i:i + 3]
                i += 3
                continue
            if ch in "\"'":
                i = self._skip_string(text, i, ch)
                continue
            if ch in "[{":
                self.depth += 1
            elif ch in "]}":
                self.depth = max(0, self.depth - 1)
            i += 1

    @staticmethod
    def _skip_string(text: str, i: int, quote: str) -> int:
        i += 1
        while i < len(text):
            if quote == '"' and text[i] == "\\":
                i += 2
                continue
            if text[i] == quote:
                return i + 1
            i += 1
        return i


def key_lines(text: str) -> dict[tuple, int]:
    """Map each key path of a valid TOML text to the line it is written on (1-based)."""
    lines: dict[tuple, int] = {}
    arrays: dict[tuple, int] = {}     # resolved path of an array of tables -> index of its last table
    current: tuple = ()
    scanner = _ValueScanner()

    def resolve(keys: tuple[str, ...]) -> tuple:
        path: tuple = ()
        for key in keys:
            path += (key,)
            if path in arrays:
                path += (arrays[path],)
        return path

    for number, line in enumerate(text.splitlines(), start=1):
        if scanner.inside:
            scanner.feed(line)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[["):
            end = stripped.find("]]")
            keys = _split_key(stripped[2:end])
            parent = resolve(keys[:-1]) + (keys[-1],)
            arrays[parent] = arrays.get(parent, -1) + 1
            for depth in range(1, min(len(parent), _MAX_DEPTH) + 1):
                lines.setdefault(parent[:depth], number)
            current = parent + (arrays[parent],)
            lines[current] = number
            continue
        if stripped.startswith("["):
            end = stripped.find("]")
            current = resolve(_split_key(stripped[1:end]))
            for depth in range(1, min(len(current), _MAX_DEPTH) + 1):
                lines.setdefault(current[:depth], number)
            lines.setdefault(current, number)
            continue
        eq = _key_end(stripped)
        if eq < 0:
            continue
        keys = _split_key(stripped[:eq])
        for depth in range(1, min(len(keys), _MAX_DEPTH) + 1):
            lines.setdefault(current + keys[:depth], number)
        lines.setdefault(current + keys, number)
        scanner.feed(stripped[eq + 1:])
    return lines


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """The line of `path`, or of its nearest written ancestor, or 1."""
    path = path[: _MAX_DEPTH * 2]
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1
