"""The pages and files of the procedure listing, written after every item is read.

- ``thu-tuc/``: the index grouped by field, with counts;
- ``thu-tuc/cap-xa/``, ``thu-tuc/toan-trinh/`` …: pre-built filter pages;
- ``thu-tuc/linh-vuc/<field>/``: the booklet of a field (every procedure in full, for printing);
- ``thu-tuc/<slug>/niem-yet/``: the A4 posting sheet of each procedure, with its QR code;
- ``thu-tuc/du-lieu/``: the open-data page, ``thu-tuc.json`` and ``thu-tuc.csv``.

The detail page of a procedure is the article itself, written by Pelican with
the ``procedures/procedure`` template.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from pelican.generators import Generator

from plugins.build_speed.fingerprint import digest, folder_code_digest
from plugins.build_speed.output import write_if_changed
from plugins.build_speed.pool import worker_count
from plugins.build_speed.stores import KeptFiles
from plugins.content_model import report

from .catalogue import RESERVED_SLUGS, Catalogue, build_catalogue
from .model import Procedure
from .opendata import COLUMNS, record_of, records_csv, records_json
from .qr import QrCache

CONTEXT_KEY = "procedure_catalogue"
QR_CACHE_FILE = "procedures-qr.json"
# The open-data files the last build wrote, with the hash of their records (build_speed's KeptFiles).
OPEN_DATA_RECORD = "procedures-open-data.pickle"


def qr_cache_path(settings: dict) -> Path | None:
    folder = settings.get("CACHE_PATH")
    return Path(folder) / QR_CACHE_FILE if folder else None


def start_qr_drawing(pelican) -> None:
    """``get_writer``: the build is about to write, so the QR codes its posting sheets need can start.

    Not earlier: ``make check`` and the quota report read the content without
    writing anything, and drawings started for them would be thrown away.
    """
    generator, ProcedureGenerator.reading = ProcedureGenerator.reading, None
    if generator is not None:
        generator.start_qr_drawing()


def site_procedures(articles) -> list[Procedure]:
    return [article.procedure for article in articles if getattr(article, "procedure", None) is not None]


def report_shared_codes(procedures: list[Procedure]) -> None:
    """Two files describing the same national procedure (same code without local suffix)."""
    by_code: dict[str, list[Procedure]] = defaultdict(list)
    for procedure in procedures:
        if procedure.code.base:
            by_code[procedure.code.base].append(procedure)
    for code, owners in by_code.items():
        if len(owners) < 2:
            continue
        paths = sorted(owner.article.source_path for owner in owners)
        for path in paths:
            others = ", ".join(os.path.basename(other) for other in paths if other != path)
            line = next(owner.code_line for owner in owners if owner.article.source_path == path)
            report(path, f"mã thủ tục {code} đã được dùng ở tệp {others}: mỗi thủ tục chỉ viết trong một tệp. Gộp hai tệp hoặc sửa mã.", line)


def report_reserved_slugs(procedures: list[Procedure]) -> None:
    for procedure in procedures:
        if procedure.slug in RESERVED_SLUGS:
            report(
                procedure.article.source_path,
                f"địa chỉ «thu-tuc/{procedure.slug}/» trùng với một trang danh sách thủ tục: thêm dòng «Slug: …» khác (ví dụ «Slug: {procedure.slug}-{procedure.code.base.replace('.', '-')}»).",
            )


class ProcedureGenerator(Generator):
    """Builds the catalogue from the published procedures and writes its pages and data files."""

    reading: ProcedureGenerator | None = None  # the generator whose catalogue was made last, until its QR codes start

    def generate_context(self) -> None:
        procedures = site_procedures(self.context.get("articles", []))
        report_shared_codes(procedures)
        report_reserved_slugs(procedures)
        self.catalogue = build_catalogue(procedures, self.settings["PROCEDURES_URL"])
        self.context[CONTEXT_KEY] = self.catalogue
        self.qr_cache = QrCache(qr_cache_path(self.settings))
        for procedure in procedures:
            procedure.qr_cache = self.qr_cache
        ProcedureGenerator.reading = self  # start_qr_drawing begins its QR codes if this build writes pages

    def generate_output(self, writer) -> None:
        catalogue: Catalogue = self.catalogue
        self._draw_qr_codes(catalogue)
        self._write_listings(writer, catalogue)
        for group in catalogue.fields:
            self._write(writer, group.save_as, "procedures/booklet", group.url, field_group=group)
        for procedure in catalogue.procedures:
            self._write(writer, procedure.sheet_save_as, "procedures/sheet", procedure.sheet_url, procedure=procedure)
        self._write_open_data(writer, catalogue)

    def _draw_qr_codes(self, catalogue: Catalogue) -> None:
        """Every QR code drawn here, before any page is rendered: a writer that renders pages in
        other processes (plugins.build_speed) would otherwise draw them there, out of the cache's reach."""
        self.qr_cache.fill((procedure.public_url for procedure in catalogue.procedures), self._qr_workers())
        for procedure in catalogue.procedures:
            procedure.qr_svg  # noqa: B018 - fills the cached property
        self.qr_cache.save({procedure.public_url for procedure in catalogue.procedures})

    def start_qr_drawing(self) -> None:
        """Begin drawing the missing QR codes in other processes (collected in ``generate_output``)."""
        self.qr_cache.start((procedure.public_url for procedure in self.catalogue.procedures), self._qr_workers())

    def _qr_workers(self) -> int:
        """As many processes as the build's other pools (``BUILD_SPEED_WORKERS``; 1 = none)."""
        return worker_count(self.settings.get("BUILD_SPEED_WORKERS"))

    def _write_listings(self, writer, catalogue: Catalogue) -> None:
        self._write(
            writer, f"{catalogue.index_url}index.html", "procedures/index", catalogue.index_url,
            field_groups=catalogue.fields, active_filter=None,
        )
        for active in catalogue.filters:
            self._write(
                writer, active.save_as, "procedures/index", active.url,
                field_groups=catalogue.field_groups_of(catalogue.members.get(active.slug, [])), active_filter=active,
            )

    def _write_open_data(self, writer, catalogue: Catalogue) -> None:
        data_url = self.settings["PROCEDURE_DATA_URL"]
        timezone = self.settings.get("TIMEZONE", "Asia/Ho_Chi_Minh")
        records = [record_of(procedure, timezone) for procedure in catalogue.procedures]
        folder = os.path.abspath(os.path.join(self.output_path, data_url))
        # The records are texts and lists of texts: their repr says all they hold, and costs far less than the JSON and CSV.
        key = digest(repr(records), folder_code_digest(Path(__file__).parent))
        files = KeptFiles(self.settings.get("CACHE_PATH"), OPEN_DATA_RECORD)
        for name, make in (
            ("thu-tuc.json", lambda: records_json(records).encode("utf-8")),
            ("thu-tuc.csv", lambda: records_csv(records).encode("utf-8-sig")),
        ):
            path = os.path.join(folder, name)
            if not files.current(path, key):
                # Left as they are when unchanged (same file, same time: rsync sends nothing), like the feeds.
                write_if_changed(path, make())
                files.made(path, key)
        files.save()
        self._write(writer, f"{data_url}index.html", "procedures/data", data_url, data_columns=COLUMNS, data_url=data_url)

    def _write(self, writer, save_as: str, template: str, url: str, **variables) -> None:
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=url,
            catalogue=self.catalogue,
            **variables,
        )
