"""Several problems in one appeal: one appeal, one problem."""

from __future__ import annotations

from sellerdesk.analysis.appeal import analyze
from sellerdesk.analysis.lint import announced_problems, problem_text
from tests.analysis.appeal_samples import PENALTY_BODY, FakeProblem, codes, finding

MIXED = ("Здравствуйте! Поставку № 25013377 от 05.03.2026 не принимают уже неделю. Кроме того, в отчёте № 284716539 "
         "за период с 03.03.2026 по 09.03.2026 логистика выше тарифа на 8 340 ₽, а карточку артикул WB 176543210 "
         "заблокировала модерация. Просим разобраться. Спасибо!")
ANNOUNCED = ("Здравствуйте! Сдали поставку № 25013377 на склад 05.03.2026, её не принимают уже неделю. Также у нас не "
             "работает загрузка цен через Excel, и ещё списали за хранение больше, чем по тарифу. Просим проверить.")


def test_it_warns_when_the_splitter_cuts_by_different_event_numbers():
    problems = [FakeProblem("logistics", [(14, 80)]), FakeProblem("logistics", [(90, 190)])]
    object.__setattr__(problems[1], "reason", "entity")
    result = finding("problems.several", "Поставка № 25013377", MIXED, problems=problems)
    assert result.severity == "warning"
    assert result.start == 90
    assert "2 problems" in result.message.render()
    assert "Split" in result.fix.render()


def test_it_warns_about_three_parts_or_an_announced_one():
    three = [FakeProblem("logistics", [(14, 80)]), FakeProblem("finance", [(90, 190)]),
             FakeProblem("content", [(195, 260)])]
    assert "problems.several" in codes("Поставка № 25013377", MIXED, problems=three)
    two = three[:2]
    assert "problems.several" in codes("Поставка № 25013377", MIXED, problems=two)  # "Кроме того, …"


def test_clauses_that_announce_more_problems_count_without_the_splitter():
    result = finding("problems.several", "Поставка № 25013377", ANNOUNCED)
    assert ANNOUNCED[result.start:].startswith("Также у нас")
    assert len(announced_problems(ANNOUNCED)) == 2


def test_a_single_problem_written_in_full_is_quiet():
    assert "problems.several" not in codes(problems=[FakeProblem("logistics", [(0, len(PENALTY_BODY))])])
    two_kinds = [FakeProblem("access", [(0, 40)]), FakeProblem("technical", [(40, 90)])]
    assert "problems.several" not in codes(problems=two_kinds)  # a cut by kind alone, unannounced
    assert "problems.several" not in {f.code for f in analyze(
        "Штраф по поставке № 24815162", PENALTY_BODY, platform="wb", kind="logistics").lint.findings}


def test_the_splitter_reads_the_appeal_without_its_greeting_signature_and_shop_line():
    text = problem_text(PENALTY_BODY)
    assert len(text) == len(PENALTY_BODY)
    assert "Здравствуйте" not in text and "ИНН" not in text and "Просим отменить" not in text
    assert "удержан штраф 7 500 ₽" in text


def test_a_one_paragraph_chinese_appeal_announcing_another_problem():
    from sellerdesk.analysis import appeal

    result = appeal.analyze("订单 4412345678 未发货", "您好，订单 4412345678 一直没有发货，请查一下。"
                            "另外我们的账号登录不了，请恢复权限。谢谢", platform="vendor")
    assert "problems.several" in [f.code for f in result.lint.findings]
