"""Pages never wait for a slow cold engine: they say it is being prepared and ask again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from netweave.web import warmup
from tests.web.conftest import TODAY


@pytest.fixture
def slow_build(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The real background build, held back until the test lets it go."""
    release = threading.Event()
    real = warmup.warm_engine

    def held(*args: Any, **kwargs: Any) -> bool:
        release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(warmup, "warm_engine", held)
    monkeypatch.setattr(warmup, "WAIT_SECONDS", 0.2)
    return release


def test_suggestions_page_says_preparing_then_shows_the_pairs(
    app: FastAPI, client: TestClient, pair: dict[str, int], slow_build: threading.Event
) -> None:
    page = client.get("/suggestions")
    assert page.status_code == 200
    assert "Preparing suggestions" in page.text and 'http-equiv="refresh"' in page.text
    fragment = client.get("/suggestions/top")
    assert fragment.status_code == 202 and "Preparing suggestions" in fragment.text
    slow_build.set()
    app.state.warmer.start(TODAY).join(30)
    page = client.get("/suggestions")
    assert "Preparing" not in page.text
    assert f'href="/people/{pair["dana"]}"' in page.text
    assert client.get("/suggestions/top").status_code == 200


def test_small_networks_render_at_once(client: TestClient, pair: dict[str, int]) -> None:
    page = client.get("/suggestions")
    assert "Preparing" not in page.text
    assert f'href="/people/{pair["dana"]}"' in page.text


def test_the_api_waits_for_the_build(
    app: FastAPI, client: TestClient, pair: dict[str, int], slow_build: threading.Event
) -> None:
    threading.Timer(0.5, slow_build.set).start()
    found = client.get("/api/suggestions").json()
    assert {pair["dana"], pair["lee"]} in [{s["a"]["id"], s["b"]["id"]} for s in found]
