"""Identifiers, dates, amounts and personal data found in a seller's text, each with its span.

CONTRACT (implemented by the language work package; other packages rely on exactly this):

    @dataclass(frozen=True)
    class Entity:
        kind: str      # one of KINDS
        value: str     # normal form (see KINDS)
        start: int     # span in the text given to extract()
        end: int
        data: tuple = ()   # extra parsed parts as ((key, value), ...); e.g. (("amount", Decimal), ("currency", "RUB"))

    def extract(text: str, *, now: datetime | None = None) -> list[Entity]
        Sorted by start; overlapping matches resolved (the more specific wins). Never raises,
        linear time on 100 KB of any text. `now` (aware, default: timezone.now in Moscow) resolves
        "вчера", "yesterday", "昨天".

    def references(entities) -> list[tuple[str, str]]     # (kind, value) pairs a case keeps as references
    def personal_data(entities) -> list[Entity]           # phones, e-mails, handles, cards, ... of people

`data` by kind (read with `entity.get(key)`): money ("amount", Decimal with 2 places), ("currency", "RUB");
percent ("value", Decimal); date ("date", datetime.date); datetime ("datetime", aware datetime in
Europe/Moscow); period ("start", date), ("end", date); inn ("type", "company" | "individual");
phone ("country", "RU" | "CN"); card ("last4", "1234"); handle ("network", "telegram" | "whatsapp" |
"wechat"). Other kinds carry no data.

Decisions a caller may want to know: a day and month without a year is this year's unless that is more
than two months ahead (then last year's); "за октябрь" is the latest October that has begun; a time
with "по Пекину"/"北京时间"/"UTC"/an ISO offset is converted to Moscow time; digits after a bare
"артикул" are a WB nmID when 7 or more long, a seller article otherwise; an 11-digit 7/8-9… number is a
phone unless an order word stands before it; sixteen bare digits are a card only with a Visa/MC/Mir/
UnionPay prefix and a valid Luhn sum (formatted in fours or after "карта" any Luhn-valid number is).

How it works. Every finder proposes candidates `(start, end, kind, value, data, priority)`:
- self-describing patterns (Ozon postings, WB-GI supplies, srid, e-mails, links, formatted phones,
  money, percentages, dates) are scanned over the whole text;
- everything else is read after the word people put before it ("заказ №", "артикул продавца:",
  "订单号：", "ИНН", "тел.", "покупатель"): the words are found in one pass, then a few connector
  tokens ("№", "номер", ":", "ID") are skipped and the value is matched at that position, followed
  by more values of a list ("заказы 123456789, 987654321 и 555555555");
- a bare long number is an order when an order word stands shortly before it, a phone when it looks
  like a Russian mobile (7/8 then 9, eleven digits) and nothing says otherwise.
Overlaps go to the higher priority, then to the longer span. Every quantifier is bounded and every
scan that starts with a repeated class is guarded by a look-behind, so no pattern can backtrack
catastrophically; the keyword values are matched at one position each, never searched.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sellerdesk.language import entity_dates
from sellerdesk.language.identifiers import is_valid_inn
from sellerdesk.language.text import MAX_CHARS

log = logging.getLogger(__name__)

# kind -> what `value` holds
KINDS = {
    "order": "order number, digits (WB/Ozon/YM orders; 8–14 digits next to a word for order)",
    "supply": "supply number (WB: digits or WB-GI-…)",
    "shipment": "shipment / FBS batch number",
    "posting": "Ozon posting number like 12345678-0001-1",
    "nmid": "WB nmID (article WB), digits",
    "sku": "Ozon/YM SKU, digits",
    "article": "seller article (vendorCode / offer_id), as written",
    "srid": "WB srid (long hex-ish id)",
    "claim": "claim / appeal / ticket number",
    "report": "report number (realisation report id)",
    "period": "ISO interval 2023-10-01/2023-10-31",
    "date": "ISO date 2023-10-15",
    "datetime": "ISO local Moscow time 2023-10-15T14:30",
    "money": "'1500.00 RUB' (data: amount Decimal, currency)",
    "percent": "'15' or '2.5' (data: value Decimal)",
    "inn": "10 or 12 digits with valid check digits",
    "phone": "+79161234567 (E.164)",
    "email": "lower-case address",
    "url": "the link as written",
    "handle": "@name or messenger id (telegram/whatsapp/wechat)",
    "card": "bank card number (Luhn-valid), masked in value",
    "passport": "passport series and number",
    "address": "a street address",
    "person": "a person's full name next to a word like покупатель/buyer/买家",
}

REFERENCE_KINDS = ("order", "supply", "shipment", "posting", "nmid", "sku", "article", "srid", "claim", "report",
                   "period")  # = sellerdesk.cases.choices.EntityKind, which this pure package cannot import
PERSONAL_KINDS = ("phone", "email", "handle", "card", "passport", "address", "person")

# Beyond this the text is not an appeal; callers cut at text.MAX_CHARS already, this only bounds the work.
HARD_LIMIT = 10 * MAX_CHARS
RAISE_ERRORS = False  # tests turn this on to see a finder's exception instead of a quiet skip


@dataclass(frozen=True)
class Entity:
    kind: str
    value: str
    start: int
    end: int
    data: tuple = ()

    def get(self, key: str, default=None):
        for name, value in self.data:
            if name == key:
                return value
        return default


# ---------------------------------------------------------------- priorities (higher wins an overlap)

P_EMAIL = 90
P_KEYWORD_STRONG = 85  # passport, card, INN, phone and messenger ids after their word
P_PATTERN = 84  # posting, WB-GI supply, srid: their shape says what they are
P_URL = 80
P_PHONE_INTL = 75
P_MONEY = 70
P_PHONE_FORMATTED = 68
P_HANDLE = 66
P_PERCENT = 64
P_KEYWORD = 60  # an identifier after its word
P_ADDRESS = 58
P_PERSON = 58
P_CARD_FORMATTED = 45
P_NEAR_ORDER = 38  # a long number a few words after "заказ"
P_PHONE_BARE = 35
P_CARD_BARE = 25

_L = "A-Za-zА-Яа-яЁё"  # letters that glue to a number or word on either side
_ALNUM = "0-9" + _L


def _letters_guard(pattern: str) -> str:
    return rf"(?<![^\W\d_])(?:{pattern})(?![^\W\d_])"


# ---------------------------------------------------------------- words before identifiers

# Words people put before identifiers. A word is a maximal run of letters, lower case, ё read as е.
# Exact words first, then stems with at most `n` more letters (case endings: заказ, заказа, заказами).
_EXACT_WORDS = {
    "nmid": "nmid", "nm": "nmid", "нмид": "nmid", "номенклатура": "nmid",
    "vendorcode": "article", "article": "article", "арт": "article",
    "sku": "sku", "ску": "sku",
    "order": "order", "orders": "order",
    "supply": "supply", "supplies": "supply", "supplyid": "supply",
    "shipment": "shipment", "batch": "shipment", "партия": "shipment", "партии": "shipment", "партию": "shipment",
    "posting": "posting",
    "srid": "srid", "rid": "srid",
    "ticket": "claim", "claim": "claim", "appeal": "claim",
    "report": "report",
    "инн": "inn", "inn": "inn",
    "тел": "phone", "моб": "phone", "звоните": "phone", "позвоните": "phone", "звонить": "phone", "phone": "phone",
    "tel": "phone", "mobile": "phone", "call": "phone",
    "карта": "card", "карты": "card", "карту": "card", "карте": "card", "картой": "card", "карт": "card",
    "card": "card",
    "passport": "passport",
    "фио": "person", "buyer": "person", "customer": "person", "recipient": "person",
    "telegram": "telegram", "тг": "telegram", "tg": "telegram",
    "whatsapp": "whatsapp", "viber": "whatsapp",
    "wechat": "wechat", "weixin": "wechat", "vx": "wechat", "wx": "wechat",
    "address": "address",
}
_STEMS = (
    ("заказ", 3, "order"), ("номенклатур", 2, "nmid"), ("карточк", 2, "nmid"), ("артикул", 2, "artgen"),
    ("поставк", 2, "supply"), ("отгрузк", 2, "shipment"), ("отправк", 2, "shipment"), ("отправлени", 2, "posting"),
    ("заявк", 2, "claim"), ("претензи", 2, "claim"), ("обращени", 2, "claim"), ("тикет", 2, "claim"),
    ("диалог", 2, "claim"), ("запрос", 2, "claim"), ("отчет", 2, "report"), ("реализаци", 2, "report"),
    ("телефон", 2, "phone"), ("мобильн", 3, "phone"), ("паспорт", 2, "passport"), ("покупател", 3, "person"),
    ("получател", 3, "person"), ("клиент", 2, "person"), ("телеграм", 2, "telegram"), ("вотсап", 2, "whatsapp"),
    ("ватсап", 2, "whatsapp"), ("вацап", 2, "whatsapp"), ("вайбер", 2, "whatsapp"), ("адрес", 2, "address"),
)
_STEM_INDEX: dict[str, list[tuple[str, int, str]]] = {}
for _stem, _extra, _kind in _STEMS:
    _STEM_INDEX.setdefault(_stem[:4], []).append((_stem, _extra, _kind))
_NOT_KEYWORDS = frozenset({"заказчик", "заказчика", "заказчику", "заказчиком", "заказать", "заказал", "заказала",
                           "заказали", "запросить", "запросил", "запросили", "клиентский", "клиентская",
                           "заказной", "отправки"})
# A word that follows a keyword and changes or extends it: (keyword kind, next word) -> new kind.
_QUALIFIERS = {
    ("artgen", "продавца"): "article", ("artgen", "wb"): "nmid", ("artgen", "вб"): "nmid",
    ("artgen", "wildberries"): "nmid", ("artgen", "вайлдберриз"): "nmid", ("artgen", "поставщика"): "article",
    ("nmid", "id"): "nmid", ("article", "code"): "article", ("article", "id"): "article",
    ("address", "доставки"): "address", ("address", "покупателя"): "address", ("address", "получателя"): "address",
    ("address", "клиента"): "address",
    ("inn", "кпп"): "inn",
}
_WORD_PAIRS = {
    ("vendor", "code"): "article", ("offer", "id"): "article", ("seller", "article"): "article",
    ("supplier", "article"): "article", ("wb", "article"): "nmid", ("whats", "app"): "whatsapp",
    ("taxpayer", "id"): "inn", ("сборочное", "задание"): "order", ("сборочного", "задания"): "order",
    ("сборочному", "заданию"): "order", ("сборочные", "задания"): "order", ("сборочных", "заданий"): "order",
}
_REPORT_TAIL = re.compile(r"\s{1,3}(?:о|об|по)\s{1,3}реализаци[а-яё]{0,2}(?![^\W\d_])", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_CJK_KEYWORD_KINDS = {
    **dict.fromkeys(("商家货号", "货号", "商品编码"), "article"),
    **dict.fromkeys(("订单编号", "订单号码", "订单号", "订单"), "order"),
    **dict.fromkeys(("供货单号", "供货单", "供货", "供应单"), "supply"),
    **dict.fromkeys(("发货批次", "批次号", "批次"), "shipment"),
    **dict.fromkeys(("货件号", "货件", "发货单号", "发货单"), "posting"),
    **dict.fromkeys(("申诉单号", "申诉单", "申诉", "工单号", "工单", "投诉单号", "投诉单"), "claim"),
    **dict.fromkeys(("报告", "报表", "结算单"), "report"),
    **dict.fromkeys(("电话号码", "电话", "手机号码", "手机号", "手机", "联系方式"), "phone"),
    **dict.fromkeys(("银行卡号", "银行卡", "卡号"), "card"),
    **dict.fromkeys(("身份证号码", "身份证号", "身份证", "护照号码", "护照号", "护照"), "passport"),
    **dict.fromkeys(("买家", "收件人", "收货人", "顾客", "客户"), "person"),
    **dict.fromkeys(("微信号", "微信"), "wechat"),
    **dict.fromkeys(("收货地址", "收件地址", "地址"), "address"),
}
# A flat alternation of literals, longest first: the engine scans for it at C speed.
_CJK_KEYWORDS = re.compile("|".join(sorted(_CJK_KEYWORD_KINDS, key=lambda w: (-len(w), w))))


def _word_kind(word: str) -> str | None:
    kind = _EXACT_WORDS.get(word)
    if kind or len(word) < 5 or word in _NOT_KEYWORDS:
        return kind
    for stem, extra, stem_kind in _STEM_INDEX.get(word[:4], ()):
        if word.startswith(stem) and len(word) - len(stem) <= extra:
            return stem_kind
    return None


_KEYWORD_STARTS = re.compile(
    "|".join(sorted({w for w in _EXACT_WORDS} | {stem for stem, _e, _k in _STEMS} | {"отчёт"}
                    | {first for first, _second in _WORD_PAIRS}, key=lambda w: (-len(w), w)))
)


def _find_words(ctx) -> None:
    """Fill ctx.keywords with (start, end, kind) of the words that announce an identifier, in order.

    The lower-cased text is scanned for the beginnings of those words with one alternation of
    literals (fast: no case folding, no look-behind at the start); each hit is then read as a whole
    word, and the word after it when it qualifies the first ("артикул продавца", "vendor code")."""
    text, lower = ctx.text, ctx.lower
    keywords = []
    position = 0
    for hit in _scan(_KEYWORD_STARTS, lower):
        start = hit.start()
        if start < position or start and lower[start - 1].isalpha():
            continue
        word_match = _WORD.match(lower, start)
        end = word_match.end()
        word = word_match.group().replace("ё", "е")
        nxt = _NEXT_WORD.match(lower, end)
        following = nxt.group(1).replace("ё", "е") if nxt else ""
        pair = _WORD_PAIRS.get((word, following)) if following else None
        if pair:
            keywords.append((start, nxt.end(), pair))
            position = nxt.end()
            continue
        kind = _word_kind(word)
        if kind is None:
            continue
        if following and (kind, following) in _QUALIFIERS:
            kind = _QUALIFIERS[(kind, following)]
            end = nxt.end()
        elif kind == "report":
            tail = _REPORT_TAIL.match(lower, end)
            if tail:
                end = tail.end()
        keywords.append((start, end, kind))
        position = end
    if ctx.has_cjk:
        keywords.extend((m.start(), m.end(), _CJK_KEYWORD_KINDS[m.group()]) for m in _scan(_CJK_KEYWORDS, text))
        keywords.sort()
    ctx.keywords = keywords


_NEXT_WORD = re.compile(r"[ \t_/-]{1,2}([^\W\d_]+)")


# One token between a word and its value; matched again and again, a few times at most.
_CONNECTOR = re.compile(
    r"\s{1,6}|[:：№#＃=]|[-–—]|"
    + _letters_guard(r"номер[а-яё]{0,2}|number|num\.?|no\.?|nr\.?|id|wb|вб|ozon|озон|fbs|fbo|ям|ym|покупателя"
                     r"|продавца|товара|серия|серии|series|ru|рф")
    + r"|[.]|号码|号|编号|为|是",
    re.IGNORECASE,
)
_MAX_CONNECTORS = 8
_LIST_SEPARATOR = re.compile(
    r"\s{0,3}[,;/+、，；]\s{0,3}(?:№\s?)?|\s{1,3}(?:и|and|or|или)\s{1,3}(?:№\s?)?|[ \t]{1,3}|\s?[和及]\s?"
)
_MAX_LIST = 30

_END = rf"(?![{_ALNUM}]|[.,]\d)"
_V_ORDER = re.compile(rf"\d{{5,20}}(?:-\d{{3,12}}){{0,2}}(?![{_ALNUM}-]|[.,]\d)")
_V_DIGITS = {
    "supply": re.compile(r"(?i:WB-GI-)\d{4,15}(?!\d)|\d{5,20}" + _END),
    "posting": re.compile(r"\d{6,10}-\d{4}(?:-\d{1,2})?(?![\d-])|\d{6,20}" + _END),
    "nmid": re.compile(r"\d{5,12}" + _END),
    "sku": re.compile(r"\d{5,14}" + _END),
    "report": re.compile(r"\d{4,15}" + _END),
    "inn": re.compile(r"\d{12}(?!\d)|\d{10}(?!\d)"),
}
# A code as people write it: TSH-BLK-42, ABC_123/XL, 12345, A1B2C3. Bounded, matched at one position.
_V_CODE = re.compile(rf"[{_ALNUM}](?:[{_ALNUM}_/.-]{{0,60}}[{_ALNUM}])?(?![{_ALNUM}])")
_V_SRID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{9,99}(?![0-9A-Za-z])")
_V_CARD = re.compile(r"\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?!\d)")
_V_PASSPORT = re.compile(
    r"(\d{2})\s?(\d{2})[\s№:,]{0,5}(?:(?i:номер|№|no\.?)[\s№:.]{0,5})?(\d{6})(?!\d)"
    r"|(\d{17}[\dXx])(?![0-9A-Za-z])"
    r"|([A-Z]{1,2}\d{7,9})(?![0-9A-Za-z])"
)
_V_PHONE = re.compile(
    r"(?:\+\s?7|8|7)[\s\-]{0,2}\(?\s?(\d{3})\s?\)?[\s\-]{0,2}(\d{3})[\s\-]{0,2}(\d{2})[\s\-]{0,2}(\d{2})(?!\d)"
    r"|(?:\+\s?86[\s\-]{0,2}|0086[\s\-]{0,2})?(1[3-9]\d)[\s\-]{0,2}(\d{4})[\s\-]{0,2}(\d{4})(?!\d)"
    r"|\(?\s?(9\d{2})\s?\)?[\s\-]{0,2}(\d{3})[\s\-]{0,2}(\d{2})[\s\-]{0,2}(\d{2})(?!\d)"
)
_V_TELEGRAM = re.compile(r"@?[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])")
_V_WECHAT = re.compile(r"[A-Za-z][A-Za-z0-9_-]{5,19}(?![A-Za-z0-9_-])")
_V_PERSON = re.compile(
    r"[А-ЯЁ][а-яё]{1,25}(?:-[А-ЯЁ][а-яё]{1,25})?(?:[ \t]{1,2}[А-ЯЁ][а-яё]{1,25}(?:-[А-ЯЁ][а-яё]{1,25})?){1,2}"
    r"(?![А-Яа-яЁё])"
    r"|[А-ЯЁ][а-яё]{1,25}[ \t]{1,2}[А-ЯЁ]\.[ \t]?[А-ЯЁ]\."
    r"|[А-ЯЁ]\.[ \t]?[А-ЯЁ]\.[ \t]?[А-ЯЁ][а-яё]{1,25}"
    r"|[A-Z][a-z]{1,25}(?:[ \t]{1,2}[A-Z][a-z]{1,25}){1,2}(?![A-Za-z])"
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Capitalised words that follow "Покупатель"/"Buyer" and are not names ("Покупатель Не Доволен").
_NOT_NAMES = frozenset(
    "не ни и в на с по уже еще ещё был была были хочет хочу просит пишет написал написала говорит сказал сказала "
    "требует жалуется получил получила отказался отказалась вернул вернула оставил оставила заказал заказала "
    "открыл открыла оплатил оплатила прислал прислала support team service says said wants left has is was the "
    "of and ozon озон wildberries вайлдберриз яндекс yandex маркет market avito авито premium премиум банк банка "
    "сбербанк сбербанка тинькофф альфа".split()
)
_V_PERSON_ZH = re.compile(f"[{_CJK}]{{2,4}}")
_ZH_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司马诸葛上官"
)
_ADDRESS_COLON = re.compile(r"\s{0,3}[:：]\s{0,3}")
_ADDRESS_TEXT = re.compile(r"[^\n。；;!?！？]{5,160}")
_ADDRESS_ABBREVIATIONS = frozenset(
    "г гор ул д к кв корп стр обл р-н пр пер наб оф пом эт мкр пос просп пл ш б-р туп тер зд вл дер".split()
)

# ---------------------------------------------------------------- self-describing patterns
# Scanned over the whole text, most of them over its lower-cased form. Each begins with a digit or a
# literal and checks "not inside a longer token" with a look-behind placed after that first character,
# so the engine skips ahead by the first character; the families a text cannot contain are not run.


def _lead(before: str) -> str:
    return rf"\d(?<![{before}]\d)"


_LEAD_ALNUM = _lead(_ALNUM)
_LEAD_NUMBER = _lead(_ALNUM + ".,")
_POSTING = re.compile(_lead(r"\d-") + r"\d{5,9}-\d{4}(?:-\d{1,2})?(?![\d-])")
_WB_SUPPLY = re.compile(r"wb-gi-\d{4,15}(?!\d)")  # on the lower-cased text
_SRID_TAIL = re.compile(r"\.\d{1,3}\.\d{1,3}(?![0-9A-Za-z]|\.\d)")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
    r"[A-Za-z0-9\u0400-\u04ff][A-Za-z0-9\u0400-\u04ff-]{0,62}(?:\.[A-Za-z0-9\u0400-\u04ff-]{1,63}){1,5}"
)
_URL_STOP = r"\s<>\"'«»，。、；！？（）【】"
_TLDS = ("ru", "com", "cn", "net", "org", "io", "me", "su", "by", "kz", "market", "shop")
_URL = re.compile(
    rf"(?<![A-Za-z0-9@])(?:https?://|www\.)[^{_URL_STOP}]{{1,500}}"
    rf"|(?<![A-Za-z0-9@./-])(?:[A-Za-z0-9-]{{1,63}}\.){{1,4}}(?:{'|'.join(_TLDS)})"
    rf"(?![A-Za-z0-9-])(?:/[^{_URL_STOP}]{{0,500}})?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![A-Za-z0-9._@])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_@]|\.[A-Za-z])")
_PHONE_RU = re.compile(
    rf"(?:\+(?<![{_ALNUM}+]\+)\s?7|[78](?<![{_ALNUM}+][78]))[\s\-]{{0,2}}\(?\s?(\d{{3}})\s?\)?[\s\-]{{0,2}}"
    r"(\d{3})[\s\-]{0,2}(\d{2})[\s\-]{0,2}(\d{2})(?![\d]|[.,]\d)"
)
_PHONE_CN = re.compile(
    rf"(?<![{_ALNUM}+])(\+\s?86[\s\-]{{0,2}}|0086[\s\-]{{0,2}})?(1[3-9]\d)[\s\-]{{0,2}}(\d{{4}})[\s\-]{{0,2}}"
    r"(\d{4})(?![\d]|[.,]\d)"
)
_CARD = re.compile(rf"[2-6](?<![{_ALNUM}][2-6])\d{{3}}([ -]?)\d{{4}}\1\d{{4}}\1\d{{4}}(?:\1\d{{1,3}})?"
                   rf"(?![{_ALNUM}]|[.,]\d)")
# Visa, Mastercard, Mir, UnionPay
_CARD_SCHEMES = ("4", "51", "52", "53", "54", "55", "2200", "2201", "2202", "2203", "2204", "62") + tuple(
    str(prefix) for prefix in range(2221, 2721))
_DATE_DIGITS = re.compile(r"20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])-")
_BARE_NUMBER = re.compile(_lead(_ALNUM + ".,/-") + rf"\d{{8,13}}(?![{_ALNUM}]|[.,/-]\d)")

_NUM = (rf"{_LEAD_NUMBER}(?:\d{{0,2}}(?:[ \u00a0\u202f\u2009]\d{{3}}){{1,4}}(?:[.,]\d{{1,2}})?"
        r"|\d{0,2}(?:,\d{3}){1,4}(?:\.\d{1,2})?|\d{0,2}(?:\.\d{3}){1,4}(?:,\d{1,2})?|\d{0,14}(?:[.,]\d{1,2})?)")
_MULT = r"(?P<mult>тыс(?:яч[аи]?)?\.?|млн\.?|миллион(?:а|ов)?|млрд\.?|k|к|thousand|million|mln|千|万|萬|百万)"
_CUR = (r"(?:(?P<RUB>руб(?:л(?:ей|ями|ям|я|ь))?\.?|р\.|р|₽|rub\.?|rur|卢布)"
        r"|(?P<CNY>元|块钱?|юан(?:ей|я|ь|и)|cny|rmb|人民币)"
        r"|(?P<USD>\$|usd|долл(?:ар(?:ов|а|ы)?)?\.?|dollars?|美元|美金)"
        r"|(?P<EUR>€|eur|евро|euros?|欧元)|(?P<KZT>₸|kzt|тенге)|(?P<BYN>byn))")
_MONEY_AFTER = re.compile(rf"(?P<num>{_NUM})(?:\s{{0,2}}{_MULT})?\s{{0,2}}{_CUR}(?![{_L}])")  # lower-cased text
_PRE_CURRENCIES = {"us$": "USD", "$": "USD", "usd": "USD", "¥": "CNY", "￥": "CNY", "cny": "CNY", "rmb": "CNY",
                   "人民币": "CNY", "€": "EUR", "eur": "EUR", "₽": "RUB", "rub": "RUB", "₸": "KZT", "kzt": "KZT"}
_PRE_CUR = "(?P<pre>" + "|".join(re.escape(c) for c in sorted(_PRE_CURRENCIES, key=lambda c: -len(c))) + ")"
_MONEY_BEFORE = re.compile(rf"{_PRE_CUR}\s{{0,2}}(?P<num>{_NUM})(?:\s{{0,2}}{_MULT}(?![{_L}]))?(?![\d]|[.,]\d)")
_MONEY_WORDS = ("руб", "р.", "rub", "rur", "usd", "cny", "rmb", "eur", "евро", "юан", "долл", "dollar", "kzt", "тенге",
                "byn")
_MONEY_R = re.compile(r"\d\s?р(?![а-яё])")
_MULTIPLIERS = {"тыс": 1000, "k": 1000, "к": 1000, "thousand": 1000, "千": 1000, "万": 10_000, "萬": 10_000,
                "млн": 1_000_000, "миллион": 1_000_000, "million": 1_000_000, "mln": 1_000_000,
                "百万": 1_000_000, "млрд": 1_000_000_000}
_PERCENT = re.compile(  # lower-cased text
    rf"({_LEAD_NUMBER}\d{{0,2}}(?:[.,]\d{{1,3}})?)\s{{0,2}}(?:%|％|процент(?:ов|а)?|percent|pct)(?![{_L}])"
)
_STREET_TYPES = ("ул", "улица", "пр-т", "просп", "проспект", "пер", "переулок", "ш", "шоссе", "б-р", "бульвар", "наб",
                 "набережная", "пл", "площадь", "мкр", "микрорайон", "проезд", "тупик")
_STREET = re.compile(
    "(?:" + "|".join(sorted({w for t in _STREET_TYPES for w in (t, t.capitalize(), t.upper())}, key=lambda w: -len(w)))
    + r")\.?\s{0,2}"
    r"[А-ЯЁ0-9][А-Яа-яЁё0-9-]{1,30}(?:[ \t]{1,2}[А-ЯЁа-яё][А-Яа-яЁё-]{1,30}){0,2}"
    r"(?:,\s{0,2}|[ \t]{1,2})(?:(?i:д\.|дом)\s{0,2})?\d{1,4}[а-яА-Я]?(?:/\d{1,3})?(?!\d)"
    r"(?:,?\s{0,2}(?i:корп\.?|корпус|к\.|стр\.?|строение)\s{0,2}\d{1,3}[а-я]?)?"
    r"(?:,?\s{0,2}(?i:кв\.?|квартира|оф\.?|офис|пом\.?)\s{0,2}\d{1,5})?"
)
_STREET_GATE = ("ул", "пр-т", "просп", "пер", "ш.", "шоссе", "б-р", "бульвар", "наб", "пл.", "площад", "мкр",
                "микрорайон", "проезд", "тупик")
_CITY_BEFORE = re.compile(r"(?:г\.|город)\s{0,2}[А-ЯЁ][а-яё-]{1,30},?\s{0,2}$", re.IGNORECASE)
_CURRENCY_SIGNS = "₽$¥￥€₸元块美欧币卢"
_ZH_ADDRESS_LEAD = re.compile(r"(?:请|麻烦)?(?:寄到|送到|发到|寄往|送往|发往|地址是|地址为|住在|收货地|在|到|是)")
_STREET_ZH = re.compile(
    f"[{_CJK}]{{1,12}}(?:路|街|大道|巷|胡同)\\s?\\d{{1,5}}\\s?号(?:[{_CJK}\\d]{{0,10}}(?:室|楼|单元|栋|号))?"
)


# ---------------------------------------------------------------- helpers

MAX_MATCHES = 5_000  # of one pattern in one text: an appeal has dozens; this only bounds pathological input


def _scan(pattern: re.Pattern, text: str):
    return itertools.islice(pattern.finditer(text), MAX_MATCHES)




_ALNUM_SET = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_SRID_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _srid_before(text: str, tail: re.Match):
    """The WB srid that ends with `tail` (".0.0"): 12–64 letters and digits, maybe led by "11."."""
    end_body = tail.start()
    start = end_body
    while start > 0 and end_body - start <= 64 and text[start - 1] in _SRID_CHARS:
        start -= 1
    if end_body - start < 12 or end_body - start > 64:
        return None
    if start >= 2 and text[start - 1] == ".":  # "11.rf9ef…": a short number and a dot before the body
        lead = start - 1
        while lead > 0 and start - 1 - lead < 3 and text[lead - 1].isdigit() and text[lead - 1].isascii():
            lead -= 1
        if lead < start - 1 and (lead == 0 or text[lead - 1] not in _SRID_CHARS and text[lead - 1] != "."):
            start = lead
        else:
            return None
    elif start > 0 and text[start - 1] == ".":
        return None
    value = text[start:tail.end()]
    if not any(c.isdigit() for c in value[: end_body - start]):
        return None
    return (start, tail.end(), "srid", value, (), P_PATTERN)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _phone_value(matched: str) -> str | None:
    digits = _digits(matched)
    stripped = matched.lstrip()
    if len(digits) == 11 and digits[0] in "78" and not stripped.startswith("+86"):
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    if len(digits) == 11 and digits[0] == "1":
        return "+86" + digits
    if len(digits) == 13 and digits.startswith("86"):
        return "+" + digits
    if len(digits) == 15 and digits.startswith("0086"):
        return "+" + digits[2:]
    return None


def _card_candidate(start: int, end: int, matched: str, priority: int):
    digits = _digits(matched)
    if not 16 <= len(digits) <= 19 or not _luhn(digits):
        return None
    masked = digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
    return (start, end, "card", masked, (("last4", digits[-4:]),), priority)


def _normal_decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _amount(number: str) -> Decimal | None:
    s = "".join(number.split())
    if "," in s and "." in s:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s) else s.replace(",", ".")
    elif "." in s and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _money_candidate(m: re.Match, currency: str, start: int, end: int):
    amount = _amount(m.group("num").replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    if amount is None:
        return None
    mult = (m.group("mult") or "").lower().rstrip(".")
    if mult:
        factor = next((v for k, v in _MULTIPLIERS.items() if mult.startswith(k)), None)
        if factor is None:
            return None
        amount *= factor
    if amount >= Decimal("1e15"):
        return None
    amount = amount.quantize(Decimal("0.01"))
    return (start, end, "money", f"{amount} {currency}", (("amount", amount), ("currency", currency)), P_MONEY)


# ---------------------------------------------------------------- finders


_CJK_CHAR = re.compile(f"[{_CJK}]")


class _Context:
    def __init__(self, text: str, now: datetime):
        self.text = text
        self.lower = entity_dates.safe_lower(text)
        self.now = now
        self.has_cjk = _CJK_CHAR.search(text) is not None
        self.keywords: list[tuple[int, int, str]] = []
        self.id_word_ends: list[int] = []  # words before identifiers (not names or addresses), and their kinds
        self.id_word_kinds: list[str] = []
        _find_words(self)


def _find_patterns(ctx: _Context) -> list:
    text, lower, out = ctx.text, ctx.lower, []
    for m in _scan(_POSTING, text) if "-" in text else ():
        if m.group().count("-") == 1 and _DATE_DIGITS.match(m.group()):
            continue  # "20260301-7781" is a dated bill number; after "заказ"/"отправление" the words decide
        out.append((m.start(), m.end(), "posting", m.group(), (), P_PATTERN))
    for m in _scan(_WB_SUPPLY, lower) if "wb-gi-" in lower else ():
        if m.start() == 0 or text[m.start() - 1] not in _ALNUM_SET and text[m.start() - 1] != "-":
            out.append((m.start(), m.end(), "supply", m.group().upper(), (), P_PATTERN))
    for m in _scan(_SRID_TAIL, text) if "." in text else ():
        cand = _srid_before(text, m)
        if cand:
            out.append(cand)
    for m in _scan(_EMAIL, text) if "@" in text else ():
        value = m.group().rstrip(".-")
        tld = value.rsplit(".", 1)[-1]
        if "." in value.split("@", 1)[1] and any(c.isalpha() for c in tld):
            out.append((m.start(), m.start() + len(value), "email", value.lower(), (), P_EMAIL))
    has_link = "http" in lower or "www." in lower or any("." + tld in lower for tld in _TLDS)
    for m in _scan(_URL, text) if has_link else ():
        value = m.group().rstrip(".,;:!?)]}'\"")
        if len(value) > 4:
            out.append((m.start(), m.start() + len(value), "url", value, (), P_URL))
    for m in _scan(_HANDLE, text) if "@" in text else ():
        out.append((m.start(), m.end(), "handle", m.group(), (("network", "telegram"),), P_HANDLE))
    for m in _scan(_PHONE_RU, text):
        matched = m.group()
        digits = _digits(matched)
        if matched.startswith("+"):
            priority = P_PHONE_INTL
        elif not matched.isdigit():
            priority = P_PHONE_FORMATTED
        elif digits[1] == "9":
            priority = P_PHONE_BARE
        else:
            continue
        out.append((m.start(), m.end(), "phone", "+7" + digits[1:], (("country", "RU"),), priority))
    for m in _scan(_PHONE_CN, text) if ctx.has_cjk or "86" in text else ():
        matched = m.group()
        if m.group(1):
            priority = P_PHONE_INTL
        elif not matched.isdigit():
            priority = P_PHONE_FORMATTED
        elif ctx.has_cjk:
            priority = P_PHONE_BARE
        else:
            continue
        value = "+86" + m.group(2) + m.group(3) + m.group(4)
        out.append((m.start(), m.end(), "phone", value, (("country", "CN"),), priority))
    for m in _scan(_CARD, text):
        if not m.group(1) and not m.group().startswith(_CARD_SCHEMES):
            continue  # sixteen bare digits are a card only with a real scheme's prefix (or a word: "карта")
        cand = _card_candidate(m.start(), m.end(), m.group(), P_CARD_FORMATTED if m.group(1) else P_CARD_BARE)
        if cand:
            out.append(cand)
    for m in _scan(_STREET, text) if any(w in lower for w in _STREET_GATE) else ():
        start = m.start()
        if start and text[start - 1].isalpha():
            continue
        city = _CITY_BEFORE.search(text, max(0, start - 40), start)
        if city:
            start = city.start()
        out.append((start, m.end(), "address", " ".join(text[start:m.end()].split()), (), P_ADDRESS))
    if ctx.has_cjk:
        for m in _scan(_STREET_ZH, text):
            lead = _ZH_ADDRESS_LEAD.match(m.group())
            start = m.start() + (lead.end() if lead else 0)
            out.append((start, m.end(), "address", text[start:m.end()], (), P_ADDRESS))
    return out


def _find_money(ctx: _Context) -> list:
    text, lower, out = ctx.text, ctx.lower, []
    has_currency = any(c in text for c in _CURRENCY_SIGNS) or any(w in lower for w in _MONEY_WORDS) \
        or _MONEY_R.search(lower) is not None
    if not has_currency:
        return out if not _has_percent(ctx) else _find_percent(ctx)
    for m in _scan(_MONEY_AFTER, lower):
        currency = next(code for code in ("RUB", "CNY", "USD", "EUR", "KZT", "BYN") if m.group(code))
        cand = _money_candidate(m, currency, m.start(), m.end())
        if cand:
            out.append(cand)
    for m in _scan(_MONEY_BEFORE, lower):
        if m.start() and lower[m.start() - 1].isalpha() and lower[m.start()].isalpha():
            continue
        currency = _PRE_CURRENCIES[m.group("pre")]
        cand = _money_candidate(m, currency, m.start(), m.end())
        if cand:
            out.append(cand)
    if _has_percent(ctx):
        out.extend(_find_percent(ctx))
    return out


def _has_percent(ctx: _Context) -> bool:
    lower = ctx.lower
    return "%" in lower or "％" in lower or "процент" in lower or "percent" in lower or "pct" in lower


def _find_percent(ctx: _Context) -> list:
    out = []
    for m in _scan(_PERCENT, ctx.lower):
        try:
            value = Decimal(m.group(1).replace(",", "."))
        except InvalidOperation:
            continue
        out.append((m.start(), m.end(), "percent", _normal_decimal(value), (("value", value),), P_PERCENT))
    return out


def _find_dates(ctx: _Context) -> list:
    return entity_dates.candidates(ctx.text, ctx.now, ctx.lower, ctx.has_cjk)


def _skip_connector(text: str, pos: int) -> int:
    m = _CONNECTOR.match(text, pos)
    return m.end() if m else pos


def _skip_connectors(text: str, pos: int) -> int:
    for _ in range(_MAX_CONNECTORS):
        m = _CONNECTOR.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return pos


def _value_at(kind: str, text: str, pos: int):
    """(end, kind, value, data, priority) of the value of `kind` that starts at `pos`, or None."""
    if kind == "order":
        m = _V_ORDER.match(text, pos)
        if m:
            return (m.end(), "order", m.group(), (), P_KEYWORD)
        return _code_at("order", text, pos) if pos < len(text) and text[pos].isalpha() else None  # CN-2026-004512
    if kind in _V_DIGITS:
        m = _V_DIGITS[kind].match(text, pos)
        if not m:
            if kind in ("supply", "shipment"):
                return _code_at(kind, text, pos)
            return None
        value = m.group()
        if kind == "inn":
            if not is_valid_inn(value):
                return None
            return (m.end(), "inn", value, (("type", "company" if len(value) == 10 else "individual"),),
                    P_KEYWORD_STRONG)
        if kind == "supply":
            value = value.upper()
        return (m.end(), kind, value, (), P_KEYWORD)
    if kind in ("article", "artgen", "claim", "shipment"):
        return _code_at(kind, text, pos)
    if kind == "srid":
        m = _V_SRID.match(text, pos)
        if not m:
            return None
        value = m.group().rstrip("._-")
        if not any(c.isdigit() for c in value):
            return None
        return (pos + len(value), "srid", value, (), P_PATTERN)
    if kind == "phone":
        m = _V_PHONE.match(text, pos)
        value = _phone_value(m.group()) if m else None
        if not value:
            return None
        return (m.end(), "phone", value, (("country", "CN" if value.startswith("+86") else "RU"),), P_KEYWORD_STRONG)
    if kind == "card":
        m = _V_CARD.match(text, pos)
        cand = _card_candidate(pos, m.end(), m.group(), P_KEYWORD_STRONG) if m else None
        return (cand[1], *cand[2:]) if cand else None
    if kind == "passport":
        m = _V_PASSPORT.match(text, pos)
        if not m:
            return None
        if m.group(3):
            value = f"{m.group(1)}{m.group(2)} {m.group(3)}"
        else:
            value = (m.group(4) or m.group(5)).upper()
        return (m.end(), "passport", value, (), P_KEYWORD_STRONG)
    if kind == "person":
        m = _V_PERSON.match(text, pos)
        if m:
            return (m.end(), "person", " ".join(m.group().split()), (), P_PERSON)
        return None
    if kind == "telegram":
        m = _V_TELEGRAM.match(text, pos)
        if m and (m.group().startswith("@") or any(c.isdigit() or c == "_" for c in m.group()) or pos > 0
                  and text[pos - 1] in ":："):
            value = m.group() if m.group().startswith("@") else "@" + m.group()
            return (m.end(), "handle", value, (("network", "telegram"),), P_KEYWORD_STRONG)
        return None
    if kind == "whatsapp":
        m = _V_PHONE.match(text, pos)
        value = _phone_value(m.group()) if m else None
        if value:
            return (m.end(), "handle", "whatsapp:" + value, (("network", "whatsapp"),), P_KEYWORD_STRONG)
        return None
    if kind == "wechat":
        m = _V_PHONE.match(text, pos)
        value = _phone_value(m.group()) if m else None
        if not value:
            m = _V_WECHAT.match(text, pos)
            value = m.group() if m else None
        if value:
            return (m.end(), "handle", "wechat:" + value, (("network", "wechat"),), P_KEYWORD_STRONG)
        return None
    return None


_NUMBER_LIKE = re.compile(r"[\d.,/]*[.,/][\d.,/]*")


def _code_at(kind: str, text: str, pos: int):
    m = _V_CODE.match(text, pos)
    if not m:
        return None
    value = m.group()
    has_digit = any(c.isdigit() for c in value)
    if kind == "artgen":
        if value.isdigit():
            kind = "nmid" if len(value) >= 7 else "article"
        else:
            kind = "article"
    if value.isdigit() and len(value) < (3 if kind == "article" else 4):
        return None
    if _NUMBER_LIKE.fullmatch(value):
        return None  # "поставки 02.03.2026", "артикул 1.5": a date or an amount, not a code
    if kind == "article":
        # A word after "артикул" is not an article ("артикул не найден", "артикул SKU"): a digit or a separator.
        if not (has_digit or "-" in value or "_" in value):
            return None
    elif not has_digit or kind == "order" and sum(c.isdigit() for c in value) < 5:
        return None
    if kind == "supply" and value.upper().startswith("WB-GI-"):
        value = value.upper()
    return (m.end(), kind, value, (), P_KEYWORD)


_ZH_NOT_NAME = frozenset("说已没不的在是要给把了和也都还就对收拒退称表反投于从向被让")


def _person_zh(text: str, pos: int):
    """A Chinese name after 买家/收件人: a common surname and one or two more characters."""
    m = _V_PERSON_ZH.match(text, pos)
    if not m:
        return None
    run = m.group()
    compound = run[:2] in ("欧阳", "司马", "诸葛", "上官")
    if not compound and run[0] not in _ZH_SURNAMES:
        return None
    size = 2 if not compound else 3
    if len(run) > size and run[size] not in _ZH_NOT_NAME:
        size += 1
    size = min(size, len(run))
    if size < 2 or run[1] in _ZH_NOT_NAME:
        return None
    return (pos, pos + size, "person", run[:size], (), P_PERSON)


def _address_parts(segment: str) -> str:
    """The comma-separated parts of an address, up to the first that reads as prose ("очень недоволен")."""
    kept = []
    for part in segment.split(","):
        words = part.split()
        if kept and words:
            first = words[0].rstrip(".").lower()
            if not (any(c.isdigit() for c in part) or first in _ADDRESS_ABBREVIATIONS or words[0][0].isupper()
                    or not words[0][0].isascii() and not words[0][0].isalpha()
                    or _CJK_CHAR.match(words[0])):
                break
        kept.append(part)
    return ",".join(kept)


def _address_after(text: str, pos: int):
    colon = _ADDRESS_COLON.match(text, pos)
    if not colon or ":" not in colon.group() and "：" not in colon.group():
        return None
    m = _ADDRESS_TEXT.match(text, colon.end())
    if not m:
        return None
    segment = m.group()
    cut = len(segment)
    for dot in re.finditer(r"\.(?=\s)", segment):
        word = re.search(r"[^\s.,]{0,8}$", segment[:dot.start()]).group().lower()
        if word not in _ADDRESS_ABBREVIATIONS:
            cut = dot.start()
            break
    value = _address_parts(segment[:cut]).rstrip(" \t,.")
    if len(value) < 5 or not any(c.isdigit() for c in value):
        return None
    return (colon.end(), colon.end() + len(value), "address", " ".join(value.split()), (), P_ADDRESS + 2)


def _find_keyword_values(ctx: _Context) -> list:
    text, out = ctx.text, []
    for kw_start, kw_end, kind in ctx.keywords:
        if kind not in ("person", "address", "telegram", "whatsapp", "wechat"):
            ctx.id_word_ends.append(kw_end)
            ctx.id_word_kinds.append(kind)
        if kind == "address":
            cand = _address_after(text, kw_end)
            if cand:
                out.append(cand)
            continue
        pos = kw_end
        if kind == "person":
            pos = _skip_connectors(text, pos)
            found = _V_PERSON.match(text, pos)
            if found and not _NOT_NAMES.intersection(found.group().lower().replace(".", " ").split()):
                out.append((pos, found.end(), "person", " ".join(found.group().split()), (), P_PERSON))
            else:
                cand = _person_zh(text, pos)
                if cand:
                    out.append(cand)
            continue
        found = None
        for _ in range(_MAX_CONNECTORS):  # "№", "номер", ":", "FBS" stand between; a value may look like one
            found = _value_at(kind, text, pos)
            if found:
                break
            after = _skip_connector(text, pos)
            if after == pos:
                break
            pos = after
        for _ in range(_MAX_LIST):
            if not found:
                break
            end, kind_found, value, data, priority = found
            start = kw_start if kind in ("telegram", "whatsapp", "wechat") else pos
            out.append((start, end, kind_found, value, data, priority))
            if kind in ("inn", "passport", "card", "telegram", "whatsapp", "wechat"):
                break
            sep = _LIST_SEPARATOR.match(text, end)
            if not sep:
                break
            pos = sep.end()
            found = _value_at(kind, text, pos)
    return out


def _find_bare_orders(ctx: _Context) -> list:
    """A long number a few words after an order word that the connectors did not reach
    ("заказ покупателя от 15.10 под номером 123456789"), unless another identifier word is nearer."""
    ends = ctx.id_word_ends
    if "order" not in ctx.id_word_kinds:
        return []
    out = []
    for m in _scan(_BARE_NUMBER, ctx.text):
        i = bisect.bisect_right(ends, m.start()) - 1  # the nearest identifier word before must be an order word
        if i >= 0 and ctx.id_word_kinds[i] == "order" and m.start() - ends[i] <= 60 \
                and "\n\n" not in ctx.text[ends[i]:m.start()]:
            out.append((m.start(), m.end(), "order", m.group(), (), P_NEAR_ORDER))
    return out


_FINDERS = (_find_patterns, _find_money, _find_dates, _find_keyword_values, _find_bare_orders)


# ---------------------------------------------------------------- resolution and the public functions


def _resolve(candidates: list, length: int) -> list[Entity]:
    candidates.sort(key=lambda c: (-c[5], -(c[1] - c[0]), c[0]))
    taken = bytearray(length + 1)
    chosen = []
    for start, end, kind, value, data, _priority in candidates:
        if not (0 <= start < end <= length) or not value:
            continue
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(Entity(kind, value, start, end, data))
    chosen.sort(key=lambda e: (e.start, e.end))
    return chosen


def _moscow_now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(entity_dates.MOSCOW)
    if now.tzinfo is None:
        return now.replace(tzinfo=entity_dates.MOSCOW)
    return now.astimezone(entity_dates.MOSCOW)


_FULL_WIDTH_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}


def _plain_digits(text: str) -> str:
    """Full-width digits (３４９０, typed on Chinese keyboards) read as ASCII ones; digits of other scripts
    (১২৩, ١٢٣) are no identifier a marketplace issues and are read as nothing. The length stays, so spans
    in the result point into the original text."""
    if text.isascii():
        return text
    text = text.translate(_FULL_WIDTH_DIGITS)
    return "".join("\u00b7" if c.isdecimal() and not c.isascii() else c for c in text)


def extract(text: str, *, now: datetime | None = None) -> list[Entity]:
    """Entities of `text`, sorted by start, overlaps resolved. Never raises."""
    try:
        if not isinstance(text, str):
            text = bytes(text).decode("utf-8", "replace") if isinstance(text, bytes | bytearray) else ""
        if len(text) > HARD_LIMIT:
            text = text[:HARD_LIMIT]
        if not text.strip():
            return []
        ctx = _Context(_plain_digits(text), _moscow_now(now))
        candidates: list = []
        for finder in _FINDERS:
            try:
                candidates.extend(finder(ctx))
            except Exception:
                if RAISE_ERRORS:
                    raise
                log.exception("entity finder %s failed", finder.__name__)
        return _resolve(candidates, len(text))
    except Exception:
        if RAISE_ERRORS:
            raise
        log.exception("entity extraction failed")
        return []


def references(entities: Iterable[Entity]) -> list[tuple[str, str]]:
    """(kind, value) pairs a case keeps as its references, in order, without repeats."""
    seen: dict[tuple[str, str], None] = {}
    for entity in entities:
        if entity.kind in REFERENCE_KINDS:
            seen[(entity.kind, entity.value)] = None
    return list(seen)


def personal_data(entities: Iterable[Entity]) -> list[Entity]:
    """Entities that identify a person (buyer's phone, e-mail, card, passport, address, name, handle)."""
    return [entity for entity in entities if entity.kind in PERSONAL_KINDS]
