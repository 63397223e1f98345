"""The articles SellerDesk ships (`data/articles/*.toml`) and the synonym groups (`data/synonyms.toml`).

Plain data read with tomllib; checked on load so that a broken file fails loudly in tests, not
quietly in a workspace.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
KINDS = ("finance", "logistics", "content", "access", "technical", "documents", "promotion", "reviews", "other")
PLATFORMS = ("wb", "ozon", "ymarket", "avito", "yandex_eda", "vendor")
LANGUAGES = ("ru", "zh", "en")


@dataclass(frozen=True)
class StarterArticle:
    slug: str
    platforms: tuple[str, ...]  # empty: any platform
    kind: str
    language: str
    title: str
    keywords: tuple[str, ...]
    body: str
    source: str  # file the article came from, for error messages

    @property
    def platform(self) -> str:
        return " ".join(self.platforms)

    @property
    def keyword_text(self) -> str:
        return ", ".join(self.keywords)


class StarterDataError(ValueError):
    pass


def _article(row: dict, source: str) -> StarterArticle:
    def need(key: str) -> str:
        value = row.get(key)
        if not isinstance(value, str) or not value.strip():
            raise StarterDataError(f"{source}: article {row.get('slug', '?')!r} needs {key!r}")
        return value.strip()

    platforms = row.get("platforms", [])
    if platforms == "all" or platforms == ["all"]:
        platforms = []
    if isinstance(platforms, str):
        platforms = [platforms]
    article = StarterArticle(
        slug=need("slug"), platforms=tuple(platforms), kind=need("kind"), language=need("language"),
        title=need("title"), keywords=tuple(k.strip() for k in row.get("keywords", []) if k.strip()),
        body=need("body"), source=source,
    )
    if article.kind not in KINDS:
        raise StarterDataError(f"{source}: {article.slug}: unknown kind {article.kind!r}")
    if article.language not in LANGUAGES:
        raise StarterDataError(f"{source}: {article.slug}: unknown language {article.language!r}")
    unknown = set(article.platforms) - set(PLATFORMS)
    if unknown:
        raise StarterDataError(f"{source}: {article.slug}: unknown platforms {sorted(unknown)}")
    if len(article.slug) > 80 or not article.slug.replace("-", "").isalnum() or not article.slug.isascii():
        raise StarterDataError(f"{source}: bad slug {article.slug!r}")
    return article


@cache
def starter_articles() -> tuple[StarterArticle, ...]:
    articles: list[StarterArticle] = []
    seen: set[str] = set()
    for path in sorted((DATA_DIR / "articles").glob("*.toml")):
        with open(path, "rb") as fh:
            rows = tomllib.load(fh).get("articles", [])
        for row in rows:
            article = _article(row, path.name)
            if article.slug in seen:
                raise StarterDataError(f"{path.name}: slug {article.slug!r} is used twice")
            seen.add(article.slug)
            articles.append(article)
    return tuple(articles)


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Groups of words and phrases that mean the same to a seller: plain, official, Chinese, English."""
    with open(DATA_DIR / "synonyms.toml", "rb") as fh:
        raw = tomllib.load(fh)
    groups = []
    for group in raw.get("groups", []):
        words = tuple(w.strip() for w in group.get("words", []) if w.strip())
        if len(words) < 2:
            raise StarterDataError(f"synonyms.toml: group {group!r} needs at least two words")
        groups.append(words)
    return tuple(groups)
