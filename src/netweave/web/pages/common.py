"""What every page router shares: the CSRF check, and no place in the OpenAPI schema."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from netweave.web.csrf import csrf_protect


def page_router() -> APIRouter:
    return APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
