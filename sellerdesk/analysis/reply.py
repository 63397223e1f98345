"""Assess a reply from marketplace support. Pure: knows no Django. Owner: replies analysis (C).

`assess_reply(text, facts, today=)` reads one reply the way a careful seller would:

- **brush-off** ("отписка", 模板回复): set phrases («Ваше обращение передано ответственному отделу»,
  «рекомендуем ознакомиться с разделом Помощь», «мы не можем повлиять», 您的问题已转交相关部门,
  请耐心等待…), a link to the help centre's front page, and nothing of the case: none of its numbers
  or amounts, no word of the request, no figure, date or reason of its own. Each of these is a
  feature in 0..1; a logistic weighting of them gives the score, and a score of 0.5 or more is a
  brush-off. The weights are data (`data/replies/weights.json`), fitted on the training part of the
  labelled replies (`python -m sellerdesk.analysis.data.replies.dataset --train`); without the file
  the hand-set weights below apply. Every feature that fires is also told as a sign.
- **unaddressed**: which of the case's identifiers, amounts, requests and attached files the reply
  never mentions. Numbers are compared without spaces and punctuation («12 450,00 ₽» = 12450,
  «WB-GI-91822417» = «wbgi91822417»), words by their lemmas (`language.morph`).
- **asks**: what support asks us for, one checklist item per thing (from the imperative or «просим
  предоставить» / 请提供 / please send to the end of its clause).
- **promises**: sentences that commit to something. The due date is the sentence's own date («до 15
  декабря», «12月18日前», «завтра»), or its period counted from `today` («в течение 5 рабочих дней»,
  3个工作日内, within 48 hours; business days on the production calendar when `playbook.calendar` is
  there, Monday to Friday otherwise), or a default horizon for «в ближайшее время» / 尽快 / as soon as
  possible. A promise that depends on us sending something first («пришлите X — проверим») counts only
  when it names a period.
- **resolved**: the reply says the fix is done (штраф отменён, 已退款, has been credited), even when
  the money is still on its way (then there is a promise too).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sellerdesk.analysis.i18n import Message, gettext_noop
from sellerdesk.language import entities as entity_finder
from sellerdesk.language import morph
from sellerdesk.language.text import detect_language, prepare, sentence_spans

MOSCOW = ZoneInfo("Europe/Moscow")
MAX_CHARS = 20_000          # a reply is a few hundred characters; the rest of a pasted thread is not read
MAX_SENTENCES = 300
MAX_ITEMS = 12              # asks, promises, signs of one kind
DEFAULT_HORIZON = 3         # business days for «в ближайшее время», 尽快, as soon as possible
THRESHOLD = 0.5
WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "replies" / "weights.json"


@dataclass(frozen=True)
class CaseFacts:
    """What the case asked and holds, for judging whether a reply addressed it."""

    platform: str = ""                 # wb, ozon, ymarket, avito, yandex_eda, vendor, …
    language: str = "ru"               # the language support writes in
    external_number: str = ""          # the support dialog / ticket number
    identifiers: tuple[str, ...] = ()  # order, supply, posting, nmID… values on the case
    amounts: tuple[Decimal, ...] = ()  # money at risk and amounts named in the appeal
    request: str = ""                  # what we asked for, one sentence
    requests: tuple[str, ...] = ()     # the separate asks, if the appeal had several
    evidence: tuple[str, ...] = ()     # names of the files we attached
    kind: str = ""                     # finance, logistics, …
    submitted_at: dt.datetime | None = None


@dataclass(frozen=True)
class Promise:
    text: str                     # the sentence that promises
    due: dt.date | None = None    # by when, if the reply says (or a default horizon)
    horizon: bool = False         # True when `due` is the default horizon, not a date the reply gave

    def as_dict(self) -> dict:
        return {"text": self.text, "due": self.due.isoformat() if self.due else None, "horizon": self.horizon}

    @classmethod
    def from_dict(cls, data: dict) -> Promise:
        due = data.get("due")
        return cls(text=str(data.get("text", "")), due=dt.date.fromisoformat(due) if due else None,
                   horizon=bool(data.get("horizon", False)))


@dataclass(frozen=True)
class ReplyAssessment:
    brush_off: bool                       # a templated reply that does not engage with the case
    score: float                          # 0..1, how templated it looks
    signs: list[Message] = field(default_factory=list)        # why it looks templated (or not)
    unaddressed: list[Message] = field(default_factory=list)  # our requests/evidence/numbers it ignored
    asks: list[str] = field(default_factory=list)             # what support asks us for (checklist)
    promises: list[Promise] = field(default_factory=list)     # what support promises, with a date
    resolved: bool = False                                    # the reply says the problem is solved
    language: str = "ru"
    features: dict[str, float] = field(default_factory=dict)  # what the score was computed from

    @property
    def promise_due(self) -> dt.date | None:
        """The date to check the promises on: the earliest date the reply gave, else the default horizon."""
        stated = [p.due for p in self.promises if p.due and not p.horizon]
        if stated:
            return min(stated)
        horizons = [p.due for p in self.promises if p.due]
        return min(horizons) if horizons else None

    def as_dict(self) -> dict:
        """JSON-safe form, stored in the incoming message event's `changes["assessment"]`."""
        return {
            "brush_off": self.brush_off,
            "score": round(float(self.score), 3),
            "signs": [_message_dict(m) for m in self.signs],
            "unaddressed": [_message_dict(m) for m in self.unaddressed],
            "asks": list(self.asks),
            "promises": [p.as_dict() for p in self.promises],
            "promise_due": self.promise_due.isoformat() if self.promise_due else None,
            "resolved": self.resolved,
            "language": self.language,
            "features": {k: round(float(v), 3) for k, v in self.features.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReplyAssessment:
        """Read back what `as_dict` wrote (unknown keys are ignored, missing ones take defaults)."""
        data = data or {}
        return cls(
            brush_off=bool(data.get("brush_off", False)),
            score=float(data.get("score", 0.0)),
            signs=[_message_from(m) for m in data.get("signs", [])],
            unaddressed=[_message_from(m) for m in data.get("unaddressed", [])],
            asks=[str(a) for a in data.get("asks", [])],
            promises=[Promise.from_dict(p) for p in data.get("promises", [])],
            resolved=bool(data.get("resolved", False)),
            language=str(data.get("language", "ru")),
            features={str(k): float(v) for k, v in (data.get("features") or {}).items()},
        )


def _message_dict(message: Message) -> dict:
    return {"msgid": message.msgid, "params": {k: str(v) for k, v in message.params.items()},
            "text": message.render()}


def _message_from(data) -> Message:
    if isinstance(data, str):
        return Message(data)
    return Message(str(data.get("msgid", "")), {str(k): str(v) for k, v in (data.get("params") or {}).items()})


# ---------------------------------------------------------------- phrase tables
# Every pattern runs on the lower-cased text, has bounded quantifiers, and is searched sentence by sentence.

def _any(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Set phrases of support templates. They occur in good replies too (an apology, a thank-you); the score weighs
# them against what the reply says about the case.
GENERIC = _any([
    # passed on / registered, without saying to whom or what happens next
    r"(?:передан[оаы]?|направлен[оаы]?|перенаправлен[оаы]?)\s(?:на\sрассмотрение\s)?(?:в\s|на\s)?"
    r"(?:ответственн|профильн|соответствующ|компетентн)\w{0,6}\s(?:отдел|подразделени|специалист|служб)",
    r"передан[оаы]?\s(?:на\sрассмотрение\s)?(?:в\s)?(?:ответственн|профильн)\w{0,6}",
    r"передал[аи]?\s(?:ваш\w{0,3}\s)?(?:вопрос|запрос|обращение|информацию|обратную\sсвязь)\s(?:коллегам|специалистам"
    r"|разработчикам|в\s\w{1,20}\sотдел)",
    r"(?:передан[оаы]?|передали)\s(?:\w{1,12}\s){0,2}(?:коллегам|специалистам)",
    r"обращение\s(?:№\s?\S{1,20}\s)?зарегистрирован",
    r"зафиксировали\s(?:информацию|ваш)", r"мы\sполучили\sваше\sобращение",
    # sending us to read the help
    r"рекомендуем\sознакомиться", r"ознакомиться\sс\s(?:правилами|требованиями|офертой|разделом|условиями)",
    r"(?:раздел\w{0,2}|в)\s[«\"]?помощ[ьи]", r"баз[аеуы]\sзнаний", r"справочн\w{0,3}\s(?:центр|раздел)",
    r"\bв\sсправке", r"инструкци\w{0,2}\s(?:вы\s)?(?:найд[её]те|есть)",
    r"(?:подробнее|подробная\sинформация)\s(?:о|об|можно|:)",
    r"информаци\w{0,2}\s(?:о|об|по)\s[\w\s]{1,40}?(?:доступна|размещена|можно\sнайти|вы\sможете\sнайти)",
    r"сверить\sданные\sсамостоятельно", r"производится\sсамостоятельно",
    # we cannot / it is automatic / the rules say so
    r"не\sможем\sповлиять", r"не\sимеем\sвозможности", r"не\sможем\sсообщить\sподробности",
    r"пересмотру\sне\sподлежит", r"по\sразличным\sпричинам",
    r"(?:согласно|в\sсоответствии\sс)\s(?:действующим\s)?(?:тарифам|правилам|офертой|оферте)",
    r"(?:начисляются|рассчитывается|проверяются|принимается)\s(?:\w{1,12}\s)?(?:автоматически|в\sсоответствии|согласно)",
    # wait, thanks for patience, sorry for the inconvenience
    r"ожидайте", r"сохранять\sтерпение", r"(?:благодарим|спасибо)\sза\s(?:ваше\s)?(?:терпение|ожидание|понимание)",
    r"благодарим\sза\s(?:ваше\s)?обращение", r"спасибо\sза\s(?:ваше\s)?(?:обращение|сообщение|обратную\sсвязь)",
    r"приносим\s(?:свои\s)?извинения\sза\s(?:доставленные\s|временные\s)?неудобства",
    r"работаем\sнад\s(?:улучшением|е[её]\sрешением)", r"стремимся\sулучш", r"учт[её]м\s(?:е[её]\s|его\s)?в\sработе",
    r"понимаем\s(?:ваше\sбеспокойство|,?\sкак\sэто\sважно)", r"ценим,?\sчто\sвы", r"уже\sзанимаемся",
    r"разберутся", r"как\sтолько\sпоявится\sинформация", r"следите\sза\s(?:обновлениями|новостями)",
    r"решение\sбудет\sдоведено", r"срок\w?\sрассмотрения\s(?:может\sбыть\sувеличен|не\sрегламентирован)",
    r"не\sсоздавать\sповторн", r"в\sближайшее\sвремя", r"знаем\sо\sпроблеме",
    r"(?:напишите|обратитесь)\s(?:нам\s)?(?:снова|повторно|ещ[её]\sраз)", r"создайте\sновое\sобращение",
    r"очистить\sкэш", r"повторить\sдействие", r"отзывы\sпубликуются\sпокупателями",
    # Chinese
    r"已?转交(?:给)?相关(?:部门|同事)", r"耐心等待", r"感谢(?:您|亲)?的?(?:耐心|理解|支持|反馈)", r"感谢您联系我们",
    r"帮助中心", r"尽快(?:为您)?(?:核实)?处理", r"第一时间通知", r"给您带来(?:的)?不便", r"深表歉意",
    r"无法干预", r"无法处理", r"已?记录(?:您的问题)?", r"已反馈给", r"正在处理中", r"属于正常现象",
    r"无法透露", r"请遵守平台规则", r"祝您(?:生意兴隆|生活愉快|销售顺利|工作顺利)", r"欢迎随时联系",
    r"随时联系客服", r"稍后重试", r"清除浏览器缓存", r"发货会有延迟", r"建议您联系",
    # English
    r"forwarded\sto\sthe\srelevant", r"as\ssoon\sas\spossible", r"appreciate\syour\spatience",
    r"thank\syou\sfor\syour\spatience", r"refer\sto\sour\shelp", r"help\s?cent(?:er|re)",
    r"apologi[sz]e\sfor\s(?:any|the)\sinconvenience", r"thank\syou\sfor\sreaching\sout", r"thanks\sfor\scontacting\sus",
])

GREETING = re.compile(
    r"^\s*(?:здравствуйте|добрый\s(?:день|вечер|утро)|доброе\sутро|приветствуем|您好|你好|亲亲?|hello|hi|dear|good\s"
    r"(?:morning|afternoon))(?:\s?(?:there|[\w\-]{1,20}))?\s*[!,.～~]*\s*$"
)
SIGN_OFF = re.compile(
    r"^\s*(?:с\sуважением|с\sзаботой|хорошего\sдня|отличного\sдня|желаем|спасибо,?\sчто|благодарим|спасибо\sза"
    r"|команда\s|служба\sподдержки|меня\sзовут|если\s(?:у\sвас\s)?остались\sвопросы|ozon$|wildberries$|"
    r"best\sregards|kind\sregards|regards|thanks|customer\s|祝|感谢|谢谢|客服|有任何问题|如有其他问题|如有疑问)"
)

HELP_DOMAINS = ("seller.wildberries.ru", "seller-edu.ozon.ru", "docs.ozon.ru", "support.avito.ru", "avito.ru/help",
                "partner.market.yandex.ru", "yandex.ru/support", "market.yandex.ru/help", "help.", "support.",
                "zendesk.com")
HELP_ROOT_PATHS = ("", "help-center", "help", "global", "support", "faq", "knowledge", "kb", "ru", "zh", "en")
URL = re.compile(r"(?:https?://)?(?:[a-z0-9\-]{1,63}\.){1,6}[a-z]{2,12}(?:/[^\s<>«»\"'()，。]{0,200})?")

EXPLAINS = _any([r"потому\sчто", r"так\sкак", r"из-за", r"поскольку", r"по\sпричине", r"\bпричин[аеу]\b",
                 r"因为", r"由于", r"原因", r"导致", r"because", r"due\sto", r"caused\sby", r"\bsince\b"])
CHECKED = _any([r"проверил[иа]?", r"посмотрел[иа]?", r"изучил[иа]?", r"сверил[иа]?", r"установил[иа]?",
                r"воспроизвел[иа]?", r"\bвидим\b", r"обнаружен", r"подтверждаем", r"подтвердил[аи]?",
                r"выявлен", r"по\sданным", r"в\sистории",
                r"核实了?", r"查看了", r"核对了?", r"看了", r"看到了", r"查到",
                r"we\schecked", r"we\sreproduced", r"we\sfound", r"we\slooked", r"was\sconfirmed"])

# What support asks us for: Russian imperatives (and «просим предоставить»), Chinese 请/麻烦 + verb,
# English please + verb.
ASK_RU = re.compile(
    r"(?<![^\W\d_])(?:приложите|пришлите|предоставьте|укажите|направьте|загрузите|уточните|сообщите|прикрепите"
    r"|отправьте|заполните|создайте|подтвердите|опишите|добавьте|проверьте|сократите|оформите|выберите"
    r"|(?:просим|нужно|необходимо|требуется)\s(?:вас\s)?(?:предоставить|прислать|приложить|указать|направить"
    r"|загрузить|уточнить|сообщить|прикрепить))(?![^\W\d_])"
)
ASK_ZH = re.compile(
    r"(?:请|麻烦|烦请|需要您)(?:您|亲)?(?:再)?(?:补充一下|提供一下)?"
    r"(?:提供|上传|补充|发送|告知|告诉|附上|检查|填写|确认|说明|把|将|发)"
)
ASK_ZH_MORE = re.compile(r"(?:提供|上传|补充|发送|发给|告知|告诉|附上|填写|说明)")
ASK_EN = re.compile(
    r"\b(?:please\s)(?:send|provide|attach|specify|upload|share|confirm|tell|let\sus\sknow|fill|generate|create"
    r"|check\s(?:the|your)\s(?!status|help))"
)
EN_MORE_VERB = re.compile(r"(?:,\s|\sand\s)(?=(?:send|provide|attach|specify|upload|share|generate|create)\b)")
NOT_AN_ASK = _any([r"если\s(?:у\sвас\s)?(?:остались|возникнут|появятся)\sвопрос", r"если\sошибка\sповторится"])
ASK_CUT = re.compile(
    r"[.;!?。；！？]|,\s(?:и\s)?(?:мы|тогда|чтобы|после|затем|а\sмы)\b|\s[—–-]\s|\sи\sмы\s|，(?:我们|以便|方便)"
    r"|,\s(?:so|and\swe)\b"
)

# Promises. Strong: a date or a period, a passive future, money on its way. Weak: a first-person future.
PERIOD_RU = re.compile(
    r"(?:в\sтечение|до|не\sболее|не\sпозднее\sчем\sчерез|через|занимает\sдо|нужно\sдо|срок\w?\s?[—–-]?\s?до)\s"
    r"(\d{1,3}|одн\w{0,3}|дв\w{1,3}|тр[её]\w{1,2}|четыр\w{1,3}|пят\w{1,2}|сем\w{1,2}|десят\w{1,2})?\s?"
    r"(рабоч\w{0,4}\s|календарн\w{0,4}\s)?(дн\w{0,2}|день|сут\w{0,2}|час\w{0,2}|недел\w{0,2})(?![^\W\d_])"
)
PERIOD_ZH = re.compile(
    r"(\d{1,3}|[一两二三四五六七八九十]{1,2})\s?个?\s?(工作日|自然日|天|日|小时|周|星期)(?:内|之内)"
    r"|(?:需要|大约|约)\s?(\d{1,3}|[一两二三四五六七八九十]{1,2})\s?个?\s?(工作日|天|小时)"
)
PERIOD_EN = re.compile(
    r"within\s(\d{1,3}|one|two|three|four|five|seven|ten)\s(business\s|working\s|calendar\s)?(days?|hours?|weeks?)"
)
STRONG_PROMISE = _any([
    r"(?:будет|будут)\s(?:\w{1,15}\s)?(?:возвращен|зачислен|начислен|исправлен|устранен|рассмотрен|отменен|выпущен"
    r"|обновлен|восстановлен|пересчитан|выплачен|доведен|отражен|компенсирован|снят)",
    r"(?<![^\W\d_])(?:вернётся|вернется|вернутся|поступит|поступят|придёт|придет|придут|отразится|обновится|обновятся"
    r"|исправят|откроются|выйдет|свяжутся|пришлём|пришлем|ответим|сообщим)(?![^\W\d_])",
    r"в\sближайшее\sвремя", r"как\sтолько\sпоявится", r"срок\sрассмотрения\s[—–-]?\s?(?:до|составляет)",
    r"预计", r"尽快", r"第一时间", r"将(?:在|于|被|会)", r"会在",
    r"(?:明天|后天|下周)\S{0,8}(?:补发|发货|退|上线|发布|完成|发)",
    r"we\swill", r"we'll", r"will\sbe", r"should\sshow", r"as\ssoon\sas\spossible", r"get\sback\sto\syou",
])
WEAK_PROMISE = _any([
    r"(?<![^\W\d_])(?:вернём|вернем|начислим|компенсируем|исправим|пересчитаем|рассмотрим|проверим|выплатим|направим"
    r"|обновим|восстановим|передадим|назначим|зачислим|отменим|уведомим|запросим|исключим|проведём|проведем)"
    r"(?![^\W\d_])",
    r"我们会", r"我们将", r"会(?:尽快|自动|为您|给您|把)", r"给您答复",
])
CONDITIONAL = _any([r"(?<![^\W\d_])(?:если|после\s(?:этого|получения|проверки|того))(?![^\W\d_])", r"后会", r"查到后",
                    r"审核通过后", r"\bif\b", r"\bonce\s"])
DATE_LEAD = re.compile(r"(?:до|не\sпозднее|к|by|until|before|前|之前)\s?$|^\s?(?:前|之前)")
DATE_AFTER = re.compile(r"^[\s)）]{0,3}(?:前|之前)")
RELATIVE_SOON = _any([r"завтра", r"послезавтра", r"明天", r"后天", r"tomorrow"])

# Resolved: the fix is done.
RESOLVED = _any([
    r"(?:штраф|удержани|блокировк|ограничени|сумм|деньги|средства|компенсаци|ошибк|сбой|проблем|доступ|карточк|статус"
    r"|фото|отзыв|объявлени|акт\s|корректировк|тариф|индекс)[^.!?\n]{0,60}?(?<!не\s)(?<!будет\s)(?<!будут\s)"
    r"(?:отмен[её]н[аоы]?|снят[аоы]?|возвращен[аоы]?|вернул[аи]сь|вернулся|зачислен[аоы]?|исправлен[аоы]?"
    r"|устранен[аоы]?|восстановлен[аоы]?|разблокирован[аоы]?|изменён|изменен|сформирован|пересчитан|кредитован)"
    r"(?![^\W\d_])",
    r"компенсаци\w{0,2}\s[^.!?\n]{0,30}?(?:начислен|выплачен)",
    r"(?<![^\W\d_])(?<!вы\s)(?<!покупатель\s)(?:мы\s)?(?:вернули|сняли|отменили|исправили|восстановили|объединили|удалили|продлили|поправили"
    r"|переиндексировали|разблокировали)(?![^\W\d_])",
    r"已(?:经)?(?:为您|帮您|在系统端)?(?:原路)?(?:退回|退还|退款|修复|解决|恢复|解冻|补偿|到账|重新关联|重新计算|兼容)",
    r"已于\S{0,6}退回", r"已经修复", r"款项已",
    r"has\sbeen\s(?:credited|refunded|fixed|resolved|restored|returned)", r"have\s(?:refunded|fixed|restored|credited)",
    r"\bwe\s(?:fixed|refunded|restored)\b",
])

_RU_NUMBERS = (("одн", 1), ("дв", 2), ("тр", 3), ("четыр", 4), ("пят", 5), ("сем", 7), ("десят", 10))
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "ten": 10}
_ZH_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

BARE_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,4}(?:[.,]\d{1,2})?(?![\d])"
                         r"|(?<![\d.,])\d{1,12}(?:[.,]\d{1,2})?(?![\d])")
