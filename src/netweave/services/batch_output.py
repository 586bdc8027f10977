"""Where `batch suggest` puts its answers: the `batch_suggestion` table, or a Parquet file.

Parquet is written with pyarrow (part of the `batch` extra), atomically: a temp file in the
same folder, then a rename, so a reader never sees half a file.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import tempfile
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from netweave.db.models import utcnow
from netweave.db.models_batch import BatchSuggestion
from netweave.errors import NetweaveError
from netweave.services.batch import BatchSuggestions
from netweave.services.batch_exec import INSTALL_HINT

_CHUNK = 5_000


def write_table(session: Session, found: BatchSuggestions) -> int:
    """Replace every row of `batch_suggestion` with `found` (in the caller's transaction)."""
    session.execute(delete(BatchSuggestion))
    now = utcnow()
    cols = found.columns()
    total = len(found.person_id)
    for start in range(0, total, _CHUNK):
        stop = min(total, start + _CHUNK)
        rows = [
            {
                "person_id": int(cols["person_id"][r]),
                "rank": int(cols["rank"][r]),
                "other_id": int(cols["other_id"][r]),
                "score": float(cols["score"][r]),
                "engine_key": found.engine_key,
                "computed_at": now,
            }
            for r in range(start, stop)
        ]
        session.execute(insert(BatchSuggestion), rows)
    return total


def check_out(path: Path) -> None:
    """Fail before any work if `path` cannot take the Parquet output."""
    if path.suffix.lower() != ".parquet":
        raise NetweaveError(f"--out must name a .parquet file, not {path.name}")
    if not path.parent.is_dir():
        raise NetweaveError(f"no such folder: {path.parent}")
    if importlib.util.find_spec("pyarrow") is None:
        raise NetweaveError(f"Parquet output needs pyarrow: {INSTALL_HINT}")


def write_parquet(path: Path, found: BatchSuggestions) -> int:
    """Write `found` as a Parquet file (columns person_id, rank, other_id, score)."""
    check_out(path)
    pa = importlib.import_module("pyarrow")
    pq = importlib.import_module("pyarrow.parquet")
    table = pa.table(dict(found.columns()))
    table = table.replace_schema_metadata({"netweave_engine_key": found.engine_key})
    folder = path.parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(found.person_id)
