import os
import subprocess
import sys

import pytest

from sellerdesk.env import ConfigError, env_bool, env_int, env_list, secret_key


def test_it_parses_booleans_strictly(monkeypatch):
    monkeypatch.setenv("SELLERDESK_DEBUG", "yes")
    assert env_bool("SELLERDESK_DEBUG", False) is True
    monkeypatch.setenv("SELLERDESK_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="SELLERDESK_DEBUG"):
        env_bool("SELLERDESK_DEBUG", False)


def test_it_parses_numbers_with_limits(monkeypatch):
    monkeypatch.setenv("EVIDENCE_MAX_MB", "25MB")
    with pytest.raises(ConfigError, match="EVIDENCE_MAX_MB"):
        env_int("EVIDENCE_MAX_MB", 25)
    monkeypatch.setenv("EVIDENCE_MAX_MB", "0")
    with pytest.raises(ConfigError, match="minimum"):
        env_int("EVIDENCE_MAX_MB", 25, minimum=1)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "desk.example.ru, 10.0.0.5 ,")
    assert env_list("ALLOWED_HOSTS", []) == ["desk.example.ru", "10.0.0.5"]


def test_secret_key_is_generated_once_into_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key("SECRET_KEY", tmp_path)
    assert len(first) >= 50 and secret_key("SECRET_KEY", tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_bad_value_stops_the_command_with_the_variable_named(tmp_path):
    env = {**os.environ, "SELLERDESK_DATA_DIR": str(tmp_path), "SELLERDESK_DEBUG": "perhaps"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-m", "sellerdesk", "check"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "SELLERDESK_DEBUG" in result.stderr and "Traceback" not in result.stderr