NON_WORD = re.compile(r"[\W_]+")
GENERIC_ATTACHMENT = _any([r"вложени", r"приложенн", r"прикрепл[её]нн", r"ваш\w{0,2}\s(?:фото|скрин|видео|файл|документ"
                           r"|акт|расч[её]т|таблиц)", r"спасибо\sза\s(?:фото|скрин|видео|акт)", r"附件", r"您发的",
                           r"attachment", r"your\s(?:screenshot|statement|file)"])
REQUEST_STOP = frozenset("просить просим пожалуйста please 请 您 我们 ваш наш который свой это мочь".split())

SPECIFIC_KINDS = ("order", "supply", "shipment", "posting", "nmid", "sku", "article", "srid", "claim", "report",
                  "period", "date", "datetime", "money", "percent")
COUNTED = re.compile(r"\d{1,6}\s?(?:шт|единиц|короб|заказ|отправлени|sku|件|箱|个|次|单|units|orders|минут|символ)")

# Hand-set weights (positive: looks like a brush-off); the fitted ones in WEIGHTS_FILE replace them.
DEFAULT_WEIGHTS = {
    "bias": -0.5, "template": 3.0, "help_link": 2.0, "boilerplate": 2.0, "ids_mentioned": -1.5, "ids_missing": 1.0,
    "amount_mentioned": -1.0, "amount_missing": 0.5, "request_overlap": -1.5, "specifics": -2.0, "explains": -1.5,
    "checked": -1.5, "asks": -0.5, "resolved": -2.5, "dated_promise": -1.0, "length": -1.0,
}
FEATURES = tuple(k for k in DEFAULT_WEIGHTS if k != "bias")


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        loaded = {k: float(v) for k, v in data["weights"].items()}
        return {**DEFAULT_WEIGHTS, **loaded}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return dict(DEFAULT_WEIGHTS)


