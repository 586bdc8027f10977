"""The import flow shared by the page and the API: preview (dry run) then commit."""

from __future__ import annotations

from fastapi import Request, UploadFile

from netweave.errors import NetweaveError
from netweave.services.import_batch import BatchResult, Upload, import_uploads
from netweave.web.deps import store_of
from netweave.web.uploads import UploadHold

MAX_FILES = 20


def hold_of(request: Request) -> UploadHold:
    hold = request.app.state.uploads
    assert isinstance(hold, UploadHold)
    return hold


def read_uploads(files: list[UploadFile]) -> list[Upload]:
    chosen = [f for f in files if f.filename]
    if not chosen:
        raise NetweaveError("choose at least one file to import")
    if len(chosen) > MAX_FILES:
        raise NetweaveError(f"at most {MAX_FILES} files at a time")
    return [Upload(f.filename or "upload", f.file.read()) for f in chosen]


def clean_format(format: str | None) -> str | None:
    return (format or "").strip().lower() or None


def preview(request: Request, uploads: list[Upload], format: str | None) -> tuple[str, BatchResult]:
    """Run the import in a rolled-back transaction; hold the files for the commit."""
    with store_of(request).write(dry_run=True) as session:
        result = import_uploads(session, uploads, format)
    return hold_of(request).hold(uploads, format), result


def commit(request: Request, token: str) -> BatchResult:
    """Import the held files for real, then forget them."""
    hold = hold_of(request)
    uploads, format = hold.load(token)
    with store_of(request).write() as session:
        result = import_uploads(session, uploads, format)
    hold.release(token)
    return result
