"""Read a built search index back, as search.js does, for tests."""

from __future__ import annotations

import json
from pathlib import Path


class IndexReader:
    """The files under ``tim-kiem/chi-muc/`` of a built site, or a ``SearchIndex``'s ``files``."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files
        meta_name = next(name for name in files if name.startswith("meta."))
        self.meta = json.loads(files[meta_name])

    @classmethod
    def from_folder(cls, folder: Path) -> IndexReader:
        return cls({path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*.json")})

    def chunk_of(self, folded: str) -> dict:
        """The chunk a browser loads for ``folded``: the last one whose first word is not after it (UTF-16 order)."""
        chosen = [name for first, name in self.meta["chunks"] if first.encode("utf-16-be") <= folded.encode("utf-16-be")][-1]
        return json.loads(self.files[f"t/{chosen}.json"])

    def postings(self, folded: str) -> dict[str, list[tuple[int, int]]]:
        """Exact key ("" = the folded word itself) → [(item number, weight)], decoded."""
        decoded = {}
        for variant, flat in self.chunk_of(folded).get(folded, {}).items():
            number, pairs = 0, []
            for position in range(0, len(flat), 2):
                number += flat[position]
                pairs.append((number, flat[position + 1]))
            decoded[variant] = pairs
        return decoded

    def fragment(self, number: int) -> dict:
        size = self.meta["hashLength"]
        name = self.meta["docs"][number * size:(number + 1) * size]
        return json.loads(self.files[f"d/{name}.json"])

    def documents_with(self, folded: str) -> set[int]:
        return {number for pairs in self.postings(folded).values() for number, _ in pairs}
