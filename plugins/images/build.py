"""One build's images: each source hashed and probed once, the files the items need, and where each is used.

Items register what they use while they are read (:mod:`.items`); the
generator then asks for :meth:`ImageBuild.jobs`, the sources with files not
yet in the cache, and reports a failed source at every place that uses it.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from plugins.content_model import report
from plugins.vntext.text import vn_slugify

from .processing import Job
from .references import Located, item_folder, locate
from .renditions import Params, Plan, Rendition, cache_key, file_digest
from .sources import ImageProblem, probe

DEFAULTS = {
    "IMAGE_WIDTHS": (480, 960, 1600),
    "IMAGE_MAX_PIXELS": 50_000_000,
    "IMAGE_JPEG_QUALITY": 80,
    "IMAGE_WEBP_QUALITY": 75,
    "IMAGE_THUMBNAIL_SIZE": (128, 96),
    "IMAGE_OG_SIZE": (1200, 630),
    "IMAGE_OUTPUT_DIR": "anh",
    "IMAGE_SOURCE_DIRS": ["images"],
    "IMAGE_PUBLISH_ORIGINALS": False,
    "IMAGE_CACHE_PATH": None,
    "IMAGE_WORKERS": None,
    # Added to the workers' nice value: they take the processor time the build's own process leaves.
    "IMAGE_NICENESS": 10,
    # The text column is 42rem wide (theme: --measure) inside 1rem of page margin.
    "IMAGE_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    "IMAGE_DEFAULT_EMBLEM": None,
    "IMAGE_FONT": None,
}


def file_stem(path: Path) -> str:
    """The source's name as an address part: "Ảnh Hội nghị (1).JPG" → "anh-hoi-nghi-1"."""
    return vn_slugify(path.stem)[:40].strip("-") or "anh"


def params_from(settings: dict) -> Params:
    return Params(
        widths=tuple(sorted(int(width) for width in settings["IMAGE_WIDTHS"])),
        thumbnail=tuple(settings["IMAGE_THUMBNAIL_SIZE"]),
        og=tuple(settings["IMAGE_OG_SIZE"]),
        jpeg_quality=int(settings["IMAGE_JPEG_QUALITY"]),
        webp_quality=int(settings["IMAGE_WEBP_QUALITY"]),
        max_pixels=int(settings["IMAGE_MAX_PIXELS"]),
    )


def cache_folder(settings: dict) -> Path:
    """``IMAGE_CACHE_PATH``, else ``images/`` in Pelican's ``CACHE_PATH`` (``cache/``, git-ignored)."""
    configured = settings.get("IMAGE_CACHE_PATH")
    return Path(configured) if configured else Path(settings["CACHE_PATH"]) / "images"


@dataclass(frozen=True)
class Use:
    """A place that shows a source: the item's Markdown file, the line, and the address as written there."""

    item: str
    line: int | None
    shown: str


class ImageBuild:
    """What this build publishes from each source image."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.params = params_from(settings)
        self.cache_dir = cache_folder(settings)
        self.content_root = Path(settings["PATH"])
        self.folder = settings["IMAGE_OUTPUT_DIR"].strip("/")
        self.base_url = f"{settings.get('SITEURL', '')}/{self.folder}"
        self._plans: dict[Path, Plan | ImageProblem] = {}
        self._needed: dict[str, dict[str, Rendition]] = defaultdict(dict)
        self._shown: dict[str, str] = {}
        self.uses: dict[str, dict[Use, None]] = defaultdict(dict)  # ordered sets: one logo may serve 10,000 items
        self.left_as_written: set[str] = set()  # images without a description, for the post-build checks
        self.default = None  # set by the generator: the site's default card and thumbnail
        self._located: dict[tuple[str, str, bool], Located] = {}
        self.shown_markup: dict[tuple, object] = {}  # items.py: a picture's markup, made once per description

    def locate(self, address: str, source_path: str, header: bool = False) -> Located:
        """:func:`.references.locate` for an item at ``source_path``, once per address and folder in a build.

        Thousands of items name the same few photos (a unit's logo, a campaign
        banner), and resolving a path asks the file system about every folder
        on its way.
        """
        folder = os.path.dirname(source_path)
        key = (address, folder, header)
        found = self._located.get(key)
        if found is None:
            found = self._located[key] = locate(address, item_folder(source_path), self.content_root, header=header)
        return found

    def plan(self, path: Path, shown: str) -> Plan:
        """The plan of the source at ``path``, hashed and probed on first use; raise :class:`ImageProblem`."""
        if path not in self._plans:
            self._plans[path] = self._new_plan(path, shown)
        found = self._plans[path]
        if isinstance(found, ImageProblem):
            raise found
        return found

    def _new_plan(self, path: Path, shown: str) -> Plan | ImageProblem:
        try:
            header = probe(str(path), shown, self.params.max_pixels)
        except ImageProblem as problem:
            return problem
        key = cache_key(file_digest(str(path)), self.params)
        return Plan(str(path), key, header.width, header.height, header.graphic, self.params, stem=file_stem(path))

    def need(self, plan: Plan, renditions: list[Rendition], use: Use) -> None:
        """Publish ``renditions`` of ``plan``'s source, shown at ``use``."""
        for rendition in renditions:
            self._needed[plan.source][rendition.name] = rendition
        self._shown.setdefault(plan.source, use.shown)
        self.uses[plan.source][use] = None

    def sources(self) -> list[str]:
        return sorted(self._needed)

    def renditions(self) -> list[Rendition]:
        """Every file the site publishes, in a stable order."""
        return sorted((r for needed in self._needed.values() for r in needed.values()), key=lambda r: r.name)

    def cached(self, rendition: Rendition) -> Path:
        return self.cache_dir / rendition.name

    def jobs(self) -> list[Job]:
        """One job per source that has a file missing from the cache, largest sources first (they take longest)."""
        jobs = []
        for source in sorted(self._needed, key=lambda s: (-os.path.getsize(s), s)):
            missing = tuple(r for r in self._needed[source].values() if not self.cached(r).is_file())
            if missing:
                graphic = self._plans[Path(source)].graphic
                jobs.append(Job(source, self._shown[source], graphic, missing, str(self.cache_dir), self.params))
        return jobs

    def report_failure(self, source: str, message: str) -> None:
        """Report a source that could not be processed at every place that uses it."""
        for use in self.uses.get(source, {}):
            report(use.item, message, use.line)
