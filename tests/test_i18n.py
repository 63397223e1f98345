"""The interface speaks Russian (default), English and Chinese from committed gettext catalogs.

The .po files are read with a few lines of parsing (polib is not a project dependency); the compiled
.mo files are checked through Django's own translation machinery, so a stale .mo fails here too.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sellerdesk.shops.models import Shop

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED = {"ru": "ru", "zh_Hans": "zh-hans"}  # catalog folder -> Django language code
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdfir]|<[^>]+>")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def read_po(path: Path) -> list[Entry]:
    """Entries of a .po file, header and obsolete (#~) entries left out."""
    entries, entry, target = [], Entry(), None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if target is not None and entry.msgid:
                entries.append(entry)
            entry, target = Entry(), None
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _, rest = line.partition(" ")
            target = keyword
            if keyword.startswith("msgstr["):
                target = int(keyword[7:-1])
            elif keyword == "msgctxt":
                entry.msgctxt = ""
            _append(entry, target, ast.literal_eval(rest))
    return entries


def _append(entry: Entry, target, text: str) -> None:
    if isinstance(target, int):
        entry.msgstr[target] = entry.msgstr.get(target, "") + text
    elif target == "msgstr":
        entry.msgstr[0] = entry.msgstr.get(0, "") + text
    else:
        setattr(entry, target, (getattr(entry, target) or "") + text)


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.fixture(params=sorted(TRANSLATED), scope="module")
def catalog(request) -> tuple[str, list[Entry]]:
    return request.param, read_po(LOCALE / request.param / "LC_MESSAGES" / "django.po")


def test_the_catalogs_cover_the_interface(catalog):
    folder, entries = catalog
    assert len(entries) > 400, f"{folder}: the catalog looks truncated ({len(entries)} entries)"
    assert any(e.msgid == "Journal" for e in entries)


def test_every_msgid_is_translated_and_none_is_fuzzy(catalog):
    folder, entries = catalog
    forms = 3 if folder == "ru" else 1
    untranslated = [e.msgid for e in entries
                    if any(not e.msgstr.get(i, "").strip() for i in (range(forms) if e.msgid_plural else [0]))]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert untranslated == [], f"{folder}: untranslated: {untranslated}"
    assert fuzzy == [], f"{folder}: fuzzy: {fuzzy}"


def test_the_plural_forms_fit_the_language():
    ru = (LOCALE / "ru" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    zh = (LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert "nplurals=3;" in ru and "nplurals=1;" in zh
    with translation.override("ru"):
        lines = [translation.ngettext("…and %(n)s more problem.", "…and %(n)s more problems.", n) % {"n": n}
                 for n in (1, 3, 5, 21, 112)]
    assert lines == ["…и ещё 1 ошибка.", "…и ещё 3 ошибки.", "…и ещё 5 ошибок.", "…и ещё 21 ошибка.",
                     "…и ещё 112 ошибок."]


def test_translations_keep_the_placeholders_of_their_msgid(catalog):
    folder, entries = catalog
    broken = []
    for e in entries:
        for index, text in e.msgstr.items():
            source = e.msgid_plural if e.msgid_plural and index > 0 else e.msgid
            if _placeholders(text) != _placeholders(source):
                broken.append((e.msgid, text))
    assert broken == [], f"{folder}: placeholders differ: {broken}"


def test_the_compiled_catalogs_match_the_po_files(catalog):
    """The .mo files are committed: one compiled from an older .po would show old or English text."""
    folder, entries = catalog
    stale = []
    with translation.override(TRANSLATED[folder]):
        for e in entries:
            if e.msgid_plural:
                got = translation.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1) if e.msgctxt else \
                    translation.ngettext(e.msgid, e.msgid_plural, 1)
            else:
                got = translation.pgettext(e.msgctxt, e.msgid) if e.msgctxt else translation.gettext(e.msgid)
            if got != e.msgstr.get(0):
                stale.append((e.msgid, got))
    assert stale == [], f"{folder}: run `make messages`; the .mo disagrees with the .po for {stale[:5]}"


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["Заказ", "Поставка", "Отправление", "Сменить статус", "Новое обращение"]),
    ("zh-hans", ["订单", "供货单", "货件", "更改状态", "新建工单"]),
])
def test_marketplace_words_win_over_djangos_own(language, words):
    """Django's Russian catalog translates "Order" as «Порядок»; ours must say «Заказ»."""
    with translation.override(language):
        got = [translation.gettext(w) for w in ("Order", "Supply", "Posting", "Change status", "New case")]
    assert got == words


@pytest.mark.parametrize(("language", "title", "new_case"), [
    ("ru", "Журнал", "Новое обращение"),
    ("zh-hans", "工单日志", "新建申诉"),
    ("en", "Journal", "New appeal"),
])
def test_the_journal_speaks_the_chosen_language(world, client_for, make_case, language, title, new_case):
    make_case(subject="Недовложение по заказу 4412375581")
    client = client_for(world.manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/w/{world.workspace.slug}/").text
    assert f'<html lang="{language}">' in page
    assert f"<title>{title} · SellerDesk</title>" in page
    assert new_case in page


def test_the_journal_follows_the_browser_language_without_a_cookie(world, make_case):
    make_case(subject="Отправление 12345678-0001-1 потеряно на сортировке")
    client = Client(headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.5"})
    client.force_login(world.owner.user)
    page = client.get(f"/w/{world.workspace.slug}/").text
    assert "<title>工单日志 · SellerDesk</title>" in page and "风险金额" in page


def test_russian_is_the_default(world, make_case):
    make_case(subject="Штраф за поставку 24815162")
    client = Client()
    client.force_login(world.owner.user)
    page = client.get(f"/w/{world.workspace.slug}/").text
    assert "<title>Журнал · SellerDesk</title>" in page and "Под угрозой" in page


def test_the_case_history_names_references_in_the_readers_language(world, client_for, make_case):
    case = make_case(entities=[("posting", "12345678-0001-1"), ("order", "4412375581")])
    client = client_for(world.manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(f"/w/{world.workspace.slug}/cases/{case.number}/").text
    assert "货件 12345678-0001-1, 订单 4412375581" in page
    assert "posting:12345678-0001-1" not in page


def test_shipped_platform_names_are_translated(world, client_for):
    Shop.objects.create(workspace=world.workspace, platform="vendor", name="极速云ERP")
    client = client_for(world.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "工具服务商" in client.get(f"/w/{world.workspace.slug}/shops/").text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert "Поставщик сервиса" in client.get(f"/w/{world.workspace.slug}/shops/").text
