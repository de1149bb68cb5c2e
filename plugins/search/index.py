"""The static search index: what is written under ``tim-kiem/chi-muc/`` and read by ``search.js``.

Files (every name but the page's own carries a hash of its bytes, so a
browser or the deploy's ``rsync --link-dest`` keeps what did not change):

- ``meta.<hash>.json``: the number of items, the kinds and reform areas with
  their labels, each item's kind and area (for the filters), each item's
  fragment name, and the first word of every term chunk;
- ``t/<hash>.json``: term chunks, the index proper. Words sorted by their
  folded key, cut into chunks of about ``SEARCH_CHUNK_BYTES``; each word
  maps its exact keys ("" when the word has no diacritics) to a flat list of
  (item number delta, weight) pairs. A query loads only the chunks of its words;
- ``d/<hash>.json``: one fragment per item, loaded only when the item is shown
  in the results: address, title, kind, date, area, and for the excerpt its
  text, summary and the other searched fields ("facts": tags, honoree…).

Items are numbered newest first, so equal scores list the newest first.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from plugins.vntext.text import iso_datetime, short_date, vn_sort_key

from .text import word_counts, word_keys

FORMAT_VERSION = 1
HASH_LENGTH = 10
# A word counts at most this many times per field: a long text repeating a word must not drown a title.
MAX_COUNT_PER_FIELD = 10
MAX_WEIGHT = 255
TITLE_WEIGHT = 10
BODY_WEIGHT = 1


@dataclass(frozen=True)
class SearchDocument:
    """One item as the index sees it: what is shown in a result, and the weighted texts that are searched."""

    url: str
    title: str
    kind: str
    kind_label: str
    area: str
    area_label: str
    date: datetime | None
    summary: str
    text: str
    fields: tuple[tuple[str, int], ...] = ()
    code: str = ""

    def weighted_texts(self) -> Iterable[tuple[str, int]]:
        yield self.title, TITLE_WEIGHT
        yield from self.fields
        yield self.text, BODY_WEIGHT


def word_weights(document: SearchDocument) -> dict[tuple[str, str], int]:
    """(folded key, exact key) → weight of that word in the item: title counts most, then fields, then text."""
    weights: Counter[tuple[str, str]] = Counter()
    for text, weight in document.weighted_texts():
        for word, count in word_counts(text).items():
            weights[word_keys(word)] += weight * min(count, MAX_COUNT_PER_FIELD)
    return {key: min(value, MAX_WEIGHT) for key, value in weights.items()}


def newest_first(documents: Iterable[SearchDocument]) -> list[SearchDocument]:
    """Dated items newest first, then undated pages in Vietnamese order of title."""
    dated = sorted((d for d in documents if d.date is not None), key=lambda d: d.date, reverse=True)
    undated = sorted((d for d in documents if d.date is None), key=lambda d: vn_sort_key(d.title))
    return dated + undated


def content_name(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def compact_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def utf16_order(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units), which the browser's lookup uses."""
    return term.encode("utf-16-be")


