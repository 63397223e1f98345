"""Validate playbook data: TOML syntax and the meaning of each table, with the line of every error.

`check_all()` checks the shipped files (the `sellerdesk playbook check` command); `check_text()`
checks one text, such as a workspace's override before it is saved. A problem carries an English
message and, for the interface, its msgid and parameters so that it can be shown translated.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sellerdesk.playbook import DATA_DIR
from sellerdesk.playbook.books import CHANNELS
from sellerdesk.playbook.toml_lines import key_lines, line_of


def gettext_noop(message: str) -> str:
    """Marks a msgid for makemessages; the interface translates it when it shows the problem."""
    return message


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str          # English, with the values filled in
    msgid: str = ""       # the message before the values, for translation
    params: tuple = ()    # ((name, value), ...) filled into the translated msgid

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# File kinds check_text understands. Templates and phrasebooks are validated by the composer's own
# rules (playbook.templates); "toml" checks the syntax only.
FILE_KINDS = ("platform", "checklists", "platforms", "kinds", "entities", "lifecycle", "templates", "phrasebook",
              "ladder", "ladder_texts", "toml")
_COMPOSER_PROBLEM = re.compile(r"^\[?([A-Za-z_]{1,40})(?:\.([A-Za-z_]{1,40}))?\]?(?:\[\d{1,6}\])?: ")

_AT_LINE = re.compile(r"\(at line (\d{1,9}), column \d{1,9}\)")

_TOPIC_KEYS = {"code": str, "category": str, "label": str, "kind": str, "keywords": list}
_TOPIC_REQUIRED = ("code", "category", "label", "kind")
_CLOCK_KEYS = {"first_reaction_hours": float, "reminder_after_hours": float, "business_time": bool}
_ITEM_KEYS = {"label": str, "required": bool, "entities": list, "evidence": bool, "hint": str, "omit": bool}
_PLATFORM_KEYS = {"name": str, "language": str, "support": str}
_TYPE_NAMES = {str: "text", list: "a list", float: "a number", bool: "true or false", dict: "a table"}


class _Checker:
    def __init__(self, path: str, text: str, kinds: set[str], base_items: dict[str, set[str]]) -> None:
        self.path = path
        self.text = text
        self.kinds = kinds
        self.base_items = base_items  # kind or "common" -> item codes that already exist below this layer
        self.problems: list[Problem] = []
        self._lines: dict | None = None

    def line(self, where: tuple) -> int:
        if self._lines is None:
            self._lines = key_lines(self.text)
        return line_of(self._lines, where)

    def add(self, where: tuple, msgid: str, **params) -> None:
        message = msgid % params if params else msgid
        self.problems.append(Problem(self.path, self.line(where), message, msgid, tuple(params.items())))

    # --- shared pieces ---------------------------------------------------------------------------

    def table(self, where: tuple, value) -> bool:
        if isinstance(value, dict):
            return True
        self.add(where, gettext_noop("“%(key)s” must be a table."), key=_name(where))
        return False

    def fields(self, where: tuple, row: dict, schema: dict) -> None:
        """Unknown keys and values of the wrong type."""
        for key, value in row.items():
            expected = schema.get(key)
            if expected is None:
                self.add(where + (key,), gettext_noop("Unknown key “%(key)s”."), key=key)
            elif not _is(value, expected):
                self.add(where + (key,), gettext_noop("“%(key)s” must be %(type)s."),
                         key=key, type=_TYPE_NAMES[expected])

    def unknown_top(self, data: dict, allowed: tuple[str, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.add((key,), gettext_noop("Unknown key “%(key)s”."), key=key)

    def kind(self, where: tuple, value, extra: tuple[str, ...] = ()) -> bool:
        if value in self.kinds or value in extra:
            return True
        self.add(where, gettext_noop("Unknown kind “%(kind)s”; known kinds: %(known)s."),
                 kind=str(value), known=", ".join(sorted(self.kinds)))
        return False

    # --- platform files and overrides ------------------------------------------------------------

    def platform(self, data: dict) -> None:
        self.unknown_top(data, ("topics", "channels", "checklists", "templates", "platform"))
        if "topics" in data:
            self.topics(data["topics"])
        if "channels" in data and self.table(("channels",), data["channels"]):
            for code, row in data["channels"].items():
                self.channel(code, row)
        if "checklists" in data and self.table(("checklists",), data["checklists"]):
            self.checklists(data["checklists"], ("checklists",))
        if "templates" in data and self.table(("templates",), data["templates"]):
            self.templates(data["templates"], ("templates",))
        if "platform" in data and self.table(("platform",), data["platform"]):
            self.fields(("platform",), data["platform"], _PLATFORM_KEYS)

    def topics(self, topics) -> None:
        if not isinstance(topics, list) or not all(isinstance(row, dict) for row in topics):
            self.add(("topics",), gettext_noop("“topics” must be a list of [[topics]] tables."))
            return
        seen: set[str] = set()
        for index, row in enumerate(topics):
            where = ("topics", index)
            self.fields(where, row, _TOPIC_KEYS)
            for key in _TOPIC_REQUIRED:
                if not (isinstance(row.get(key), str) and row[key].strip()):
                    if key not in row:
                        self.add(where, gettext_noop("This topic has no “%(key)s”."), key=key)
                    elif isinstance(row[key], str):
                        self.add(where + (key,), gettext_noop("“%(key)s” is empty."), key=key)
            if isinstance(row.get("kind"), str):
                self.kind(where + ("kind",), row["kind"])
            code = row.get("code")
            if isinstance(code, str) and code:
                if code in seen:
                    self.add(where + ("code",), gettext_noop("Duplicate topic code “%(code)s”."), code=code)
                seen.add(code)
            keywords = row.get("keywords", [])
            if isinstance(keywords, list) and not all(isinstance(word, str) and word.strip() for word in keywords):
                self.add(where + ("keywords",), gettext_noop("Every keyword must be a non-empty text."))

    def channel(self, code: str, row) -> None:
        where = ("channels", code)
        if code not in CHANNELS:
            self.add(where, gettext_noop("Unknown channel “%(channel)s”; known channels: %(known)s."),
                     channel=code, known=", ".join(CHANNELS))
            return
        if not self.table(where, row):
            return
        self.clock(where, {k: v for k, v in row.items() if k != "kinds"})
        per_kind = row.get("kinds", {})
        if self.table(where + ("kinds",), per_kind):
            for kind, clock in per_kind.items():
                if self.kind(where + ("kinds", kind), kind) and self.table(where + ("kinds", kind), clock):
                    self.clock(where + ("kinds", kind), clock)

    def clock(self, where: tuple, row: dict) -> None:
        self.fields(where, row, _CLOCK_KEYS)
        for key in ("first_reaction_hours", "reminder_after_hours"):
            value = row.get(key)
            if _is(value, float) and value < 0:
                self.add(where + (key,), gettext_noop("“%(key)s” cannot be negative (%(value)s)."),
                         key=key, value=value)

    # --- templates and phrasebooks (rules owned by playbook.templates) ----------------------------

    def templates(self, data: dict, prefix: tuple = ()) -> None:
        from sellerdesk.playbook.templates import validate_template

        for kind, table in data.items():
            where = prefix + (kind,)
            if self.kind(where, kind, ("default",)) and self.table(where, table):
                for problem in validate_template(table):
                    self.composer_problem(where, problem)

    def phrasebook(self, data: dict) -> None:
        from sellerdesk.playbook.templates import validate_phrasebook

        for problem in validate_phrasebook(data):
            self.composer_problem((), problem)

    def ladder_file(self, data: dict) -> None:
        from sellerdesk.playbook.ladder import validate_ladder

        for problem in validate_ladder(data):
            self.composer_problem((), problem)

    def ladder_texts_file(self, data: dict) -> None:
        from sellerdesk.playbook.ladder import validate_texts

        for problem in validate_texts(data):
            self.composer_problem((), problem)

    def composer_problem(self, where: tuple, problem: str) -> None:
        match = _COMPOSER_PROBLEM.match(problem)
        if match:
            where += tuple(part for part in match.groups() if part)
        # The composer words its problems in English only; they are shown as they are.
        self.problems.append(Problem(self.path, self.line(where), problem))

    # --- checklists ------------------------------------------------------------------------------

    def checklists(self, data: dict, prefix: tuple = ()) -> None:
        for kind, items in data.items():
            where = prefix + (kind,)
            if not self.kind(where, kind, ("common",)) or not self.table(where, items):
                continue
            for code, row in items.items():
                if self.table(where + (code,), row):
                    self.item(where + (code,), kind, code, row)

    def item(self, where: tuple, kind: str, code: str, row: dict) -> None:
        from sellerdesk.language.entities import KINDS as ENTITY_KINDS

        self.fields(where, row, _ITEM_KEYS)
        known = code in self.base_items.get(kind, ()) or code in self.base_items.get("common", ())
        if not row.get("omit") and not known and not (isinstance(row.get("label"), str) and row["label"].strip()):
            self.add(where, gettext_noop("Checklist item “%(code)s” has no label."), code=code)
        for entity in row.get("entities", []) if isinstance(row.get("entities"), list) else []:
            if entity not in ENTITY_KINDS:
                self.add(where + ("entities",), gettext_noop("Unknown entity kind “%(entity)s”."),
                         entity=str(entity))

    # --- the small shared files ------------------------------------------------------------------

    def platforms_file(self, data: dict) -> None:
        for code, row in data.items():
            if self.table((code,), row):
                self.fields((code,), row, _PLATFORM_KEYS)
                for key in _PLATFORM_KEYS:
                    if key not in row:
                        self.add((code,), gettext_noop("Platform “%(code)s” has no “%(key)s”."), code=code, key=key)

    def kinds_file(self, data: dict) -> None:
        for code, row in data.items():
            if self.table((code,), row):
                self.fields((code,), row, {"label": str, "hint": str})
                if "label" not in row:
                    self.add((code,), gettext_noop("Kind “%(code)s” has no “label”."), code=code)

    def entities_file(self, data: dict) -> None:
        from sellerdesk.language.entities import KINDS as ENTITY_KINDS

        for code, words in data.items():
            if code not in ENTITY_KINDS:
                self.add((code,), gettext_noop("Unknown entity kind “%(entity)s”."), entity=code)
            elif not (isinstance(words, list) and all(isinstance(w, str) for w in words)):
                self.add((code,), gettext_noop("“%(key)s” must be a list of words."), key=code)

    def lifecycle_file(self, data: dict) -> None:
        self.unknown_top(data, ("statuses", "groups", "requires"))
        statuses = data.get("statuses")
        if not isinstance(statuses, dict):
            self.add(("statuses",), gettext_noop("“%(key)s” must be a table."), key="statuses")
            return
        for status, nexts in statuses.items():
            for target in nexts if isinstance(nexts, list) else [nexts]:
                if target not in statuses:
                    self.add(("statuses", status), gettext_noop("Unknown status “%(status)s”."), status=str(target))
        for group, members in data.get("groups", {}).items():
            for status in members if isinstance(members, list) else [members]:
                if status not in statuses:
                    self.add(("groups", group), gettext_noop("Unknown status “%(status)s”."), status=str(status))


def _is(value, expected: type) -> bool:
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, expected)


def _name(where: tuple) -> str:
    return ".".join(str(part) for part in where if not isinstance(part, int)) or "document"


# tomllib is quadratic in the parts of a dotted key and recursive in nested arrays and tables:
# texts beyond these limits are refused before parsing (a platform file is about 10 KB, 4 levels deep).
MAX_CHARS = 300_000
MAX_KEY_PARTS = 16
MAX_NESTING = 32


def _shape_problem(path: str, text: str) -> Problem | None:
    """A text too big or too deep to parse safely, with the line where it goes wrong; None if fine."""
    if len(text) > MAX_CHARS:
        msgid = gettext_noop("The text is too long: %(size)s characters, at most %(limit)s.")
        params = {"size": len(text), "limit": MAX_CHARS}
        return Problem(path, 1, msgid % params, msgid, tuple(params.items()))
    depth, line, quote = 0, 1, ""
    parts = 1      # dotted parts of the key being read (before "=" or inside a header)
    in_key = True  # at the start of a line, until "=" or the end of a header
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            if not quote or len(quote) == 1:
                quote = ""
                if depth == 0:
                    in_key, parts = True, 1
        if quote:
            if text.startswith(quote, i):
                i += len(quote)
                quote = ""
                continue
            i += 2 if ch == "\\" and quote[0] == '"' else 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            continue
        if ch == "." and in_key:
            parts += 1
            if parts > MAX_KEY_PARTS:
                msgid = gettext_noop("This key has more than %(limit)s dotted parts.")
                return Problem(path, line, msgid % {"limit": MAX_KEY_PARTS}, msgid, (("limit", MAX_KEY_PARTS),))
        elif ch == "=":
            in_key, parts = False, 1
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                msgid = gettext_noop("Lists and tables are nested more than %(limit)s levels deep.")
                return Problem(path, line, msgid % {"limit": MAX_NESTING}, msgid, (("limit", MAX_NESTING),))
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _parse(path: str, text: str) -> tuple[dict | None, list[Problem]]:
    shape = _shape_problem(path, text)
    if shape is not None:
        return None, [shape]
    try:
        return tomllib.loads(text), []
    except RecursionError:
        msgid = gettext_noop("Lists and tables are nested more than %(limit)s levels deep.")
        return None, [Problem(path, 1, msgid % {"limit": MAX_NESTING}, msgid, (("limit", MAX_NESTING),))]
    except tomllib.TOMLDecodeError as exc:
        error = str(exc)
        match = _AT_LINE.search(error)
        line = int(match.group(1)) if match else max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        error = _AT_LINE.sub("", error).strip()
        msgid = gettext_noop("TOML syntax error: %(error)s")
        return None, [Problem(path, line, msgid % {"error": error}, msgid, (("error", error),))]


def _known_kinds(data_dir: Path) -> set[str]:
    try:
        return set(tomllib.loads((data_dir / "kinds.toml").read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError):
        return set(tomllib.loads((DATA_DIR / "kinds.toml").read_text(encoding="utf-8")))


def _base_items(data_dir: Path, platform: str | None = None) -> dict[str, set[str]]:
    """Checklist item codes defined in checklists.toml (and the platform's shipped file)."""
    items: dict[str, set[str]] = {}
    sources = [data_dir / "checklists.toml"]
    if platform:
        sources.append(data_dir / "platforms" / f"{platform}.toml")
    for source in sources:
        try:
            raw = tomllib.loads(source.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, ValueError):
            continue
        raw = raw.get("checklists", raw) if source.parent.name == "platforms" else raw
        for kind, rows in raw.items():
            if isinstance(rows, dict):
                items.setdefault(kind, set()).update(rows)
    return items


def check_text(text: str, kind: str = "platform", *, path: str = "<text>", platform: str | None = None,
               data_dir: Path = DATA_DIR) -> list[Problem]:
    """Problems in one TOML text of the given file kind (see FILE_KINDS), sorted by line.

    `platform` names the shipped platform an override applies to, so that it may change that
    platform's own checklist items without repeating their labels.
    """
    data, problems = _parse(path, text)
    if data is None or kind == "toml":
        return problems
    base = {} if kind == "checklists" else _base_items(data_dir, platform)
    checker = _Checker(path, text, _known_kinds(data_dir), base)
    handler = _HANDLERS.get(kind)
    if handler is None:
        raise ValueError(f"unknown file kind {kind!r}; expected one of {FILE_KINDS}")
    getattr(checker, handler)(data)
    return sorted(checker.problems, key=lambda p: p.line)


def _coverage(path: str, text: str, kinds: set[str]) -> list[Problem]:
    """A shipped platform file must offer a topic for every kind."""
    try:
        topics = tomllib.loads(text).get("topics", [])
    except tomllib.TOMLDecodeError:
        return []
    covered = {row.get("kind") for row in topics if isinstance(row, dict)}
    missing = sorted(kinds - covered)
    if not missing:
        return []
    msgid = gettext_noop("No topic for the kinds: %(kinds)s.")
    lines = key_lines(text)
    return [Problem(path, line_of(lines, ("topics",)), msgid % {"kinds": ", ".join(missing)}, msgid,
                    (("kinds", ", ".join(missing)),))]


# File kind → the _Checker method that reads it.
_HANDLERS = {"platform": "platform", "checklists": "checklists", "platforms": "platforms_file",
             "kinds": "kinds_file", "entities": "entities_file", "lifecycle": "lifecycle_file",
             "templates": "templates", "phrasebook": "phrasebook", "ladder": "ladder_file",
             "ladder_texts": "ladder_texts_file"}


def _file_kind(data_dir: Path, path: Path) -> str:
    if path.parent == data_dir / "platforms":
        return "platform"
    if path.parent == data_dir / "templates":
        return "templates"
    if path.parent == data_dir / "phrasebook":
        return "phrasebook"
    if path.parent == data_dir / "ladder_texts":
        return "ladder_texts"
    if path.parent == data_dir and path.stem in FILE_KINDS:
        return path.stem
    return "toml"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_all(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Problems in every TOML file under `data_dir`, in file order then line order."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    kinds = _known_kinds(data_dir)
    for path in sorted(data_dir.rglob("*.toml")):
        shown = _display(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            msgid = gettext_noop("Cannot read the file: %(error)s")
            problems.append(Problem(shown, 1, msgid % {"error": exc}, msgid, (("error", str(exc)),)))
            continue
        kind = _file_kind(data_dir, path)
        found = check_text(text, kind, path=shown, platform=path.stem if kind == "platform" else None,
                           data_dir=data_dir)
        if kind == "platform" and not found:
            found = _coverage(shown, text, kinds)
        problems.extend(found)
    return problems


def files_checked(data_dir: Path = DATA_DIR) -> int:
    return sum(1 for _ in Path(data_dir).rglob("*.toml"))
