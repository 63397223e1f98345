"""Every label, hint and address of the shipped ladder is a msgid makemessages can find; the data files pass
`sellerdesk playbook check`'s rules for the ladder."""

from __future__ import annotations

import tomllib

from sellerdesk.followup.ladder import LADDER_MSGIDS
from sellerdesk.playbook import ladder as ladder_data


def test_every_ladder_text_shown_to_a_person_is_listed():
    raw = tomllib.loads((ladder_data.DATA_DIR / "ladder.toml").read_text(encoding="utf-8"))
    shown = {row.get(key) for row in raw["levels"] for key in ("label", "hint", "where")}
    shown |= {row.get("where") for levels in raw["platforms"].values() for row in levels.values()}
    shown.discard(None)
    assert shown - set(LADDER_MSGIDS) == set()


def test_the_shipped_ladder_and_its_texts_are_valid():
    raw = tomllib.loads((ladder_data.DATA_DIR / "ladder.toml").read_text(encoding="utf-8"))
    assert ladder_data.validate_ladder(raw) == []
    for language in ladder_data.LANGUAGES:
        assert ladder_data.validate_texts(ladder_data.texts(language)) == [], language


def test_validation_names_the_broken_key():
    problems = ladder_data.validate_ladder({"levels": [{"level": 1, "code": "shout", "after": "soon", "after_hours": -1,
                                                        "channel": "pigeon", "label": "x"}],
                                            "platforms": {"wb": {"9": {"where": "x"}, "1": {"code": "x"}}}})
    text = "\n".join(problems)
    for part in ("levels[0].code", "levels[0].after", "after_hours", "levels[0].channel", "levels: must hold",
                 "platforms.wb.9", "platforms.wb.1.code"):
        assert part in text, part
    broken = {"units": {}, "reminder": {"subject": ["{nope}"], "body": []}}
    text = "\n".join(ladder_data.validate_texts(broken))
    assert "unknown placeholder {nope}" in text and "reminder.body" in text and "units.hours" in text


def test_every_platform_gets_six_levels():
    for platform in ("wb", "ozon", "vendor", "ymarket", "unknown"):
        levels = ladder_data.ladder(platform)
        assert [s.level for s in levels] == [1, 2, 3, 4, 5, 6]
    assert ladder_data.ladder("vendor")[0].after_hours == 24
    assert ladder_data.ladder("wb")[0].after_hours == 48


def test_playbook_check_reads_the_ladder_files():
    from sellerdesk.playbook.check import check_all, check_text

    assert [p for p in check_all() if "ladder" in p.path] == []
    problems = check_text('[[levels]]\nlevel = 1\ncode = "reminder"\n', "ladder", path="ladder.toml")
    assert any("no after_hours" in p.message for p in problems)
    problems = check_text('[units]\n', "ladder_texts", path="ladder_texts/ru.toml")
    assert any("reminder: missing table" in p.message for p in problems)
