"""Messages that pure code returns and the interface translates.

The analysis packages know no Django, so they cannot call gettext. They return a `Message`: an
English msgid, marked with `gettext_noop` so that `makemessages` collects it, and its parameters.
The Django side renders it with gettext in the user's language; the command line and tests render
it as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


def gettext_noop(s: str) -> str:
    """Mark a string for translation without translating it (Django's makemessages collects these)."""
    return s


def _identity(s: str) -> str:
    return s


@dataclass(frozen=True)
class Message:
    msgid: str
    params: dict = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = _identity) -> str:
        """The text in the language `translate` gives, with `%(name)s` parameters filled in.

        A broken translation (a catalog that drops or renames a parameter) falls back to the msgid.
        """
        text = translate(self.msgid)
        if not self.params:
            return text
        params = {key: _plain(value, translate) for key, value in self.params.items()}
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            try:
                return self.msgid % params
            except (KeyError, ValueError, TypeError):
                return self.msgid

    def __str__(self) -> str:
        return self.render()


def _plain(value: object, translate: Callable[[str], str]) -> object:
    """A parameter that is itself a Message (a field's or a language's name) is translated too."""
    return value.render(translate) if isinstance(value, Message) else value
