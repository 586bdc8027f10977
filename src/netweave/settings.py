"""Settings from the environment and flags; never module globals.

Each field can be set by a `NETWEAVE_<NAME>` variable and overridden by an argument:
`Settings(db="x.db")` takes `db` from the argument and everything else from the
environment, falling back to the defaults below. A plain dataclass rather than
pydantic-settings: every CLI command builds one, and pydantic costs a fifth of a second
to import, which `netweave route` (about a second in all) cannot spare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netweave.errors import NetweaveError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
ENV_PREFIX = "NETWEAVE_"


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


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


# how a variable's text becomes the field's value, and what it must look like; fields not
# listed keep the text
PARSERS: dict[str, tuple[Callable[[str], object], str]] = {
    "data_dir": (Path, "a path"),
    "port": (int, "a whole number"),
    "upload_limit_bytes": (int, "a whole number"),
    "today": (_date, "YYYY-MM-DD"),
}
DEFAULTS: dict[str, object] = {"host": "127.0.0.1", "port": 8765, "upload_limit_bytes": 20 << 20}


def _from_env(name: str) -> object:
    variable = ENV_PREFIX + name.upper()
    text = os.environ[variable]
    if name not in PARSERS:
        return text
    parse, expected = PARSERS[name]
    try:
        return parse(text)
    except ValueError:
        raise NetweaveError(f"{variable}={text!r} is not {expected}") from None


@dataclass(frozen=True, init=False)
class Settings:
    """Everything configurable; read from `NETWEAVE_*` variables, overridden by arguments."""

    db: str | None  # database path or SQLAlchemy URL
    data_dir: Path
    host: str
    port: int
    password: str | None  # required to bind beyond loopback
    secret_key: str | None
    upload_limit_bytes: int
    today: dt.date | None  # a fixed "today" (NETWEAVE_TODAY) for tests and reproducible demos

    def __init__(self, **given: object) -> None:
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(given) - names)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(unknown)}")
        for name in names:
            if name in given:
                value = given[name]
            elif ENV_PREFIX + name.upper() in os.environ:
                value = _from_env(name)
            else:
                value = default_data_dir() if name == "data_dir" else DEFAULTS.get(name)
            object.__setattr__(self, name, value)

    def current_date(self) -> dt.date:
        return self.today or dt.date.today()

    def replace(self, **changes: object) -> Settings:
        """A copy with `changes` (the environment is not read again)."""
        return Settings(**{**dataclasses.asdict(self), **changes})

    @property
    def url(self) -> str:
        return database_url(self.db, self.data_dir)

    @property
    def is_loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS
