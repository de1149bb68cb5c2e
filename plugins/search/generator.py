"""The generator that writes the search index and the search page, once per build, after every item is read."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from pelican.generators import Generator

from .documents import search_documents
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
        contents = list(self.context.get("articles", [])) + list(self.context.get("pages", []))
        documents = search_documents(contents, settings["SEARCH_FIELD_WEIGHTS"], settings["SEARCH_KINDS"])
        index = SearchIndex.build(documents, settings["SEARCH_CHUNK_BYTES"], settings["TIMEZONE"],
                                  kind_order=settings["SEARCH_KINDS"])
        folder = Path(self.output_path) / settings["SEARCH_INDEX_PATH"]
        write_files(folder, index.files)
        logger.info("Chỉ mục tìm kiếm: %d mục, %d tệp, %d KB, %.1f giây", len(index.documents), len(index.files),
                    index.total_bytes() // 1024, time.perf_counter() - started)
        writer.write_file(
            settings["SEARCH_SAVE_AS"],
            self.get_template("search/tim-kiem"),
            self.context,
            relative_urls=settings["RELATIVE_URLS"],
            url=settings["SEARCH_URL"],
            search_meta_url=f"{settings['SEARCH_INDEX_PATH'].strip('/')}/{index.meta_name}",
            search_kinds=index.kinds,
            search_areas=index.areas,
        )


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Replace ``folder`` with ``files`` (relative name → bytes), so no file of an older index stays."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