# ---------------------------------------------------------------- helpers


def _business_day_checker():
    try:
        from sellerdesk.playbook.calendar import is_working_day  # lands with the clocks work (helper A)
    except Exception:  # noqa: BLE001 - any import trouble falls back to Monday..Friday
        return lambda day: day.weekday() < 5
    return is_working_day


def add_business_days(start: dt.date, days: int) -> dt.date:
    """`days` working days after `start` (Moscow production calendar when available, else Monday..Friday)."""
    is_working = _business_day_checker()
    day, added, guard = start, 0, 0
    while added < max(0, min(days, 366)) and guard < 1000:
        day += dt.timedelta(days=1)
        guard += 1
        try:
            working = is_working(day)
        except Exception:  # noqa: BLE001 - a date outside the calendar's table
            working = day.weekday() < 5
        if working:
            added += 1
    return day


def _money(value) -> Decimal | None:
    try:
        amount = Decimal(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not amount.is_finite() or amount <= 0:
        return None
    return amount.quantize(Decimal("0.01"))


def _format_amount(amount: Decimal) -> str:
    text = f"{amount:,.2f}".replace(",", "\u00a0")
    return text[:-3] if text.endswith(".00") else text


def _compact(text: str) -> str:
    return NON_WORD.sub("", text).upper()


def _reply_amounts(text: str, found: list) -> set[Decimal]:
    amounts = {a for e in found if e.kind == "money" and (a := _money(e.get("amount"))) is not None}
    for i, match in enumerate(BARE_NUMBER.finditer(text)):
        if i > 2000:
            break
        amount = _money(match.group())
        if amount is not None:
            amounts.add(amount)
    return amounts


@lru_cache(maxsize=2048)
def _content_lemmas(text: str) -> frozenset[str]:
    return frozenset(t for t in morph.content_tokens(text) if not t.isdigit() and t not in REQUEST_STOP)


def _mentions_identifier(value: str, compact_reply: str, lower_reply: str) -> bool:
    compact = _compact(value)
    if len(compact) >= 4 and compact in compact_reply:
        return True
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 5 and digits in compact_reply:
        return True
    if 0 < len(compact) < 4:
        return re.search(rf"(?<![^\W_]){re.escape(value.strip().lower())}(?![^\W_])", lower_reply) is not None
    return False


def _is_help_root(url: str) -> bool:
    lower = url.lower()
    bare = re.sub(r"^https?://", "", lower).split("?", 1)[0].split("#", 1)[0].rstrip("/.")
    host, _, path = bare.partition("/")
    if not any(d in bare for d in HELP_DOMAINS) and not host.startswith(("help.", "support.", "docs.")):
        return False
    parts = [p for p in path.split("/") if p]
    return len(parts) <= 1 and (not parts or parts[0] in HELP_ROOT_PATHS)


def _number_word(word: str | None) -> int | None:
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    lower = word.lower()
    if lower in _EN_NUMBERS:
        return _EN_NUMBERS[lower]
    if all(c in _ZH_DIGITS for c in word):
        if len(word) == 2 and word[0] == "十":
            return 10 + _ZH_DIGITS[word[1]]
        if len(word) == 2 and word[1] == "十":
            return _ZH_DIGITS[word[0]] * 10
        return _ZH_DIGITS.get(word[0])
    for stem, number in _RU_NUMBERS:
        if lower.startswith(stem):
            return number
    return None


def _due_from_period(count: int | None, business: bool, unit: str, today: dt.date) -> dt.date | None:
    if count is None:
        return None
    unit = unit.lower()
    if unit.startswith(("час", "hour", "小时")):
        return today + dt.timedelta(days=math.ceil(count / 24))
    if unit.startswith(("недел", "week", "周", "星期")):
        return today + dt.timedelta(weeks=count)
    if unit.startswith("сут"):
        return today + dt.timedelta(days=count)
    if business:
        return add_business_days(today, count)
    return today + dt.timedelta(days=count)


def _period_due(sentence_lower: str, today: dt.date) -> dt.date | None:
    dues = []
    for m in PERIOD_RU.finditer(sentence_lower):
        business = bool(m.group(2) and m.group(2).startswith("рабоч"))
        dues.append(_due_from_period(_number_word(m.group(1)), business, m.group(3), today))
    for m in PERIOD_ZH.finditer(sentence_lower):
        number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        dues.append(_due_from_period(_number_word(number), unit == "工作日", unit, today))
    for m in PERIOD_EN.finditer(sentence_lower):
        business = bool(m.group(2) and m.group(2).strip() in ("business", "working"))
        dues.append(_due_from_period(_number_word(m.group(1)), business, m.group(3), today))
    dues = [d for d in dues if d is not None]
    return min(dues) if dues else None


def _committed_period(sentence_lower: str) -> bool:
    """A period that states a term («в течение 5 дней», «до 3 рабочих дней», 2个工作日内), not «через 14 дней»."""
    return any(not m.group().startswith("через") for m in PERIOD_RU.finditer(sentence_lower)) or bool(
        PERIOD_ZH.search(sentence_lower) or PERIOD_EN.search(sentence_lower))


def _sentence_dates(entities: list, start: int, end: int, lower: str, today: dt.date) -> tuple[list, bool]:
    """Future dates in a sentence, and whether one of them is a deadline («до …», «…前», by …, завтра)."""
    dates, deadline = [], False
    for e in entities:
        if e.start < start or e.end > end or e.kind not in ("date", "datetime"):
            continue
        value = e.get("date") if e.kind == "date" else e.get("datetime")
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date) or value <= today:
            continue
        dates.append(value)
        before = lower[max(start, e.start - 14):e.start]
        if DATE_LEAD.search(before) or DATE_AFTER.match(lower[e.end:e.end + 4]) or RELATIVE_SOON.match(
                lower[e.start:e.end]):
            deadline = True
    return dates, deadline


