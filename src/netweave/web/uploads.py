"""Uploads held between an import preview and its commit, keyed by a random token.

The files are written to a private temporary folder (one sub-folder per token, mode 0700)
and forgotten after `TTL_SECONDS` or once committed. Nothing reaches the database before
the commit step.
"""

from __future__ import annotations

import atexit
import json
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from netweave.errors import NetweaveError
from netweave.services.import_batch import Upload

TTL_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class UploadHold:
    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        """Created on first use (mkdtemp makes it private to this user)."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="netweave-uploads-"))
            atexit.register(shutil.rmtree, self._root, ignore_errors=True)
        return self._root

    def _folder(self, token: str) -> Path:
        if not _TOKEN.match(token):
            raise NetweaveError("that import has expired or never existed; upload again")
        return self.root / token

    def hold(self, uploads: list[Upload], format: str | None) -> str:
        self.expire()
        token = secrets.token_urlsafe(24)
        folder = self._folder(token)
        folder.mkdir(mode=0o700)
        names = []
        for i, upload in enumerate(uploads):
            (folder / f"{i}.bin").write_bytes(upload.data)
            names.append(upload.name)
        manifest = {"names": names, "format": format, "at": time.time()}
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        return token

    def load(self, token: str) -> tuple[list[Upload], str | None]:
        folder = self._folder(token)
        manifest_path = folder / "manifest.json"
        if not manifest_path.exists():
            raise NetweaveError("that import has expired or was already committed; upload again")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        uploads = [
            Upload(name, (folder / f"{i}.bin").read_bytes())
            for i, name in enumerate(manifest["names"])
        ]
        return uploads, manifest["format"]

    def release(self, token: str) -> None:
        shutil.rmtree(self._folder(token), ignore_errors=True)

    def expire(self) -> None:
        cutoff = time.time() - TTL_SECONDS
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
