"""Several problems in one appeal: one appeal, one problem."""

from __future__ import annotations

from sellerdesk.analysis.appeal import analyze
from tests.analysis.appeal_samples import PENALTY_BODY, FakeProblem, codes, finding

MIXED = ("Здравствуйте! Поставку № 25013377 от 05.03.2026 не принимают уже неделю. Кроме того, в отчёте № 284716539 "
         "за период с 03.03.2026 по 09.03.2026 логистика выше тарифа на 8 340 ₽, а карточку артикул WB 176543210 "
         "заблокировала модерация. Просим разобраться. Спасибо!")


def test_it_warns_when_the_text_holds_several_problems():
    problems = [FakeProblem("logistics", [(14, 80)]), FakeProblem("finance", [(90, 190)]),
                FakeProblem("content", [(195, 260)])]
    result = finding("problems.several", "Поставка № 25013377", MIXED, problems=problems)
    assert result.severity == "warning"
    assert result.start == 90
    assert "3 problems" in result.message.render()
    assert "Split" in result.fix.render()


def test_one_problem_is_quiet():
    assert "problems.several" not in codes(problems=[FakeProblem("logistics", [(0, len(PENALTY_BODY))])])


def test_analyze_asks_the_splitter():
    result = analyze("Поставка № 25013377", MIXED, platform="wb", kind="logistics", evidence=["a.png"])
    if len(result.problems) > 1:  # the splitter sees several problems: so does the check
        assert "problems.several" in {f.code for f in result.lint.findings}
    else:
        assert "problems.several" not in {f.code for f in result.lint.findings}