def _phrase(original: str, start: int, end: int) -> str:
    """The matched set phrase as the reply wrote it, to the end of its last word (and its closing quote)."""
    while end < len(original) and end - start < 120 and original[end].isalpha():
        end += 1
    phrase = original[start:end]
    if "«" in phrase and "»" not in phrase and original[end:end + 1] == "»":
        phrase += "»"
    return phrase.strip()


# ---------------------------------------------------------------- the parts


def _asks(sentences: list[tuple[str, str]]) -> list[str]:
    items: list[str] = []
    follow_list = False
    for original, lower in sentences:
        stripped = original.strip()
        if follow_list and re.match(r"^\s*(?:[-•*]|\d{1,2}[.)])\s*", stripped):
            items.append(re.sub(r"^\s*(?:[-•*]|\d{1,2}[.)])\s*", "", stripped)[:120])
            continue
        follow_list = False
        if NOT_AN_ASK.search(lower):
            continue
        starts = [m.start() for m in ASK_RU.finditer(lower)] or [m.start() for m in ASK_ZH.finditer(lower)] \
            or [m.start() for m in ASK_EN.finditer(lower)]
        if not starts:
            continue
        if ASK_ZH.search(lower):  # Chinese: more verbs of the same request after a comma: 并告知…
            first = starts[0]
            for clause in re.finditer(r"[，,、]\s?(?:并|和|以及|再)?\s?", lower[first:]):
                rest = lower[first + clause.end():]
                if ASK_ZH_MORE.match(rest[:4]) or ASK_ZH_MORE.match(rest[1:5]) and rest[:1] in "并再":
                    starts.append(first + clause.end())
            starts = sorted(set(starts))
        elif not ASK_RU.search(lower):  # English: "… and generate a new key"
            first = starts[0]
            for more in EN_MORE_VERB.finditer(lower[first:]):
                starts.append(first + more.end())
            starts = sorted(set(starts))
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(original)
            piece = original[start:end]
            cut = ASK_CUT.search(piece.lower())
            if cut and cut.start() > 3:
                piece = piece[:cut.start()]
            piece = re.sub(r",?\s*пожалуйста,?", "", piece, flags=re.IGNORECASE)
            piece = re.sub(r"\s+", " ", piece).strip(" ,;:—-、，").strip()
            piece = re.sub(r"\s(?:и|а\sтакже|and)$", "", piece)
            if len(piece) >= 4 and piece not in items:
                items.append(piece[:120])
        if stripped.endswith(":"):
            follow_list = True
        if len(items) >= MAX_ITEMS:
            break
    return items[:MAX_ITEMS]


