"""JSON API under /api: each endpoint parses input, calls one service, returns its view."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from netweave.web.api import (
    activity,
    events,
    imports,
    introductions,
    network,
    people,
    plans,
    relationships,
    requests,
    suggestions,
)
from netweave.web.csrf import csrf_protect


class ErrorDetail(BaseModel):
    """Why a request was refused (web/errors.py)."""

    detail: str


# Every endpoint can answer these (web/errors.py, csrf.py, auth.py): the schema says so, so a
# client generated from /openapi.json expects them (found by schemathesis, #11).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorDetail, "description": "Refused: the message says why"},
    401: {"model": ErrorDetail, "description": "A password is set and none was given"},
    403: {"model": ErrorDetail, "description": "Missing or wrong CSRF token, or foreign origin"},
    404: {"model": ErrorDetail, "description": "Not found"},
    409: {"model": ErrorDetail, "description": "Not allowed at this stage"},
    413: {"model": ErrorDetail, "description": "Request body over the upload limit"},
    429: {"model": ErrorDetail, "description": "Too many wrong passwords: wait Retry-After"},
}

router = APIRouter(prefix="/api", dependencies=[Depends(csrf_protect)], responses=ERROR_RESPONSES)
for module in (
    people,
    activity,
    relationships,
    plans,
    imports,
    network,
    suggestions,
    introductions,
    requests,
    events,
):
    router.include_router(module.router)
