"""`/import`: upload, a dry-run preview with per-row errors and conflicts, then commit.

The preview holds the files server-side under a random token that is also kept in the
session, so only the browser that previewed can commit them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from netweave.errors import NetweaveError
from netweave.importers.detect import FORMATS
from netweave.web.deps import Form
from netweave.web.forms import text
from netweave.web.importing import clean_format, commit, preview, read_uploads
from netweave.web.pages.common import page_router
from netweave.web.templating import render

router = page_router()
SESSION_KEY = "imports"


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request) -> Response:
    limit = request.app.state.settings.upload_limit_bytes
    return render(request, "import.html", {"formats": FORMATS, "limit_mb": limit / 1024 / 1024})


@router.post("/import/preview", response_class=HTMLResponse)
def import_preview(
    request: Request,
    files: Annotated[list[UploadFile], File()],
    form: Form,
) -> Response:
    uploads = read_uploads(files)
    token, result = preview(request, uploads, clean_format(text(form, "format")))
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-4:], token]
    return render(
        request, "import_preview.html", {"result": result, "token": token, "committed": False}
    )


@router.post("/import/commit", response_class=HTMLResponse)
def import_commit(request: Request, form: Form) -> Response:
    token = text(form, "token")
    held = request.session.get(SESSION_KEY, [])
    if token not in held:
        raise NetweaveError("that import has expired or was already committed; upload again")
    result = commit(request, token)
    request.session[SESSION_KEY] = [t for t in held if t != token]
    return render(
        request, "import_preview.html", {"result": result, "token": None, "committed": True}
    )