def _promises(sentences, spans, entities, full_lower: str, today: dt.date) -> list[Promise]:
    promises: list[Promise] = []
    previous_asked = False
    for (original, lower), (start, end) in zip(sentences, spans, strict=False):
        asked = bool(ASK_RU.search(lower) or ASK_ZH.search(lower) or ASK_EN.search(lower))
        dates, deadline = _sentence_dates(entities, start, end, full_lower, today)
        period = _period_due(lower, today)
        strong = STRONG_PROMISE.search(lower) is not None or (period is not None and _committed_period(lower))
        weak = WEAK_PROMISE.search(lower) is not None
        dated = deadline or period is not None
        if not (strong or weak or dated):
            previous_asked = asked
            continue
        conditional = asked or CONDITIONAL.search(lower) is not None or (previous_asked and not strong)
        if conditional and not dated:
            previous_asked = asked
            continue
        if not (strong or weak) and not deadline:
            previous_asked = asked
            continue
        candidates = [d for d in ([min(dates)] if dates and (deadline or strong or weak) else []) + [period] if d]
        due = min(candidates) if candidates else None
        text = re.sub(r"\s+", " ", original).strip()[:300]
        if due is None:
            promises.append(Promise(text, add_business_days(today, DEFAULT_HORIZON), horizon=True))
        else:
            promises.append(Promise(text, due))
        previous_asked = asked
        if len(promises) >= MAX_ITEMS:
            break
    return promises