@dataclass
class SearchIndex:
    """The index files of a set of items, built in one pass over them."""

    documents: list[SearchDocument]
    chunk_bytes: int
    timezone: str
    kind_order: tuple[str, ...] = ()
    weights: Mapping[int, dict[tuple[str, str], int]] = field(default_factory=dict)  # by id of a document, when known
    files: dict[str, bytes] = field(default_factory=dict)
    meta_name: str = ""
    kinds: list[list[str]] = field(default_factory=list)
    areas: list[list[str]] = field(default_factory=list)

    @classmethod
    def build(cls, documents: Iterable[SearchDocument], chunk_bytes: int, timezone: str,
              kind_order: Iterable[str] = (), weights: Mapping[int, dict[tuple[str, str], int]] | None = None) -> SearchIndex:
        """Index ``documents``; kinds are listed for the filter in ``kind_order``, unknown kinds last.

        ``weights``: the word weights of some documents, by ``id`` of the document, already counted (see :mod:`.cache`).
        """
        index = cls(newest_first(documents), chunk_bytes, timezone, tuple(kind_order), weights or {})
        index._write_all()
        return index

    def _write_all(self) -> None:
        fragment_names = [self._add_file("d/{}.json", compact_json(self._fragment(doc))) for doc in self.documents]
        chunk_firsts = [[first, self._add_file("t/{}.json", data)] for first, data in self._term_chunks()]
        self.kinds = kinds = sorted(_ordered_unique((d.kind, d.kind_label) for d in self.documents),
                                    key=self._kind_rank)
        self.areas = areas = sorted(_ordered_unique((d.area, d.area_label) for d in self.documents if d.area),
                       key=lambda pair: vn_sort_key(pair[1]))
        kind_numbers = {kind: number for number, (kind, _) in enumerate(kinds)}
        area_numbers = {area: number for number, (area, _) in enumerate(areas)}
        meta = {
            "version": FORMAT_VERSION,
            "count": len(self.documents),
            "kinds": kinds,
            "areas": areas,
            "docKinds": [kind_numbers[d.kind] for d in self.documents],
            "docAreas": [area_numbers.get(d.area, -1) for d in self.documents],
            "hashLength": HASH_LENGTH,
            "docs": "".join(fragment_names),
            "chunks": chunk_firsts,
        }
        self.meta_name = self._add_file("meta.{}.json", compact_json(meta))

    def _kind_rank(self, pair: list[str]) -> tuple[int, str]:
        kind = pair[0]
        return (self.kind_order.index(kind) if kind in self.kind_order else len(self.kind_order), kind)

    def _add_file(self, pattern: str, data: bytes) -> str:
        name = content_name(data)
        self.files[pattern.format(name)] = data
        return name if pattern.startswith(("d/", "t/")) else pattern.format(name)

    def _fragment(self, doc: SearchDocument) -> dict:
        fragment = {"url": doc.url, "title": doc.title, "kind": doc.kind, "kindLabel": doc.kind_label,
                    "area": doc.area_label, "summary": doc.summary, "text": doc.text}
        if doc.date is not None:
            fragment["date"] = short_date(doc.date, self.timezone)
            fragment["iso"] = iso_datetime(doc.date, self.timezone)
        if doc.code:
            fragment["code"] = doc.code
        facts = [text for text, _ in doc.fields if text not in (doc.summary, doc.code)]
        if facts:
            fragment["facts"] = " · ".join(facts)
        return fragment

    def _postings(self) -> dict[str, dict[str, array]]:
        """folded key → exact key → flat (item number, weight) pairs, item numbers ascending."""
        postings: dict[str, dict[str, array]] = defaultdict(lambda: defaultdict(lambda: array("I")))
        for number, doc in enumerate(self.documents):
            known = self.weights.get(id(doc))
            for (folded, exact), weight in (word_weights(doc) if known is None else known).items():
                postings[folded]["" if exact == folded else exact].extend((number, weight))
        return postings

    def _term_chunks(self) -> Iterable[tuple[str, bytes]]:
        """(first word, JSON bytes) of each chunk of about ``chunk_bytes``, words in UTF-16 order."""
        postings = self._postings()
        chunk: list[bytes] = []
        size, first = 0, ""
        for term in sorted(postings, key=utf16_order):
            entry = compact_json(term) + b":" + compact_json(
                {variant: delta_encoded(pairs) for variant, pairs in sorted(postings[term].items())})
            if chunk and size + len(entry) > self.chunk_bytes:
                yield first, b"{" + b",".join(chunk) + b"}"
                chunk, size = [], 0
            if not chunk:
                first = term
            chunk.append(entry)
            size += len(entry) + 1
        if chunk:
            yield first, b"{" + b",".join(chunk) + b"}"

    def total_bytes(self) -> int:
        return sum(len(data) for data in self.files.values())


def delta_encoded(pairs: array) -> list[int]:
    """[n0, w0, n1, w1, …] → [n0, w0, n1 - n0, w1, …]: small numbers, short JSON."""
    encoded = list(pairs)
    for position in range(len(encoded) - 2, 1, -2):
        encoded[position] -= encoded[position - 2]
    return encoded


def _ordered_unique(pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    seen: dict[str, str] = {}
    for key, label in pairs:
        seen.setdefault(key, label)
    return [[key, label] for key, label in seen.items()]
