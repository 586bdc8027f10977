"""The per-person document index routing reads, built once and cached on disk.

Items are each person's offers and objectives and the notes of interactions with them. Scores
are computed once per distinct text (many people share an offer) and mapped to items. The index
(BM25 weights, vocabulary, idf, the item -> person/kind/text maps and the static vectors) is
saved as one `.npz` under `<data dir>/cache/`, named by a hash of the database URL and
holding a fingerprint of what it depends on:

    the routing token (row 2 of `engine_state`, renewed by triggers on any change to an offer
    or objective, an interaction's note or its participants: migration 0009); the embedder;
    FORMAT

A changed fingerprint rebuilds it; checking costs one row read. Item texts are stored as one
UTF-8 blob with offsets and decoded one by one when a reason quotes them, so loading the
index does not build 40,000 Python strings.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from netweave.db.models import Facet, FacetKind, Interaction, InteractionParticipant
from netweave.engine.expertise import KIND_WEIGHTS, Bm25, Columns
from netweave.engine.text.normalize import normalize_text

FORMAT = "routing-v2"
KINDS = ("offer", "objective", "note")
_SEP = "\x1f"


class PackedTexts(Sequence[str]):
    """Strings kept as one UTF-8 blob and their end offsets; each decoded when asked for."""

    def __init__(self, blob: npt.NDArray[np.uint8], ends: npt.NDArray[np.int64]) -> None:
        self.blob, self.ends = blob, ends

    @classmethod
    def pack(cls, texts: Sequence[str]) -> PackedTexts:
        encoded = [t.encode("utf-8") for t in texts]
        ends = np.cumsum([len(b) for b in encoded], dtype=np.int64)
        return cls(np.frombuffer(b"".join(encoded), np.uint8), ends)

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        start = int(self.ends[i - 1]) if i else 0
        return self.blob[start : int(self.ends[i])].tobytes().decode("utf-8")


@dataclass
class RoutingIndex:
    fingerprint: str
    texts: Sequence[str]  # distinct item texts (canonical form)
    bm25: Bm25
    vectors: npt.NDArray[np.float32] | None  # unit rows per text, or None (lexical only)
    embedder: str | None
    item_person: npt.NDArray[np.int64]  # person id of each item
    item_kind: npt.NDArray[np.int8]  # index into KINDS
    item_text: npt.NDArray[np.int64]  # index into texts
    built: bool = False  # True when this call built it (cold), False when loaded

    @property
    def kind_weights(self) -> npt.NDArray[np.float32]:
        return np.array([KIND_WEIGHTS[k] for k in KINDS], np.float32)[self.item_kind]


def _embedder_name(embedder: Any) -> str:
    return embedder.name if embedder is not None else "lexical"


def fingerprint(session: Session, embedder_name: str) -> str:
    """Hash of the routing token, the embedder and FORMAT (a random one if the token is
    missing, so an index is then never trusted)."""
    token = session.scalar(sql("SELECT token FROM engine_state WHERE id = 2"))
    parts = [FORMAT, embedder_name, str(token) if token else uuid.uuid4().hex]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _items(session: Session) -> tuple[list[int], list[int], list[str]]:
    people: list[int] = []
    kinds: list[int] = []
    texts: list[str] = []
    for pid, kind, text in session.execute(
        select(Facet.person_id, Facet.kind, Facet.text)
        .where(Facet.kind.in_([FacetKind.OFFER.value, FacetKind.OBJECTIVE.value]))
        .order_by(Facet.person_id, Facet.position)
    ):
        people.append(pid)
        kinds.append(KINDS.index(kind))
        texts.append(text)
    for pid, note in session.execute(
        select(InteractionParticipant.person_id, Interaction.note)
        .join(Interaction, Interaction.id == InteractionParticipant.interaction_id)
        .where(Interaction.note.is_not(None))
        .order_by(InteractionParticipant.person_id, Interaction.id)
    ):
        people.append(pid)
        kinds.append(2)
        texts.append(note)
    return people, kinds, texts


def _vectors(
    session: Session, embedder: Any, texts: list[str], progress: Callable[[int], None] | None
) -> npt.NDArray[np.float32] | None:
    if embedder is None or not texts:
        return None
    from netweave.engine.text.cache import embed_with_cache
    from netweave.services.embeddings import embedding_cache

    return embed_with_cache(embedder, texts, embedding_cache(session), progress)


def build(
    session: Session,
    embedder: Any,
    fp: str,
    progress: Callable[[int], None] | None = None,
) -> RoutingIndex:
    """Read every item and build the index (embedding only texts the cache lacks)."""
    people, kinds, raw = _items(session)
    position: dict[str, int] = {}
    item_text = np.fromiter(
        (position.setdefault(normalize_text(t), len(position)) for t in raw),
        dtype=np.int64,
        count=len(raw),
    )
    texts = list(position)
    return RoutingIndex(
        fingerprint=fp,
        texts=texts,
        bm25=Bm25.fit(texts),
        vectors=_vectors(session, embedder, texts, progress),
        embedder=embedder.name if embedder is not None else None,
        item_person=np.asarray(people, np.int64),
        item_kind=np.asarray(kinds, np.int8),
        item_text=item_text,
        built=True,
    )


def cache_path(data_dir: Path, url: str) -> Path:
    key = hashlib.sha256(url.encode()).hexdigest()[:16]
    return data_dir / "cache" / f"routing-{key}.npz"


def save(index: RoutingIndex, path: Path) -> None:
    """Write the index atomically (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    w = index.bm25.weights
    vocab = sorted(index.bm25.vocabulary, key=index.bm25.vocabulary.__getitem__)
    texts = index.texts
    packed = texts if isinstance(texts, PackedTexts) else PackedTexts.pack(texts)
    arrays: dict[str, Any] = {
        "fingerprint": np.array(index.fingerprint),
        "embedder": np.array(index.embedder or ""),
        "texts_blob": packed.blob,
        "texts_ends": packed.ends,
        "vocabulary": np.array(_SEP.join(vocab)),
        "idf": index.bm25.idf,
        "w_data": w.data,
        "w_indices": w.indices,
        "w_indptr": w.indptr,
        "w_shape": np.array(w.shape, np.int64),
        "item_person": index.item_person,
        "item_kind": index.item_kind,
        "item_text": index.item_text,
    }
    if index.vectors is not None:
        arrays["vectors"] = index.vectors
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".routing-", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as out:
            np.savez(out, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path, fp: str) -> RoutingIndex | None:
    """The cached index if it exists and has fingerprint `fp`, else None."""
    if not path.exists():
        return None
    try:
        data = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    with data:
        if str(data["fingerprint"]) != fp:
            return None
        vocab = str(data["vocabulary"]).split(_SEP)
        shape = tuple(int(x) for x in data["w_shape"])
        weights = Columns(data["w_data"], data["w_indices"], data["w_indptr"], (shape[0], shape[1]))
        embedder = str(data["embedder"]) or None
        return RoutingIndex(
            fingerprint=fp,
            texts=PackedTexts(data["texts_blob"], data["texts_ends"]),
            bm25=Bm25({f: i for i, f in enumerate(vocab)}, data["idf"], weights),
            vectors=data["vectors"] if "vectors" in data.files else None,
            embedder=embedder,
            item_person=data["item_person"],
            item_kind=data["item_kind"],
            item_text=data["item_text"],
        )


def choose_embedder(session: Session, lexical_only: bool = False) -> Any:
    """MiniLM when installed and its cache covers every distinct item text (after `netweave
    embed --dense` and a routing run), else WordLlama, else None (lexical only)."""
    from netweave.engine.text.backends import default_embedder
    from netweave.engine.text.dense import MiniLMEmbedder, dense_available

    if lexical_only:
        return None
    if dense_available():
        from netweave.services.embeddings import embedding_cache

        minilm = MiniLMEmbedder()
        cached = embedding_cache(session).count(minilm.name)
        if cached:
            facets = session.scalar(
                select(func.count(func.distinct(Facet.text))).where(
                    Facet.kind.in_([FacetKind.OFFER.value, FacetKind.OBJECTIVE.value])
                )
            )
            notes = session.scalar(select(func.count(func.distinct(Interaction.note))))
            if cached >= int(facets or 0) + int(notes or 0):
                return minilm
    return default_embedder(dense=False)


# The last index opened per cache file, reused while its fingerprint holds: a web server
# routes many requests, and each would otherwise read the .npz again (~100 ms at 30,000).
_OPENED: dict[Path, RoutingIndex] = {}


def _reuse(path: Path, fp: str) -> RoutingIndex | None:
    found = _OPENED.get(path)
    return dataclasses.replace(found, built=False) if found and found.fingerprint == fp else None


def open_index(
    session: Session,
    data_dir: Path,
    url: str,
    *,
    lexical_only: bool = False,
    rebuild: bool = False,
    progress: Callable[[int], None] | None = None,
) -> tuple[RoutingIndex, Any]:
    """The current index (loaded, or built and saved) and the embedder for queries."""
    embedder = choose_embedder(session, lexical_only)
    fp = fingerprint(session, _embedder_name(embedder))
    path = cache_path(data_dir, url)
    index = None if rebuild else (_reuse(path, fp) or load(path, fp))
    if index is None:
        index = build(session, embedder, fp, progress)
        save(index, path)
    _OPENED[path] = index
    return index, embedder
