"""Errors as responses: JSON under /api, a page elsewhere; user errors never a traceback.

Not found is 404, an action the introduction's stage does not allow 409 (the message names
the allowed ones), any other refusal 400.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from netweave.errors import NetweaveError, NotFound
from netweave.services.intro_stages import IllegalTransition
from netweave.web.templating import render


def _respond(request: Request, status: int, detail: object) -> Response:
    if request.url.path.startswith("/api") or not isinstance(detail, str):
        return JSONResponse({"detail": detail}, status_code=status)
    return render(request, "error.html", {"status": status, "message": detail}, status=status)


async def netweave_error(request: Request, exc: Exception) -> Response:
    status = (
        404 if isinstance(exc, NotFound) else 409 if isinstance(exc, IllegalTransition) else 400
    )
    return _respond(request, status, str(exc))


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = _respond(request, exc.status_code, exc.detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
    )
    return _respond(request, 422, f"Some values were not accepted ({problems}).")


async def id_out_of_range(request: Request, exc: Exception) -> Response:
    # An id past 64 bits (`/api/people/9223372036854775808`) cannot name a row: the
    # database driver refuses the parameter, which would otherwise be a 500 (#11).
    return _respond(request, 404, "not found: that id is out of range")


def install(app: FastAPI) -> None:
    app.add_exception_handler(NetweaveError, netweave_error)
    app.add_exception_handler(OverflowError, id_out_of_range)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
