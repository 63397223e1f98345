"""Text support cannot read: the whole appeal or a part in another language than the platform's."""

from __future__ import annotations

from tests.analysis.appeal_samples import (
    PENALTY_BODY,
    VENDOR_BODY,
    VENDOR_FILES,
    VENDOR_SUBJECT,
    codes,
    finding,
)


def test_the_platforms_language_is_quiet():
    assert not {"language.wrong", "language.mixed"} & codes()
    assert not {"language.wrong", "language.mixed"} & codes(VENDOR_SUBJECT, VENDOR_BODY, platform="vendor",
                                                            kind="technical", evidence=VENDOR_FILES)


def test_file_names_codes_and_acronyms_in_latin_letters_are_not_english():
    body = PENALTY_BODY + "\n\nФайлы: akt_priemki.pdf, opis_korobov.xlsx.\n\nAPI, E1027, FBO, SKU 1234, ops@shop.ru"
    assert "language.mixed" not in codes(body=body)


def test_it_blocks_a_chinese_appeal_to_wildberries():
    result = finding("language.wrong", VENDOR_SUBJECT, VENDOR_BODY, platform="wb", kind="technical")
    assert result.severity == "blocking"
    assert "Chinese" in result.message.render() and "Russian" in result.message.render()


def test_it_blocks_a_russian_appeal_to_a_chinese_vendor():
    assert finding("language.wrong", platform="vendor").severity == "blocking"


def test_it_warns_about_a_paragraph_in_another_language():
    body = PENALTY_BODY.replace("Прилагаем файлы", "我们的仓库已经按时发货，请尽快处理。\n\nПрилагаем файлы")
    result = finding("language.mixed", body=body)
    assert result.severity == "warning"
    assert body[result.start:result.end].startswith("我们的仓库")
    assert "language.wrong" not in codes(body=body)
