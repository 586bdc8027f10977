"""Settings: environment variables, arguments over them, and clear errors for bad values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from netweave.errors import NetweaveError
from netweave.settings import Settings
from tests.conftest import Cli


def test_defaults_environment_and_arguments(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("DB", "PORT", "TODAY", "DATA_DIR", "HOST", "PASSWORD"):
        monkeypatch.delenv(f"NETWEAVE_{name}", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    plain = Settings()
    assert (plain.host, plain.port, plain.db, plain.today) == ("127.0.0.1", 8765, None, None)
    assert plain.data_dir == tmp_path / "netweave" and plain.is_loopback
    monkeypatch.setenv("NETWEAVE_PORT", "9000")
    monkeypatch.setenv("NETWEAVE_TODAY", "2026-01-31")
    monkeypatch.setenv("NETWEAVE_DB", str(tmp_path / "env.db"))
    from_env = Settings(db=str(tmp_path / "flag.db"))
    assert from_env.port == 9000 and from_env.today == dt.date(2026, 1, 31)
    assert from_env.db == str(tmp_path / "flag.db")  # the argument wins
    moved = from_env.replace(host="0.0.0.0")
    assert moved.host == "0.0.0.0" and not moved.is_loopback and moved.port == 9000


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [("PORT", "eighty", "a whole number"), ("TODAY", "23/11/2026", "YYYY-MM-DD")],
)
def test_a_bad_variable_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, cli: Cli, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(f"NETWEAVE_{name}", value)
    with pytest.raises(NetweaveError, match=message):
        Settings()
    assert f"error: NETWEAVE_{name}='{value}' is not {message}" in cli.fails("people", "list")


def test_unknown_settings_are_refused() -> None:
    with pytest.raises(TypeError, match="colour"):
        Settings(colour="blue")
