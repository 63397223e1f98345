"""The checker names each problem and the line of the key that carries it."""

from __future__ import annotations

import shutil
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sellerdesk.playbook import DATA_DIR
from sellerdesk.playbook.check import check_all, check_text
from sellerdesk.playbook.toml_lines import key_lines

TOPIC = """[[topics]]
code = "finance.penalty"
category = "Финансы"
label = "Оспорить штраф"
kind = "finance"
keywords = ["штраф", "罚款"]
"""


def _only(text: str, kind: str = "platform", **kw):
    problems = check_text(text, kind, **kw)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_shipped_data_is_clean():
    assert check_all() == []


def test_a_good_override_is_clean():
    assert check_text(TOPIC + "\n[channels.ticket]\nreminder_after_hours = 48\n") == []


def test_it_reports_a_syntax_error_with_its_line():
    problem = _only(TOPIC.replace('"Оспорить штраф"', "Оспорить штраф"))
    assert problem.line == 4 and "TOML syntax error" in problem.message
    assert str(problem).startswith("<text>:4: ")


def test_it_reports_a_syntax_error_at_the_end():
    problem = _only('a = 1\nb = ')
    assert problem.line == 2


def test_it_reports_an_unknown_kind_on_its_line():
    problem = _only(TOPIC + TOPIC.replace("finance.penalty", "finance.other").replace('"finance"', '"финансы"'))
    assert problem.line == 11 and "Unknown kind “финансы”" in problem.message
    assert problem.msgid.startswith("Unknown kind") and dict(problem.params)["kind"] == "финансы"


def test_it_reports_a_duplicate_topic_code_on_the_second():
    problem = _only(TOPIC + "\n" + TOPIC)
    assert problem.line == 9 and "Duplicate topic code “finance.penalty”" in problem.message


def test_it_reports_a_missing_label_on_the_topic():
    problem = _only(TOPIC + "\n" + TOPIC.replace("finance.penalty", "x").replace('label = "Оспорить штраф"\n', ""))
    assert problem.line == 8 and "no “label”" in problem.message


def test_it_reports_an_empty_label():
    assert _only(TOPIC.replace('"Оспорить штраф"', '"  "')).line == 4


def test_it_reports_negative_hours():
    problem = _only("# clocks\n[channels.ticket]\nfirst_reaction_hours = 24\nreminder_after_hours = -1\n")
    assert problem.line == 4 and "cannot be negative" in problem.message


def test_it_reports_negative_hours_per_kind():
    problem = _only("[channels.ticket.kinds.finance]\nfirst_reaction_hours = -2\n")
    assert problem.line == 2


def test_it_reports_hours_that_are_not_numbers():
    problem = _only('[channels.chat]\nfirst_reaction_hours = "полчаса"\n')
    assert problem.line == 2 and "must be a number" in problem.message


def test_it_reports_an_unknown_channel():
    problem = _only("[channels.chat]\nfirst_reaction_hours = 0.5\n\n[channels.pigeon]\nfirst_reaction_hours = 1\n")
    assert problem.line == 4 and "Unknown channel “pigeon”" in problem.message


def test_it_reports_an_unknown_entity_kind():
    problem = _only('[checklists.finance.period]\nrequired = true\nentities = ["period", "квартал"]\n')
    assert problem.line == 3 and "Unknown entity kind “квартал”" in problem.message


def test_it_reports_a_new_checklist_item_without_a_label():
    problem = _only("# ours\n[checklists.logistics.waybill]\nevidence = true\n")
    assert problem.line == 2 and "“waybill” has no label" in problem.message
    assert check_text('[checklists.logistics.waybill]\nlabel = "Waybill"\nevidence = true\n') == []
    assert check_text("[checklists.logistics.tracking]\nrequired = true\n") == []  # a shipped item


def test_a_platforms_own_item_may_be_changed_without_its_label():
    assert check_text("[checklists.finance.billing_record]\nrequired = false\n", platform="vendor") == []
    assert len(check_text("[checklists.finance.billing_record]\nrequired = false\n")) == 1


def test_it_reports_unknown_keys_at_any_level():
    text = TOPIC.replace("keywords", "colour = 1\nkeywords") + "[channels.chat]\nspeed = 3\n[extras]\na = 1\n"
    lines = [(p.line, p.message) for p in check_text(text)]
    assert lines == [(6, "Unknown key “colour”."), (9, "Unknown key “speed”."), (10, "Unknown key “extras”.")]


def test_it_reports_an_unknown_checklist_kind():
    problem = _only('[channels.chat]\nfirst_reaction_hours = 0.5\n\n[checklists.money.period]\nlabel = "Период"\n')
    assert problem.line == 4 and "Unknown kind “money”" in problem.message


def test_it_reports_a_wrong_type():
    assert "must be a table" in _only('channels = "chat"\n').message
    assert "list of [[topics]]" in _only('topics = "all"\n').message
    assert "true or false" in _only('[channels.chat]\nbusiness_time = "yes"\n').message


