"""Build speed: the same site, built on every core and without redoing what did not change.

A department's or a district's site gathers thousands of items; editors
should not wait on the build, and a province may build hundreds of sites.
This plugin changes how the work is done, never what is written: the output
is byte for byte the output of a serial build without it (a test checks).

- **Reading** (:mod:`.reading`): when Pelican creates its article and page
  generators, every source file is hashed; files not in the read cache are
  converted by the content model's strict reader in forked processes, one per
  core; results reach the reader through ``CCHC_READ_RESULTS``.
- **Rendering** (:mod:`.rendering`): the writer queues every page; once every
  generator has queued its pages, they are rendered in forked processes, then
  reported and signalled in their original order.
- **Caches** keyed by content hashes, under ``BUILD_SPEED_CACHE_PATH``: read
  results by file (with the code, settings and other content files), and
  rendered pages by address, reused while the site's fingerprint is the same
  and every item whose text the page read is unchanged (:mod:`.fingerprint`).
  A warm build without changes renders nothing; after one item's text changed,
  only the pages that show its text are rendered again. A change to any item's
  header (title, date, area, tags…), to the code, the settings, the theme,
  a picture or a recording, or a new day re-renders every page (reading stays
  cached).
- **Listings** (:mod:`.taxonomies`): categories, tags and authors are filed
  into lists with a constant-time ``in``, so Pelican's listing pages cost one
  pass over the articles each instead of one per article.
- Jinja does not check template files for changes while a build runs, and
  keeps compiled templates.
- **Output** (:mod:`.output`): the output folder is not emptied before the
  build; a page that is already there with the right bytes is left as it is
  (same file, same modification time, so ``rsync`` sends nothing), and what
  this build did not write is deleted when every writer is done.

- **The end** (:mod:`.quick_exit`): the ``pelican`` command ends as soon as
  its build has succeeded, without deallocating the build's objects.

Settings (defaults in :data:`DEFAULT_SETTINGS`): ``BUILD_SPEED_WORKERS``
(processes; ``None`` = one per core, ``1`` = serial), ``BUILD_SPEED_CACHE``
(``False`` = no cache: every build is cold), ``BUILD_SPEED_CACHE_PATH``
(default ``<CACHE_PATH>/build-speed``). Keep this plugin after the plugins
that write pages and before ``plugins.site_checks`` in ``PLUGINS``: its
generator renders the queued pages once the generators before it have
queued theirs.
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from types import SimpleNamespace

from jinja2 import FileSystemBytecodeCache
from pelican import contents, signals, urlwrappers
from pelican.contents import Content
from pelican.generators import Generator

from plugins.content_model import READ_ONLY, build_now
from plugins.vntext.text import in_site_timezone

from . import collector, quick_exit
from .filters import install as install_filters
from .fingerprint import (
    Fingerprint,
    digest,
    environment_parts,
    item_view,
    settings_parts,
    stable_repr,
    static_fingerprint,
)
from .output import collect_first_walk, forget_last_build, note_written, walk_in_background
from .output import install as install_output_sweep
from .output import sweep as sweep_output
from .pool import worker_count
from .reading import READ_RESULTS, StreamedResults, plan_reading, preread, relative_to
from .rendering import ParallelWriter, RenderSession
from .stores import PageStore, ReadCache
from .taxonomies import index_taxonomies

__all__ = ["ParallelWriter", "register"]

logger = logging.getLogger(__name__)

DEFAULT_SETTINGS = {
    "BUILD_SPEED_WORKERS": None,
    "BUILD_SPEED_CACHE": True,
    "BUILD_SPEED_CACHE_PATH": None,
    "BUILD_SPEED_QUICK_EXIT": True,
}
# Settings that change how the site is built, not what it contains.
UNCOUNTED_SETTINGS = ("BUILD_SPEED_", READ_RESULTS, READ_ONLY, "CCHC_NOW", "DEBUG", "OUTPUT_PATH")
PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT_LISTS = (
    "articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations",
    "pages", "hidden_pages", "draft_pages", "draft_translations",
)


class _Build:
    """This build's state (a devserver runs many builds in one process)."""

    settings: dict | None = None
    salt: str | None = None
    variant: str = ""
    environment: dict[str, str] = {}
    read_cache: ReadCache | None = None
    text_hashes: dict[str, str] = {}
    generators: list = []
    writer: ParallelWriter | None = None

    @classmethod
    def reset(cls, settings: dict | None) -> None:
        cls.settings, cls.salt, cls.read_cache, cls.writer = settings, None, None, None
        cls.environment = {}
        cls.text_hashes, cls.generators = {}, []


def cache_folder(settings: dict) -> Path | None:
    if not settings.get("BUILD_SPEED_CACHE"):
        return None
    configured = settings.get("BUILD_SPEED_CACHE_PATH") or os.path.join(settings.get("CACHE_PATH") or "cache", "build-speed")
    return Path(configured)


