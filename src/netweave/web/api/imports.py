"""Imports: a dry run that holds the files, then a commit by token (or of re-posted files)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile

from netweave.errors import NetweaveError
from netweave.services.import_batch import import_uploads
from netweave.web.api.schemas_plans import ImportBatch
from netweave.web.deps import store_of
from netweave.web.importing import clean_format, commit, preview, read_uploads

router = APIRouter(tags=["import"])
FORMAT_HELP = "vcard, linkedin, google, outlook, thunderbird, csv, ics, mbox or eml"


@router.post("/import/dry-run", response_model=ImportBatch)
def import_dry_run(
    request: Request,
    files: Annotated[list[UploadFile], File(description="one or more files")],
    format: Annotated[str | None, Form(description=f"force a format: {FORMAT_HELP}")] = None,
) -> dict[str, Any]:
    """What importing these files would do; nothing is written. Commit with the token."""
    token, result = preview(request, read_uploads(files), clean_format(format))
    return {"dry_run": True, "token": token, **result.as_dict()}


@router.post("/import/commit", response_model=ImportBatch)
def import_commit(
    request: Request,
    token: Annotated[str | None, Form(description="from a dry run")] = None,
    files: Annotated[list[UploadFile] | None, File(description="or post the files again")] = None,
    format: Annotated[str | None, Form()] = None,
) -> dict[str, Any]:
    """Import for real: the files held by a dry run's token, or files posted now."""
    if token:
        result = commit(request, token)
    elif files:
        with store_of(request).write() as session:
            result = import_uploads(session, read_uploads(files), clean_format(format))
    else:
        raise NetweaveError("send the token of a dry run, or the files")
    return {"dry_run": False, "token": None, **result.as_dict()}
