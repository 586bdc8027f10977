"""The CLI loads only what a command needs: heavy libraries stay out of quick, warm commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Libraries that `route`, `people list` and `--help` must never import (each costs
# 0.1–5 s to load): models, the sparse-matrix stack, the web stack, Dask.
HEAVY = ("torch", "sentence_transformers", "faiss", "scipy", "fastapi", "uvicorn", "dask", "pandas")

PROBE = """
import json, sys
from netweave.cli import main
sys.argv = ["netweave", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def loaded_modules(args: list[str], db: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["--db", str(db), *args])],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "NETWEAVE_TODAY": "2026-11-23", "HOME": str(db.parent)},
    )
    last = done.stdout.rsplit("MODULES ", 1)[1]
    return set(json.loads(last))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("startup") / "nw.db"
    loaded_modules(["demo", "--people", "40"], db)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["people", "list"],
        ["route", "lease negotiation for dental offices"],
        ["who", "patent law"],
    ],
)
def test_quick_commands_leave_heavy_libraries_unloaded(demo_db: Path, args: list[str]) -> None:
    db = demo_db
    loaded_modules(args, db)  # the first route builds the index (that may use scipy) once
    loaded = loaded_modules(args, db)
    assert "netweave" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
