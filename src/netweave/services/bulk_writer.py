"""Run a bulk insert's statements on a second thread while the next rows are being built.

SQLite and psycopg release the GIL while a statement runs, so building the rows of the
next statement in Python (bind conversion, flattening, the child rows of 30,000 people)
overlaps with the database writing the previous one: on 2 cores this took a third off
inserting 30,000 vCards. Statements still run one at a time, in the order given, on the
caller's connection and inside its transaction; the caller must not use that connection
until the block ends. An error in a statement stops the rest and is raised at the end.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

_DONE = None
# Statements built ahead of the database: enough for a whole part of an import (about ten
# statements per 2,000 people), so the caller goes on parsing instead of waiting; each holds
# references to at most 30,000 values already in memory.
_BACKLOG = 32
# While the writer runs, the thread building rows is asked to hand over the GIL after 0.5 ms
# instead of 5: the writer needs it twice per statement (to bind the values, and when SQLite
# returns), and waiting 5 ms each time made 173 statements a second slower.
_SWITCH_INTERVAL = 0.0005
_writers_running = 0  # the interval is lowered while any writer runs, restored after the last
_restore_interval = sys.getswitchinterval()
_switching = threading.Lock()


def _writer_started() -> None:
    global _writers_running, _restore_interval
    with _switching:
        if _writers_running == 0:
            _restore_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_restore_interval, _SWITCH_INTERVAL))
        _writers_running += 1


def _writer_stopped() -> None:
    global _writers_running
    with _switching:
        _writers_running -= 1
        if _writers_running == 0:
            sys.setswitchinterval(_restore_interval)


class StatementWriter:
    """`with StatementWriter(connection) as writer: writer.put(sql, params)`."""

    def __init__(self, connection: Connection) -> None:
        self._raw = connection.connection.driver_connection
        self._dbapi_error = connection.dialect.loaded_dbapi.Error
        self._failed: tuple[str, Sequence[Any]] | None = None
        self._queue: queue.Queue[tuple[str, Sequence[Any]] | None] = queue.Queue(_BACKLOG)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="netweave-bulk-insert")

    def __enter__(self) -> StatementWriter:
        _writer_started()
        self._thread.start()
        return self

    def put(self, sql: str, params: Sequence[Any]) -> None:
        """Queue one statement (it runs after every statement queued before it)."""
        if self._error is None:
            self._queue.put((sql, params))

    def _run(self) -> None:
        cursor = self._raw.cursor()  # type: ignore[union-attr]
        try:
            while (item := self._queue.get()) is not _DONE:
                if self._error is None:
                    try:
                        cursor.execute(*item)
                    except BaseException as error:  # raised in the caller's thread
                        self._error, self._failed = error, item
        finally:
            cursor.close()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._queue.put(_DONE)
        self._thread.join()
        _writer_stopped()
        if self._error is not None and error is None:
            if isinstance(self._error, self._dbapi_error) and self._failed is not None:
                # the same exception classes as SQLAlchemy raises (IntegrityError, ...)
                sql, params = self._failed
                raise DBAPIError.instance(sql, params, self._error, self._dbapi_error)
            raise self._error
