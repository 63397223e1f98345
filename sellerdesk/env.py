"""Strict parsers for settings taken from the environment.

A wrong value stops start-up with a message that names the variable, instead of
running with a silently different configuration.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(Exception):
    """A setting in the environment has a value we cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}={value} is below the minimum of {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = os.environ.get(name, default) or default
    if value not in choices:
        raise ConfigError(f"{name}={value!r} must be one of: {', '.join(sorted(choices))}.")
    return value


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default


def secret_key(name: str, data_dir: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once into the data folder."""
    value = os.environ.get(name)
    if value:
        if len(value) < 32:
            raise ConfigError(f"{name} must be at least 32 characters long.")
        return value
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    from secrets import token_urlsafe

    data_dir.mkdir(parents=True, exist_ok=True)
    key = token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key