def configure(pelican) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(key, value)
    pelican.settings[READ_RESULTS] = StreamedResults()
    _Build.reset(pelican.settings)
    forget_last_build()  # a build that skips clean_output_dir (DELETE_OUTPUT_DIRECTORY = False) must not use the last one's
    walk_in_background(worker_count(pelican.settings.get("BUILD_SPEED_WORKERS")) > 1)
    collector.pause()


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk, keyed also by the environment's options (which change the compiled code)."""

    def __init__(self, directory: str, options: str):
        super().__init__(directory)
        self.options = options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return digest(self.options, name, filename or "")


def prepare_templates(generator) -> None:
    """Templates do not change during a build: no check of each file's time per render; compiled ones are kept.

    Hot pure filters are replaced by ones that remember their results (:mod:`.filters`).
    """
    generator.env.auto_reload = False
    install_filters(generator.env)
    folder = cache_folder(generator.settings)
    if folder is not None:
        (folder / "templates").mkdir(parents=True, exist_ok=True)
        options = stable_repr(generator.settings.get("JINJA_ENVIRONMENT", {}))
        generator.env.bytecode_cache = TemplateCache(str(folder / "templates"), options)


def _no_stamp(filename: str) -> str:
    return ""


def skip_unused_file_stamps(generator) -> None:
    """No modification time of each source for Pelican's content caches when they keep nothing (``CACHE_CONTENT = False``).

    Pelican looks up every file's time four times (the generator's and the
    readers' caches, before and after reading) even when caching is off, only
    to find no entry; at 10,000 items that is 40,000 system calls.
    """
    for cacher in (generator, generator.readers):
        if not cacher._cache_data_policy and not cacher._cache:
            cacher._filestamp_func = _no_stamp


def _salt(settings: dict) -> str:
    if _Build.salt is None:
        _Build.environment = {**environment_parts(settings, PROJECT_ROOT, UNCOUNTED_SETTINGS), "static": static_fingerprint(settings["PATH"])}
        _Build.salt = Fingerprint(_Build.environment).total
        _Build.variant = Fingerprint({name: value for name, value in _Build.environment.items() if name.startswith("setting:")}).total
        _Build.read_cache = ReadCache.open(cache_folder(settings), _Build.variant)
    return _Build.salt


def read_ahead(generator) -> None:
    """Read the files this generator will ask for: cached ones from the cache, the rest on every core."""
    reader = generator.readers.readers.get("md")
    if not hasattr(reader, "convert"):
        return
    settings = generator.settings
    kind = "ARTICLE" if hasattr(generator, "articles") else "PAGE"
    extensions = tuple(f".{extension}" for extension in reader.file_extensions)
    # In the order Pelican will ask for them (the same listing), so reading overlaps making items.
    listed = listing_once(generator, settings[f"{kind}_PATHS"], settings[f"{kind}_EXCLUDES"])
    files = [os.path.abspath(os.path.join(generator.path, relative)) for relative in listed if relative.lower().endswith(extensions)]
    plan = plan_reading(files, settings["PATH"], _salt(settings))
    _Build.text_hashes.update(plan.text_hashes)
    read = preread(reader, settings, plan, _Build.read_cache, worker_count(settings.get("BUILD_SPEED_WORKERS")))
    logger.info("build_speed: %d files, %d being read, %d from the cache", len(files), read, len(files) - read)


def listing_once(generator, paths, exclude) -> set[str]:
    """``generator.get_files(paths, exclude=exclude)``, which the generator's own next call with the same arguments is given.

    Pelican lists a generator's folders (walking them, matching every name
    against the ignore patterns) when it reads them; the read-ahead needs the
    same list just before.
    """
    plain = generator.get_files
    listed = plain(paths, exclude=exclude)
    asked = (paths, exclude, None)

    def get_files(paths, exclude=None, extensions=None):
        if (paths, exclude, extensions) == asked:
            generator.get_files = plain  # given once: a later listing walks the folders again
            return listed
        return plain(paths, exclude=exclude, extensions=extensions)

    generator.get_files = get_files
    return listed


def remember_generators(generators) -> None:
    collector.settle()
    _Build.generators = list(generators)
    if _Build.read_cache is not None:
        _Build.read_cache.save()
    if _Build.settings is not None:
        results = _Build.settings.get(READ_RESULTS)
        if isinstance(results, StreamedResults):
            results.close()
        _Build.settings[READ_RESULTS] = StreamedResults()


def site_contents(generators) -> list:
    seen: dict[int, object] = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or []:
                seen.setdefault(id(content), content)
    return sorted(seen.values(), key=lambda content: content.source_path)


def site_fingerprint(settings: dict, views: list) -> Fingerprint:
    """Everything every page may show: code, settings, other content files, the day, every item's covered values.

    The settings are taken again (generators add to them); the code and the
    other content files as they were when reading began.
    """
    _salt(settings)
    today = in_site_timezone(build_now(settings), settings.get("TIMEZONE", "Asia/Ho_Chi_Minh")).date().isoformat()
    parts = {**_Build.environment, **settings_parts(settings, UNCOUNTED_SETTINGS), "day": digest(today)}
    parts.update((f"item:{os.path.relpath(view.source_path, settings['PATH'])}", view.fingerprint) for view in views)
    return Fingerprint(parts)