def test_it_checks_the_other_shipped_kinds_of_file():
    assert _only('[order]\nlabel = "x"\n', "entities").line == 1
    assert _only('[finance]\nhint = "x"\n', "kinds").message == "Kind “finance” has no “label”."
    assert _only('[wb]\nname = "WB"\nlanguage = "ru"\n', "platforms").message == "Platform “wb” has no “support”."
    assert _only('[statuses]\ndraft = ["ready"]\n', "lifecycle").message == "Unknown status “ready”."
    assert _only('[common.when]\nrequired = true\n', "checklists").line == 1


def test_the_line_finder_survives_multiline_values():
    text = 'a = """\n[not.a.table]\nx = 1\n"""\nb = [\n  "[x]",\n  "y = 2",\n]\n[t."dotted.key"]\nc.d = 1\n'
    lines = key_lines(text)
    assert lines[("a",)] == 1 and lines[("b",)] == 5 and ("not", "a", "table") not in lines
    assert lines[("t", "dotted.key", "c", "d")] == 10


def test_check_all_reports_every_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    wb = data / "platforms" / "wb.toml"
    text = wb.read_text(encoding="utf-8")
    wb.write_text(text.replace('kind = "reviews"', 'kind = "отзывы"'), encoding="utf-8")
    (data / "platforms" / "ozon.toml").write_text("[[topics]\n", encoding="utf-8")
    problems = check_all(data)
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in problems] == [
        ("ozon.toml", 1),
        ("wb.toml", text.splitlines().index('kind = "reviews"') + 1),
    ]


def test_check_all_wants_every_kind_in_a_platform_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "platforms" / "avito.toml").write_text(TOPIC, encoding="utf-8")
    [problem] = check_all(data)
    assert problem.line == 1 and "No topic for the kinds" in problem.message and "reviews" in problem.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_it_never_crashes_on_any_text(text):
    for problem in check_text(text):
        assert problem.line >= 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([TOPIC, "[channels.chat]\n", "first_reaction_hours = -1\n", 'x = """\n',
                                 '"""\n', "[[topics]]\n", 'kind = "zzz"\n', "a.b.c = [\n", "]\n", "# [x]\n"]),
                max_size=12))
def test_it_never_crashes_on_toml_like_text(parts):
    for problem in check_text("".join(parts)):
        assert 1 <= problem.line <= max(1, "".join(parts).count("\n") + 1)


@pytest.mark.parametrize("text", ["1" * 100_000, "а-" * 50_000, "@" * 100_000, "[" * 100_000,
                                  'a = "' + "\\" * 100_000, "a." * 50_000 + "b = 1", "[[t]]\n" * 20_000,
                                  "a = " + "[" * 100_000, "a = " + "{b=" * 30_000, "x.y = 1\n" * 30_000])
def test_it_is_fast_on_hostile_text(text):
    started = time.perf_counter()
    check_text(text)
    assert time.perf_counter() - started < 1.0


def test_it_refuses_texts_too_deep_or_too_long_to_parse_safely():
    assert "dotted parts" in _only("a = 1\n" + "x." * 40 + "y = 1\n").message
    assert _only("a = 1\n" + "x." * 40 + "y = 1\n").line == 2
    assert "nested more than" in _only("a = 1\n\nb = " + "[" * 40 + "]" * 40 + "\n").message
    assert _only("a = 1\n\nb = " + "[" * 40 + "]" * 40 + "\n").line == 3
    assert "too long" in _only("# " + "ж" * 400_000).message
    assert check_text('[channels.chat]\nfirst_reaction_hours = 0.5  # "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r"\n') == []


def test_it_checks_templates_in_a_platform_file_with_the_composers_rules():
    text = '[channels.chat]\nfirst_reaction_hours = 1\n\n[templates.finance]\nlead = "Штраф"\n' \
           'subject = ["{lead} по {ref}", "{lead}"]\nintro = "По поставке {supply}"\n'
    problem = _only(text)
    assert problem.line == 7 and "unknown placeholder {supply}" in problem.message
    assert _only('[templates.finanse]\nlead = "x"\n').message.startswith("Unknown kind “finanse”")
    assert check_text('[templates.default]\nlead = "Обращение"\n') == []


def test_check_all_checks_template_and_phrasebook_files(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    ru = data / "templates" / "ru.toml"
    ru.write_text(ru.read_text(encoding="utf-8") + '\n[reviews.extra]\n', encoding="utf-8")
    zh = data / "phrasebook" / "zh.toml"
    text = zh.read_text(encoding="utf-8")
    zh.write_text(text.replace("[urgency]", "[urgency_]"), encoding="utf-8")
    found = {(p.path.rsplit("/", 2)[-2], p.message.split(":")[0]) for p in check_all(data)}
    assert ("templates", "extra") in found and ("phrasebook", "[urgency]") in found
