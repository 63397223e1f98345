"""Evidence: files mentioned but not attached, named but missing, or none at all."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, VENDOR_BODY, VENDOR_SUBJECT, codes, finding

EVIDENCE = {"evidence.not_attached", "evidence.none", "evidence.name_not_attached"}
NO_FILES = PENALTY_BODY.replace("Прилагаем файлы: акт_приемки_24815162.pdf, опись_коробов.xlsx.\n\n", "")


def test_attached_files_named_in_the_text_are_quiet():
    assert not EVIDENCE & codes()


def test_it_blocks_files_mentioned_but_not_attached():
    result = finding("evidence.not_attached", evidence=[])
    assert result.severity == "blocking"
    assert PENALTY_BODY[result.start:result.end] == "акт_приемки_24815162.pdf"
    body = NO_FILES.replace("Просим", "См. скриншот в приложении. Просим")
    assert "evidence.not_attached" in codes(body=body, evidence=[])
    assert "evidence.not_attached" in codes(VENDOR_SUBJECT, VENDOR_BODY, platform="vendor", kind="technical",
                                            evidence=[])


def test_it_warns_when_nothing_is_attached_or_mentioned():
    assert finding("evidence.none", body=NO_FILES, evidence=[]).severity == "warning"


def test_it_warns_about_a_named_file_that_is_not_among_the_attachments():
    result = finding("evidence.name_not_attached", evidence=["акт_приемки_24815162.pdf"])
    assert PENALTY_BODY[result.start:result.end] == "опись_коробов.xlsx"


def test_unknown_attachments_only_ask_for_files_when_none_are_mentioned():
    assert not EVIDENCE & codes(evidence=None)
    assert "evidence.none" in codes(body=NO_FILES, evidence=None)


def test_a_file_or_photo_that_is_the_problem_is_not_a_mention_of_an_attachment():
    body = NO_FILES.replace("Просим", "При загрузке файла цен ошибка, фото товара отклонены модерацией. Просим")
    assert "evidence.not_attached" not in codes(body=body, evidence=[])
