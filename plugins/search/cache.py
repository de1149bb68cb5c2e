"""Search documents cached between builds, so a rebuild indexes only the items that changed.

Making an item's search document (its HTML as plain text) and counting its
words is most of the index's cost: about 2 ms an item, 4 s for 2,000 items on
every build. Each item's document and word weights are kept under a hash of
everything :func:`.documents.document_of` reads from it (address, title,
header fields, summary, the rendered text); an item whose inputs are the same
is not read again. The index files themselves are named by the hash of their
bytes, so when no item changed and each file in the output still has the
bytes its name says, they are kept as they are (``rsync`` sends nothing) and
nothing is assembled.

One cache file per content folder and site address (``make html`` and
``make publish`` keep their own), the last :data:`KEPT_SITES` kept, under
``CACHE_PATH``; written atomically, and ignored when damaged or made by other
code or settings.
"""

from __future__ import annotations

import logging
import pickle
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from plugins.build_speed.fingerprint import digest, folder_code_digest, stable_repr
from plugins.build_speed.stores import modified_time, write_atomically

from .documents import document_of, searched_metadata
from .index import SearchDocument, content_name, word_weights

logger = logging.getLogger(__name__)

Weights = dict[tuple[str, str], int]
KEPT_SITES = 4
_CODE_FOLDERS = (Path(__file__).parent, Path(__file__).parent.parent / "vntext")
# What turns HTML into words besides our code: lxml's parser and Python's Unicode tables.
_LIBRARIES = f"lxml {version('lxml')} unicodedata {unicodedata.unidata_version} python {sys.version_info[:2]}"


@dataclass(frozen=True)
class IndexRecord:
    """The index a set of documents gave: its files' names (hashes of their bytes) and what the search page shows."""

    key: str
    file_names: tuple[str, ...]
    meta_name: str
    kinds: list[list[str]]
    areas: list[list[str]]


@dataclass
class DocumentCache:
    """Documents and word weights by input hash, and the last index, for one site and its search settings."""

    path: Path | None
    version: str
    entries: dict[str, tuple[SearchDocument, Weights]] = field(default_factory=dict)
    index: IndexRecord | None = None
    kept: dict[str, tuple[SearchDocument, Weights]] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def open(cls, cache_path: str | None, settings: Mapping) -> DocumentCache:
        """The cache of this content folder and these search settings (empty when there is none or it is unusable)."""
        version = digest(folder_code_digest(*_CODE_FOLDERS), _LIBRARIES, stable_repr(_settings_key(settings)))
        if not cache_path:
            return cls(None, version)
        site = digest(str(Path(settings["PATH"]).resolve()), str(settings.get("SITEURL", "")))
        path = Path(cache_path) / f"search-{site[:12]}.pickle"
        stored = _load(path)
        if not isinstance(stored, tuple) or len(stored) != 3 or stored[0] != version:
            return cls(path, version)
        return cls(path, version, stored[1], stored[2])

    def documents(self, contents: Iterable, field_weights: Mapping[str, int]) -> tuple[list[SearchDocument], dict[int, Weights], str]:
        """Each item's document, the word weights of each (by ``id`` of the document), and a key of them all."""
        documents: list[SearchDocument] = []
        weights: dict[int, Weights] = {}
        keys = []
        for content in contents:
            key = input_key(content, field_weights)
            entry = self.entries.get(key) or self.kept.get(key)
            if entry is None:
                document = document_of(content, field_weights)
                entry = (document, word_weights(document))
            else:
                self.reused += 1
            self.kept[key] = entry
            documents.append(entry[0])
            weights[id(entry[0])] = entry[1]
            keys.append(key)
        return documents, weights, digest(*keys)

    def save(self, index: IndexRecord) -> None:
        """Keep this build's documents only (the cache follows the content) and its index."""
        if self.path is None or (index == self.index and self.kept.keys() == self.entries.keys()):
            return
        try:
            write_atomically(self.path, pickle.dumps((self.version, self.kept, index), protocol=pickle.HIGHEST_PROTOCOL))
            _forget_old_sites(self.path)
        except OSError as error:  # a cache that cannot be written only makes the next build slower
            logger.warning("search: không ghi được bộ nhớ đệm %s (%s)", self.path, error)


def _forget_old_sites(current: Path) -> None:
    """Keep the caches of the last :data:`KEPT_SITES` sites built here (``make html`` and ``make publish`` are two)."""
    others = sorted((path for path in current.parent.glob("search-*.pickle") if path != current), key=modified_time, reverse=True)
    for old in others[KEPT_SITES - 1:]:
        old.unlink(missing_ok=True)


def input_key(content, field_weights: Mapping[str, int]) -> str:
    """A hash of everything :func:`.documents.document_of` reads from ``content``."""
    metadata = content.metadata
    return digest(
        str(getattr(content, "url", "")),
        str(getattr(content, "title", "")),
        str(getattr(content, "kind", "trang")),
        str(getattr(content, "kind_label", "")),
        str(getattr(content, "area_code", "") or ""),
        stable_repr(getattr(content, "category", None)),
        stable_repr(getattr(content, "tags", None)),
        stable_repr(getattr(content, "date", None)),
        str(getattr(content, "summary", "") or ""),
        stable_repr({key: metadata.get(key) for key in searched_metadata(field_weights)}),
        content.content or "",
    )


def _settings_key(settings: Mapping) -> tuple:
    return (settings.get("SEARCH_FIELD_WEIGHTS"), settings.get("SEARCH_KINDS"), settings.get("SEARCH_CHUNK_BYTES"), settings.get("TIMEZONE"))


def _load(path: Path) -> object:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as error:  # cut short, or written by other code: start again
        logger.debug("search: bỏ qua bộ nhớ đệm %s: %s", path, error)
        return None


def intact_files(folder: Path, names: Iterable[str]) -> bool:
    """Whether every one of ``names`` is in ``folder`` with the bytes its name is the hash of (none edited or cut short)."""
    for name in names:
        try:
            data = (folder / name).read_bytes()
        except OSError:
            return False
        if content_name(data) != name.rsplit("/", 1)[-1].split(".")[-2]:
            return False
    return True
