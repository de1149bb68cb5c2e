"""Procedure listings (thủ tục hành chính) that a citizen can act on.

A procedure is an item of kind ``thu-tuc`` (``content/thu-tuc/``): short
fields in its header (code, field, level, agency, time, fees, online-service
level…, see :mod:`.fields`), the long parts as fixed ``##`` sections of its
body (see :mod:`.body`). This plugin

- registers the header fields with the content model and validates them and
  the body, reporting each problem with its file and line (the build fails);
- fills the reform area «Cải cách thủ tục hành chính» when the header has none;
- gives every procedure article a ``procedure`` attribute (:class:`.model.Procedure`)
  and the ``procedures/procedure`` template;
- writes the index by field, the filter pages, posting sheets with QR codes,
  field booklets and the open data (:mod:`.generator`);
- registers ``thu-tuc/`` with the site's sections (``SITEMAP_SECTIONS``).

``python -m plugins.procedures.importer FILE`` (``make import-procedures``)
turns an export of the national database into procedure files.

Settings (defaults in :data:`DEFAULT_SETTINGS`): ``PROCEDURE_PORTAL_URL``
(online-service address, ``{code}``, ``{full_code}`` and ``{name}`` are
replaced), ``PROCEDURE_PORTAL_NAME``, ``PROCEDURE_PUBLIC_SITEURL`` (address for QR codes when ``SITEURL``
is relative), ``PROCEDURES_URL``, ``PROCEDURE_DATA_URL``,
``PROCEDURE_DEFAULT_CATEGORY``.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import SkipStub
from pelican.urlwrappers import Category

from plugins.content_model import add_reading_step, add_validator, before_report, extend_fields, report, take_read_extra
from plugins.content_model.schema import resolve_area

from .body import SCAFFOLD_BODY
from .fields import DEFAULT_CATEGORY, FIELD_MEANINGS, PROCEDURE_FIELDS, SCAFFOLD_CHOICES, check_procedure_header
from .generator import ProcedureGenerator, start_qr_drawing
from .model import parsed_source, procedure_from
from .qr import cancel_started_drawings

KIND = "thu-tuc"
PARSED_SOURCE = "procedure"
TEMPLATE = "procedures/procedure"

DEFAULT_SETTINGS = {
    # The national portal's search, which finds a procedure by its code (the
    # older …dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc= address was retired
    # in 2026). A province may point this at its own portal.
    "PROCEDURE_PORTAL_URL": "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword={code}",
    "PROCEDURE_PORTAL_NAME": "Cổng Dịch vụ công quốc gia",
    "PROCEDURE_PUBLIC_SITEURL": "",
    "PROCEDURES_URL": "thu-tuc/",
    "PROCEDURE_DATA_URL": "thu-tuc/du-lieu/",
    "PROCEDURE_DEFAULT_CATEGORY": DEFAULT_CATEGORY,
}


def configure(pelican) -> None:
    settings = pelican.settings
    for key, value in DEFAULT_SETTINGS.items():
        settings.setdefault(key, value)
    extend_fields(settings, KIND, PROCEDURE_FIELDS)
    add_validator(settings, KIND, check_procedure_header)
    add_reading_step(settings, KIND, PARSED_SOURCE, parsed_source)
    register_section(settings)
    explain_to_scaffold(settings)


def explain_to_scaffold(settings: dict) -> None:
    """What ``make new KIND=thu-tuc`` needs (the editors' workflow reads these settings)."""
    settings.setdefault("CCHC_FIELD_HELP", {}).update({key: FIELD_MEANINGS[key] for key in PROCEDURE_FIELDS if key in FIELD_MEANINGS})
    settings.setdefault("CCHC_FIELD_CHOICES", {}).update(SCAFFOLD_CHOICES)
    settings.setdefault("CCHC_SCAFFOLD_BODY", {})[KIND] = SCAFFOLD_BODY


def register_section(settings: dict) -> None:
    """List the procedure index on the sitemap page, sitemap.xml and the home page (site_sections' setting)."""
    sections = settings.setdefault("SITEMAP_SECTIONS", [])
    url = settings["PROCEDURES_URL"]
    if not any((entry.get("url") if isinstance(entry, dict) else getattr(entry, "url", None)) == url for entry in sections):
        sections.append(
            {
                "url": url,
                "title": "Thủ tục hành chính",
                "description": "Thủ tục hành chính theo lĩnh vực: hồ sơ, thời hạn, phí, lệ phí và nộp trực tuyến.",
                "on_home": True,
                "order": 20,
            }
        )


def default_category(generator, metadata: dict) -> None:
    """A procedure without a reform area belongs to «Cải cách thủ tục hành chính»."""
    if metadata.get("kind") != KIND:
        return
    current = metadata.get("category")
    if current is None or resolve_area(str(current)) is None:
        settings = generator.settings
        metadata["category"] = Category(settings["PROCEDURE_DEFAULT_CATEGORY"], settings)


def attach_procedure(content) -> None:
    """Parse a procedure's body, report its problems, and give it the procedure template."""
    if isinstance(content, SkipStub) or getattr(content, "metadata", {}).get("kind") != KIND:
        return
    # Parsed while the file was read (and cached with the read); parsed here only for an item made otherwise.
    content.procedure = procedure_from(content, content.settings, parsed=take_read_extra(content.source_path, PARSED_SOURCE))
    for line, message in content.procedure.body.findings:
        report(content.source_path, message, line)
    if "template" not in content.metadata:
        content.template = TEMPLATE


def add_generator(pelican) -> type[ProcedureGenerator]:
    return ProcedureGenerator


def register() -> None:
    signals.initialized.connect(configure)
    signals.article_generator_context.connect(default_category)
    signals.content_object_init.connect(attach_procedure)
    signals.get_generators.connect(add_generator)
    signals.get_writer.connect(start_qr_drawing)
    before_report(cancel_started_drawings)
