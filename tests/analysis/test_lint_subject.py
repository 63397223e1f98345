"""Subject checks: missing, vague, emotional, without an identifier, too long."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, PENALTY_SUBJECT, codes, finding


def test_it_stays_quiet_on_a_factual_subject():
    assert not {c for c in codes() if c.startswith("subject.")}


def test_it_blocks_a_missing_subject():
    assert finding("subject.missing", "  ", PENALTY_BODY).severity == "blocking"


def test_it_blocks_a_vague_subject():
    for subject in ("Проблема!", "Вопрос по заказу", "Помогите срочно", "问题反馈", "Help, urgent issue"):
        result = finding("subject.vague", subject, PENALTY_BODY)
        assert result.severity == "blocking" and result.field == "subject"


def test_a_short_subject_with_a_number_is_not_vague():
    assert "subject.vague" not in codes("Заказ № 2871654390", PENALTY_BODY)


def test_it_warns_about_an_emotional_subject_with_its_span():
    subject = "СРОЧНО!!! Штраф по поставке № 24815162"
    result = finding("subject.emotional", subject, PENALTY_BODY)
    assert result.severity == "warning"
    assert subject[result.start:result.end] in ("!!!", "СРОЧНО")


def test_sos_is_a_word_not_a_prefix():
    assert "subject.emotional" not in codes("Ошибка в поле «Состав» артикула WB 199887766 от 10.03.2026", PENALTY_BODY)


def test_it_warns_when_the_subject_has_no_identifier():
    result = finding("subject.no_identifier", "Штраф за недостачу на складе Коледино", PENALTY_BODY)
    assert result.severity == "warning"
    assert "subject.no_identifier" not in codes(PENALTY_SUBJECT, PENALTY_BODY)


def test_a_missing_identifier_is_only_info_for_access_problems():
    result = finding("subject.no_identifier", "Сотрудник не видит раздел «Финансы»", PENALTY_BODY, kind="access")
    assert result.severity == "info"


def test_it_warns_about_a_subject_longer_than_a_line():
    subject = PENALTY_SUBJECT + ", " + "и ещё подробности о том, что произошло на складе" * 3
    assert finding("subject.long", subject, PENALTY_BODY).severity == "warning"