# ---------------------------------------------------------------- the assessment


def assess_reply(text: str, facts: CaseFacts | None = None, *, today: dt.date | None = None) -> ReplyAssessment:
    """Read one reply from support against the case it answers. Never raises on any text."""
    facts = facts or CaseFacts()
    today = today or dt.datetime.now(MOSCOW).date()
    prepared = prepare(text if isinstance(text, str | bytes | bytearray) else str(text or ""), limit=MAX_CHARS)
    body = prepared.text
    language = detect_language(body) or facts.language or "ru"
    lower = body.lower() if len(body.lower()) == len(body) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in body)
    spans = sentence_spans(body)[:MAX_SENTENCES]
    sentences = [(body[s:e], lower[s:e]) for s, e in spans]
    found = entity_finder.extract(body, now=dt.datetime.combine(today, dt.time(12), MOSCOW))
    compact_reply = _compact(body)

    signs: list[Message] = []
    unaddressed: list[Message] = []

    # set phrases, greetings and sign-offs
    phrases: list[str] = []
    boiler_chars = 0
    for original, low in sentences:
        hits = [_phrase(original, m.start(), m.end()) for m in GENERIC.finditer(low)]
        for hit in hits:
            if hit not in phrases:
                phrases.append(hit)
        plain = low.strip()
        if GREETING.match(plain) or (len(plain) < 90 and SIGN_OFF.match(plain)) or (hits and len(plain) < 160):
            boiler_chars += len(plain)
    total_chars = sum(len(low.strip()) for _, low in sentences) or 1
    boilerplate = min(1.0, boiler_chars / total_chars)
    for phrase in phrases[:MAX_ITEMS]:
        signs.append(Message(gettext_noop("Set phrase: «%(phrase)s»."), {"phrase": phrase.strip()}))

    # links to the help centre's front page
    root_links = []
    for e in found:
        if e.kind == "url" and _is_help_root(e.value):
            root_links.append(e.value)
    if not root_links:
        root_links = [m.group() for m in URL.finditer(lower) if _is_help_root(m.group())][:3]
    for url in root_links[:3]:
        signs.append(Message(gettext_noop("Links to the front page of the help centre (%(url)s) instead of answering."),
                             {"url": url}))

    # the case's numbers and amounts
    identifiers = [i for i in dict.fromkeys(str(v).strip() for v in facts.identifiers) if i]
    mentioned_ids = [i for i in identifiers if _mentions_identifier(i, compact_reply, lower)]
    for value in identifiers:
        if value not in mentioned_ids:
            unaddressed.append(Message(gettext_noop("Number %(value)s is not mentioned."), {"value": value}))
    if identifiers and not mentioned_ids:
        signs.append(Message(gettext_noop("Names none of the case's numbers (%(numbers)s)."),
                             {"numbers": ", ".join(identifiers[:5])}))
    for value in mentioned_ids[:3]:
        signs.append(Message(gettext_noop("Names the case's number %(value)s."), {"value": value}))
    ticket_named = bool(facts.external_number) and _mentions_identifier(facts.external_number, compact_reply, lower)

    amounts = [a for a in dict.fromkeys(_money(v) for v in facts.amounts) if a is not None]
    in_reply = _reply_amounts(body, found) if amounts else set()
    mentioned_amounts = [a for a in amounts if a in in_reply]
    for amount in amounts:
        if amount not in mentioned_amounts:
            unaddressed.append(Message(gettext_noop("The amount %(amount)s is not mentioned."),
                                       {"amount": _format_amount(amount)}))
    if amounts and not mentioned_amounts:
        signs.append(Message(gettext_noop("Does not mention the amount in dispute (%(amounts)s)."),
                             {"amounts": ", ".join(_format_amount(a) for a in amounts[:3])}))
    for amount in mentioned_amounts[:2]:
        signs.append(Message(gettext_noop("Names the amount %(amount)s."), {"amount": _format_amount(amount)}))

    # the request, by its words
    requests = [r.strip() for r in dict.fromkeys(facts.requests or (facts.request,)) if r and r.strip()]
    reply_lemmas = _content_lemmas(body) if (requests or facts.evidence) else frozenset()
    overlaps = []
    for request in requests[:6]:
        words = _content_lemmas(request[:1000])
        if not words:
            continue
        share = len(words & reply_lemmas) / len(words)
        overlaps.append(share)
        if share < 0.25:
            unaddressed.append(Message(gettext_noop("The request is not answered: «%(request)s»."),
                                       {"request": request[:200]}))
    request_overlap = max(overlaps) if overlaps else 0.0
    if overlaps and request_overlap < 0.25:
        signs.append(Message(gettext_noop("Does not engage with what we asked for.")))

    # the files we attached
    general_attachment = GENERIC_ATTACHMENT.search(lower) is not None
    for name in list(dict.fromkeys(facts.evidence))[:20]:
        stem = str(name).rsplit(".", 1)[0]
        words = _content_lemmas(re.sub(r"[_\-.]+", " ", stem)[:200])
        digits = re.sub(r"\D", "", stem)
        if general_attachment or (words & reply_lemmas) or (len(digits) >= 5 and digits in compact_reply):
            continue
        unaddressed.append(Message(gettext_noop("The attached file %(name)s is not mentioned."), {"name": str(name)}))

    # what the reply says of its own
    own = sum(1 for e in found if e.kind in SPECIFIC_KINDS) + len(COUNTED.findall(lower[:MAX_CHARS]))
    specifics = min(own, 6) / 6
    explains = EXPLAINS.search(lower) is not None
    checked = CHECKED.search(lower) is not None
    asks = _asks(sentences)
    promises = _promises(sentences, spans, found, lower, today)
    resolved = any(RESOLVED.search(low) and not NOT_AN_ASK.search(low) for _, low in sentences)
    dated_promise = any(not p.horizon for p in promises)
    if explains:
        signs.append(Message(gettext_noop("Explains the cause.")))
    if checked:
        signs.append(Message(gettext_noop("Says what was checked.")))
    if own >= 2:
        signs.append(Message(gettext_noop("Gives its own figures, dates or numbers.")))
    if resolved:
        signs.append(Message(gettext_noop("Says the problem is solved.")))
    if dated_promise:
        signs.append(Message(gettext_noop("Promises something by a date.")))
    if asks:
        signs.append(Message(gettext_noop("Asks for specific things.")))
    if ticket_named and not mentioned_ids:
        signs.append(Message(gettext_noop("Names only the ticket number.")))
    if boilerplate >= 0.6:
        signs.append(Message(gettext_noop("Most of the reply is greetings, thanks and set phrases.")))

    substance = sum(len(low.strip()) for _, low in sentences) - boiler_chars
    features = {
        "template": min(len(phrases), 4) / 4,
        "help_link": 1.0 if root_links else 0.0,
        "boilerplate": boilerplate,
        "ids_mentioned": 1.0 if mentioned_ids else 0.0,
        "ids_missing": 1.0 if identifiers and not mentioned_ids else 0.0,
        "amount_mentioned": 1.0 if mentioned_amounts else 0.0,
        "amount_missing": 1.0 if amounts and not mentioned_amounts else 0.0,
        "request_overlap": request_overlap,
        "specifics": specifics,
        "explains": 1.0 if explains else 0.0,
        "checked": 1.0 if checked else 0.0,
        "asks": 1.0 if asks else 0.0,
        "resolved": 1.0 if resolved else 0.0,
        "dated_promise": 1.0 if dated_promise else 0.0,
        "length": min(max(substance, 0), 600) / 600,
    }
    score = score_features(features)
    return ReplyAssessment(
        brush_off=score >= THRESHOLD and bool(body.strip()),
        score=score,
        signs=signs,
        unaddressed=unaddressed,
        asks=asks,
        promises=promises,
        resolved=resolved,
        language=language,
        features=features,
    )


def score_features(features: dict[str, float], weight: dict[str, float] | None = None) -> float:
    """The logistic score of the features: 0 = engages with the case, 1 = a template."""
    w = weight or weights()
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * float(v) for k, v in features.items())
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