_plain_url, _plain_save_as = Content.url, Content.save_as


def _frozen(name: str, plain: property) -> property:
    def read(content) -> str:
        addresses = content.__dict__.get("_build_speed_addresses")
        return addresses[name] if addresses is not None else plain.fget(content)

    return property(read, doc=plain.__doc__)


_plain_relative_source_path = Content.get_relative_source_path


@functools.lru_cache(maxsize=65536)
def _relative_source_path(content_path: str, source_path: str) -> str | None:
    if not os.path.isabs(source_path) or os.sep != "/":
        return _plain_relative_source_path(SimpleNamespace(source_path=source_path, settings={"PATH": content_path}), source_path)
    return relative_to(source_path, content_path)  # what Pelican works out with relpath, for an absolute path: a slice of it


_plain_slugify = urlwrappers.slugify


@functools.lru_cache(maxsize=65536)
def _remembered_slug(value: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return _plain_slugify(value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)


def slugify(value: str, regex_subs=(), preserve_case: bool = False, use_unicode: bool = False) -> str:
    """Pelican's ``slugify``, remembered: every item makes new category, tag and author objects, which work out
    the same few dozen slugs again (Unicode normalisation, transliteration and a pattern per rule each time)."""
    try:
        return _remembered_slug(value, tuple((source, target) for source, target in regex_subs), preserve_case, use_unicode)
    except TypeError:  # a value or rule that cannot be a key: as Pelican does it
        return _plain_slugify(value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)


def relative_source_path(content, source_path: str | None = None) -> str | None:
    """Pelican's ``get_relative_source_path``, remembered: items' addresses ask for it about nine times per item."""
    source_path = source_path or content.source_path
    if source_path is None:
        return None
    return _relative_source_path(content.settings["PATH"], source_path)


def freeze_addresses(contents: list) -> None:
    """Every item's ``url`` and ``save_as``, computed once: templates read them tens of times per item.

    They follow from the metadata and the settings, which no longer change once
    Pelican asks for the writer.
    """
    if Content.url is _plain_url:
        Content.url, Content.save_as = _frozen("url", _plain_url), _frozen("save_as", _plain_save_as)
    for content in contents:
        content.__dict__["_build_speed_addresses"] = {"url": _plain_url.fget(content), "save_as": _plain_save_as.fget(content)}


def provide_writer(pelican):
    collect_first_walk()  # the output as it was, before anything is written to it
    settings = pelican.settings
    contents = site_contents(_Build.generators)
    freeze_addresses(contents)
    views = [item_view(content) for content in contents]
    by_object = {}
    for content, view in zip(contents, views, strict=True):
        by_object[id(content)] = view
        for owned in view.owned:
            by_object.setdefault(id(owned), type(view)(view.source_path, view.fingerprint, frozenset(), ()))
    context = _Build.generators[0].context if _Build.generators else {}
    fingerprint = site_fingerprint(settings, views)
    store = PageStore.open(cache_folder(settings), _Build.variant, fingerprint)
    ParallelWriter.session = RenderSession(store, by_object, dict(_Build.text_hashes), worker_count(settings.get("BUILD_SPEED_WORKERS")), context)
    return ParallelWriter


class RenderQueuedPages(Generator):
    """Renders the pages the generators before it queued (its place among the generators is its job)."""

    def generate_context(self) -> None:
        return

    def generate_output(self, writer) -> None:
        if isinstance(writer, ParallelWriter):
            _Build.writer = writer
            writer.flush()


def add_generator(pelican):
    return RenderQueuedPages


def finish(pelican) -> None:
    """The last build's files this build did not write are deleted, before ``site_checks`` (after it in ``PLUGINS``) reads the output."""
    try:
        note_static_files(_Build.generators)
        deleted = sweep_output()
        if deleted:
            logger.info("build_speed: %d files of the last build deleted", len(deleted))
        if ParallelWriter.session is not None:
            ParallelWriter.session.store.prune()  # after the sweep: deleting stored pages changes their links' change times
    finally:
        _Build.reset(None)
        ParallelWriter.session = None
        collector.release()


def note_static_files(generators) -> None:
    """The static files are this build's, also those Pelican left as they were (``STATIC_CHECK_IF_MODIFIED``, links)."""
    for generator in generators:
        for static in getattr(generator, "staticfiles", None) or []:
            note_written(os.path.join(generator.output_path, static.save_as))


def register() -> None:
    install_output_sweep()
    Content.get_relative_source_path = relative_source_path
    urlwrappers.slugify = contents.slugify = slugify
    signals.initialized.connect(configure)
    signals.initialized.connect(quick_exit.arm)
    signals.generator_init.connect(prepare_templates)
    signals.article_generator_init.connect(skip_unused_file_stamps)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_pretaxonomy.connect(index_taxonomies)
    signals.page_generator_init.connect(skip_unused_file_stamps)
    signals.page_generator_init.connect(read_ahead)
    signals.all_generators_finalized.connect(remember_generators)
    signals.get_writer.connect(provide_writer)
    signals.get_generators.connect(add_generator)
    signals.finalized.connect(finish)
