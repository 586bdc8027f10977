"""Read sessions remember answers; write sessions always ask the database."""

from __future__ import annotations

from netweave.db.store import Store
from netweave.services.me import get_setting, put_setting


def test_a_read_session_asks_the_database_once_per_setting(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        put_setting(session, "colour", "blue")
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    from sqlalchemy import event

    event.listen(sqlite_store.engine, "before_cursor_execute", count)
    try:
        with sqlite_store.read() as session:
            assert [get_setting(session, "colour") for _ in range(5)] == ["blue"] * 5
    finally:
        event.remove(sqlite_store.engine, "before_cursor_execute", count)
    assert sum("app_setting" in s for s in statements) == 1


def test_a_write_session_sees_its_own_changes_at_once(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        put_setting(session, "colour", "blue")
        assert get_setting(session, "colour") == "blue"
        put_setting(session, "colour", "green")
        assert get_setting(session, "colour") == "green"
    with sqlite_store.read() as session:
        assert get_setting(session, "colour") == "green"
        put_setting(session, "colour", "red")  # a read session that writes forgets the old
        assert get_setting(session, "colour") == "red"
    with sqlite_store.read() as session:  # ... and nothing it did was committed
        assert get_setting(session, "colour") == "green"
