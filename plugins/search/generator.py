"""The generator that writes the search index and the search page, once per build, after every item is read."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from pelican.generators import Generator

from plugins.build_speed.output import note_written, write_if_changed

from .cache import DocumentCache, IndexRecord, intact_files
from .index import SearchIndex

logger = logging.getLogger(__name__)


class SearchGenerator(Generator):
    """Indexes the published items and pages in one pass and writes ``tim-kiem/`` (page and index)."""

    def generate_context(self) -> None:
        """Nothing to add: the index is built from the finished context in ``generate_output``."""

    def generate_output(self, writer) -> None:
        settings = self.settings
        if not settings.get("SEARCH_ENABLED"):
            return
        started = time.perf_counter()
        record, cache = self._index()
        logger.info("Chỉ mục tìm kiếm: %d mục (%d dùng lại từ bộ nhớ đệm), %d tệp%s, %.1f giây",
                    len(cache.kept), cache.reused, len(record.file_names),
                    ", không đổi" if record is cache.index else "", time.perf_counter() - started)
        writer.write_file(
            settings["SEARCH_SAVE_AS"],
            self.get_template("search/tim-kiem"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=settings["SEARCH_URL"],
            search_meta_url=f"{settings['SEARCH_INDEX_PATH'].strip('/')}/{record.meta_name}",
            search_kinds=record.kinds,
            search_areas=record.areas,
        )

    def _index(self) -> tuple[IndexRecord, DocumentCache]:
        """The index of this build: the one already in the output when no item changed, else built and written."""
        settings = self.settings
        wanted = set(settings["SEARCH_KINDS"])
        contents = [content for content in (*self.context.get("articles", []), *self.context.get("pages", []))
                    if getattr(content, "kind", "trang") in wanted]
        cache = DocumentCache.open(settings.get("CACHE_PATH") if settings.get("SEARCH_CACHE") else None, settings)
        documents, weights, key = cache.documents(contents, settings["SEARCH_FIELD_WEIGHTS"])
        folder = Path(self.output_path) / settings["SEARCH_INDEX_PATH"]
        record = cache.index
        if record is not None and record.key == key and intact_files(folder, record.file_names):
            keep_only(folder, set(record.file_names))
        else:
            index = SearchIndex.build(documents, settings["SEARCH_CHUNK_BYTES"], settings["TIMEZONE"],
                                      kind_order=settings["SEARCH_KINDS"], weights=weights)
            write_files(folder, index.files)
            record = IndexRecord(key, tuple(sorted(index.files)), index.meta_name, index.kinds, index.areas)
        cache.save(record)
        return record, cache


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Make ``folder`` hold ``files`` (relative name → bytes) and nothing else; a file already right is kept as it is."""
    keep_only(folder, set(files), note=False)
    for name, data in files.items():
        write_if_changed(str(folder / name), data)


def keep_only(folder: Path, names: set[str], note: bool = True) -> None:
    """Delete every file in ``folder`` not in ``names`` (an older index); count the others as written by this build."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if path.is_dir():
            continue
        name = path.relative_to(folder).as_posix()
        if name not in names:
            path.unlink()
        elif note:
            note_written(os.fspath(path))
