"""schemathesis against `/openapi.json`: no 5xx and no response outside the schema.

The ASGI app runs directly (no socket) on a temporary database holding a small demo
network, with a password so every call carries `Authorization: Bearer` (which is also how
scripts pass the CSRF check). The example budget is small: this runs in `make test`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from netweave.db.migrate import upgrade
from netweave.db.store import Store
from netweave.services.demo import load_demo
from netweave.settings import Settings
from netweave.web.app import create_app

PASSWORD = "reliability-schema"
TODAY = dt.date(2026, 11, 23)
_folder = Path(tempfile.mkdtemp(prefix="reliability_schema_"))
_store = Store(f"sqlite:///{_folder / 'demo.db'}")
upgrade(_store)
with _store.write() as _s:
    load_demo(_s, 40, 7, TODAY)
app = create_app(
    Settings(
        db=str(_folder / "demo.db"),
        data_dir=_folder,  # the routing index is cached here, not in ~/.local
        password=PASSWORD,
        secret_key="s",
        today=TODAY,
    ),
    _store,
)
HEADERS = {"Authorization": f"Bearer {PASSWORD}", "Host": "127.0.0.1"}
schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=HEADERS)


@pytest.fixture(scope="module", autouse=True)
def _dispose() -> object:
    yield None
    _store.dispose()


# "no 5xx and no response outside the schema"; schemathesis's other default checks (which
# inputs must be accepted or refused, Allow headers on 405) are listed in docs/reliability.md.
CONFORMANCE = [
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers=HEADERS,
        checks=[not_a_server_error, *CONFORMANCE],
    )
