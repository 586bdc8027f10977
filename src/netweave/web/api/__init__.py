"""JSON API under /api: each endpoint parses input, calls one service, returns its view."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from netweave.web.api import (
    activity,
    imports,
    introductions,
    network,
    people,
    plans,
    relationships,
    suggestions,
)
from netweave.web.csrf import csrf_protect

router = APIRouter(prefix="/api", dependencies=[Depends(csrf_protect)])
for module in (
    people,
    activity,
    relationships,
    plans,
    imports,
    network,
    suggestions,
    introductions,
):
    router.include_router(module.router)
