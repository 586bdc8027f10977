"""A bulk write's larger SQLite page cache lasts only as long as the write."""

from __future__ import annotations

from netweave.db.page_cache import BULK_CACHE_KIB, larger_page_cache
from netweave.db.store import Store


def test_the_page_cache_grows_for_the_block_and_returns_to_its_size(sqlite_store: Store) -> None:
    with sqlite_store.write() as session:
        connection = session.connection()
        before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        with larger_page_cache(connection):
            inside = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        after = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    assert inside == -BULK_CACHE_KIB != before
    assert after == before
