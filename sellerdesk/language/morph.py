"""Words and their dictionary forms: Russian lemmas (pymorphy3), Chinese words (jieba), English stems.

`tokens()` is the one view of a text that the classifier, the knowledge-base search and the
duplicate guard share, so «пропали товары», «пропал товар» and «товар пропал» look the same to all
of them. Both dictionaries ship inside their packages; nothing is downloaded.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_SUFFIXES = ("ing", "ed", "es", "s")
MAX_WORD = 40  # longer "words" are pasted hashes or garbage: kept as they are, never parsed

_lock = threading.Lock()
_analyzer = None
_jieba = None


def _morph():
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                import pymorphy3

                logging.getLogger("pymorphy3").setLevel(logging.WARNING)  # it announces every dictionary load
                _analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    return _analyzer


def _segmenter():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _jieba = tokenizer
    return _jieba


def warm_up() -> None:
    """Load both dictionaries now (a server does this at start, not on the first request)."""
    _morph()
    _segmenter()
    lemma("товары")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of one word, lower case; `ё` read as `е`."""
    word = word.lower().replace("ё", "е")
    if len(word) > MAX_WORD or not word.isalpha():
        return word
    if _CYRILLIC.search(word):
        return _morph().parse(word)[0].normal_form.replace("ё", "е")
    if word.isascii():
        for suffix in _LATIN_SUFFIXES:
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                return word[: -len(suffix)]
    return word


def chinese_words(text: str) -> list[str]:
    """Words of the Chinese runs of a text, in order."""
    tokenizer = _segmenter()
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(w for w in tokenizer.lcut(run, HMM=True) if w.strip())
    return out


def tokens(text: str, *, keep_numbers: bool = False) -> list[str]:
    """Normalised words of a text in order: Russian and English lemmas, Chinese words.

    Numbers are dropped unless asked for: an order number says nothing about the kind of problem.
    """
    out: list[str] = []
    position = 0
    for run in _CJK_RUN.finditer(text):
        out.extend(_plain_tokens(text[position:run.start()], keep_numbers))
        out.extend(chinese_words(run.group()))
        position = run.end()
    out.extend(_plain_tokens(text[position:], keep_numbers))
    return out


def _plain_tokens(text: str, keep_numbers: bool) -> list[str]:
    result = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isdigit():
            if keep_numbers:
                result.append(word)
            continue
        result.append(lemma(word))
    return result


STOP_WORDS = frozenset(
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было "
    "вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас "
    "нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их "
    "чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой "
    "совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при "
    "наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три "
    "эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно "
    "всю между это наш ваш весь свой который "
    "the a an and or of to in on for is are was were be been it this that with as at by from we our you "
    "your they their have has had not no do does did can could would should will please "
    "的 了 在 是 我 我们 你 您 他 她 它 和 与 也 就 都 而 及 着 或 一个 没有 不 吗 呢 吧 啊 这 那 这个 那个 "
    "请 把 被 给 对 从 到 又 还 很 会 要 能 让".split()
)


def content_tokens(text: str) -> list[str]:
    """`tokens()` without stop words and one-letter words: what a text is about."""
    return [t for t in tokens(text) if t not in STOP_WORDS and len(t) > 1 or (len(t) == 1 and _CJK_RUN.match(t)
                                                                               and t not in STOP_WORDS)]
