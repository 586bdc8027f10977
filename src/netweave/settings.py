"""Settings from the environment and flags (pydantic-settings); never module globals."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def default_data_dir() -> Path:
    """Return `$XDG_DATA_HOME/netweave`, falling back to `~/.local/share/netweave`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "netweave"


def database_url(db: str | None, data_dir: Path) -> str:
    """Turn a `--db` value (a path or a SQLAlchemy URL) into a SQLAlchemy URL."""
    if not db:
        return f"sqlite:///{data_dir / 'netweave.db'}"
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


class Settings(BaseSettings):
    """Everything configurable; read from `NETWEAVE_*` variables, overridden by flags."""

    model_config = SettingsConfigDict(env_prefix="NETWEAVE_", extra="ignore")

    db: str | None = Field(default=None, description="Database path or SQLAlchemy URL")
    data_dir: Path = Field(default_factory=default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8765
    password: str | None = Field(default=None, description="Required to bind beyond loopback")
    secret_key: str | None = None
    upload_limit_bytes: int = 20 * 1024 * 1024
    today: dt.date | None = Field(
        default=None, description="Fixed 'today' (NETWEAVE_TODAY) for tests and reproducible demos"
    )

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()

    @property
    def url(self) -> str:
        return database_url(self.db, self.data_dir)

    @property
    def is_loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS
