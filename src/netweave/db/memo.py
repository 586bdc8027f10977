"""Answers remembered for the rest of a read session.

A read session (`Store.read()`) is one transaction over one snapshot, so a value computed
from the database cannot change before it ends. Pages ask the same questions many times
(the dashboard read the "me" setting 186 times and fingerprinted the engine 10 times);
`read_memo` computes each once per read session. In a write session it always computes:
the session's own writes could change the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")
READ_ONLY = "netweave_read_only"
_MEMO = "netweave_memo"


def read_memo(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), remembered under `key` for the rest of a read session."""
    if not session.info.get(READ_ONLY):
        return compute()
    memo: dict[Hashable, Any] = session.info.setdefault(_MEMO, {})
    if key not in memo:
        memo[key] = compute()
    value: T = memo[key]
    return value


def forget(session: Session, key: Hashable) -> None:
    """Drop a remembered answer (after the session itself changed what it depends on)."""
    session.info.get(_MEMO, {}).pop(key, None)
