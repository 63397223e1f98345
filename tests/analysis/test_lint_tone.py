"""Tone: shouting, rows of exclamation marks, accusations, threats, insults (ru, zh, en word lists as data)."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, VENDOR_BODY, VENDOR_FILES, VENDOR_SUBJECT, codes, finding

TONE = {"tone.shouting", "tone.exclamations", "tone.accusation", "tone.threat", "tone.insult"}


def _with(sentence: str) -> str:
    return PENALTY_BODY.replace("Спасибо! С уважением", sentence + "\n\nСпасибо! С уважением")


def test_a_factual_appeal_has_no_tone_findings():
    assert not TONE & codes()
    assert not TONE & codes(VENDOR_SUBJECT, VENDOR_BODY, platform="vendor", kind="technical", evidence=VENDOR_FILES)


def test_it_warns_about_shouting_but_not_about_acronyms():
    body = _with("ВЫ ВООБЩЕ ЧИТАЕТЕ НАШИ ОБРАЩЕНИЯ ИЛИ НЕТ")
    result = finding("tone.shouting", body=body)
    assert result.severity == "warning"
    assert "ЧИТАЕТЕ НАШИ ОБРАЩЕНИЯ" in body[result.start:result.end]
    assert "tone.shouting" not in codes(body=_with("Работаем по FBO и FBS, ИНН и ОГРН указаны, ЭДО через СБИС."))


def test_it_warns_about_rows_of_exclamation_marks():
    body = _with("Верните деньги!!!")
    result = finding("tone.exclamations", body=body)
    assert body[result.start:result.end] == "!!!"
    assert "tone.exclamations" in codes(VENDOR_SUBJECT, VENDOR_BODY + "\n为什么又扣钱？？？", platform="vendor",
                                        kind="technical", evidence=VENDOR_FILES)


def test_it_warns_about_accusations():
    for sentence in ("Вы просто воруете у продавцов.", "Это мошенничество.", "你们就是骗子。", "This is a scam."):
        body = _with(sentence)
        result = finding("tone.accusation", body=body)
        assert result.severity == "warning" and body[result.start:result.end]


def test_it_blocks_threats():
    for sentence in ("Иначе подадим в суд и напишем везде.", "Будем жаловаться в прокуратуру.",
                     "不然我就投诉到消费者协会。", "Otherwise we will sue you."):
        assert finding("tone.threat", body=_with(sentence)).severity == "blocking"


def test_it_blocks_insults():
    for sentence in ("Ваши операторы некомпетентны.", "Тупые отписки надоели.", "客服都是废物。",
                     "Your support is useless."):
        assert finding("tone.insult", body=_with(sentence)).severity == "blocking"


def test_ordinary_words_that_contain_a_stem_do_not_count():
    body = _with("Состав товара указан в карточке, фото бездорожья не использовали; 滚动条 не двигается.")
    assert not {"tone.insult", "tone.threat"} & codes(body=body)
