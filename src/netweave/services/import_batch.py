"""Import several uploaded files in one transaction, reporting per file.

The caller owns the transaction: `Store.write(dry_run=True)` for a preview (everything runs,
then rolls back), `Store.write()` to commit. A file that cannot be parsed at all is reported
as an error for that file and the others still import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from netweave.errors import NetweaveError
from netweave.importers.detect import parse_bytes
from netweave.importers.records import Rejection
from netweave.services.imports import Conflict, ImportSummary, import_parsed


@dataclass
class Upload:
    name: str
    data: bytes


@dataclass
class FileResult:
    name: str
    format: str | None
    records: int
    summary: ImportSummary | None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": self.format,
            "records": self.records,
            "error": self.error,
            "summary": self.summary.as_json() if self.summary else None,
        }


@dataclass
class BatchResult:
    files: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return any(f.summary is not None for f in self.files)

    def totals(self) -> dict[str, int]:
        keys = ("added", "updated", "unchanged", "interactions", "acquaintances")
        out = {k: sum(getattr(f.summary, k) for f in self.files if f.summary) for k in keys}
        for key in ("rejected", "conflicts", "skipped"):
            out[key] = sum(len(getattr(f.summary, key)) for f in self.files if f.summary)
        out["errors"] = sum(1 for f in self.files if f.error)
        return out

    def not_imported(self) -> list[tuple[str, Rejection]]:
        """Every rejected or skipped row of every file, as (kind, row)."""
        rows: list[tuple[str, Rejection]] = []
        for f in self.files:
            if f.summary:
                rows += [("rejected", r) for r in f.summary.rejected]
                rows += [("skipped", r) for r in f.summary.skipped]
        return rows

    def conflicts(self) -> list[Conflict]:
        return [c for f in self.files if f.summary for c in f.summary.conflicts]

    def as_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "files": [f.as_dict() for f in self.files]}


def import_uploads(
    session: Session, uploads: list[Upload], format: str | None = None
) -> BatchResult:
    """Parse and merge each upload in turn, within the caller's transaction."""
    if not uploads:
        raise NetweaveError("choose at least one file to import")
    result = BatchResult()
    for upload in uploads:
        try:
            parsed = parse_bytes(upload.data, upload.name, format)
        except NetweaveError as exc:
            result.files.append(FileResult(upload.name, None, 0, None, str(exc)))
            continue
        summary = import_parsed(session, parsed, file=upload.name)
        result.files.append(FileResult(upload.name, parsed.format, len(parsed.people), summary))
    return result
