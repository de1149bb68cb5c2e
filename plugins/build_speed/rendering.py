"""Rendering every page on every core, and reusing pages whose inputs did not change.

:class:`ParallelWriter` is Pelican's writer with one difference: ``write_file``
does everything Pelican does (pagination, the local context, the checks
against writing a file twice) but queues the render instead of doing it.
When every generator has queued its pages, :meth:`ParallelWriter.flush`
renders the queue in forked worker processes and then, in the build's own
process and in the original order, reports what the renders reported and
sends ``content_written`` for each page, as a serial build would.

A page is reused from the page store, without rendering, when the site's
fingerprint (code, settings, other content files, the day, and the metadata
and short attributes of every item) is the one it was rendered under and
every item whose text it read (``content``, a ``summary`` taken from the
text, objects a plugin made from the text such as a procedure's parsed body)
still has the same text. Which items a page reads is recorded while it
renders: every attribute a template reads goes through the Jinja
environment's ``getattr``/``getitem``, and every object a custom filter or
function is given passes through a wrapper.
"""

from __future__ import annotations

import functools
import logging
import operator
import pickle
import re
import traceback
from dataclasses import dataclass, field

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError
from jinja2.defaults import DEFAULT_FILTERS
from pelican.paginator import Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from plugins.content_model import BUILD_PROBLEMS, report

from .fingerprint import ItemView, context_signature, digest
from .output import note_written
from .pool import run_jobs
from .stores import PageRecord, PageStore, write_new_file

logger = logging.getLogger("pelican.writers")

# The templates a tag names by a literal: {% extends/include/import/from "name" %}. A missed one is only compiled later.
_REFERENCE = re.compile(r"""\{%[-+]?\s*(?:extends|include|import|from)\s+(["'])([^"']+)\1""")

# Below this many pages to render, forking costs more than it saves.
PARALLEL_FROM_PAGES = 48


class ReadTracker:
    """Which items the page being rendered reads beyond their fingerprinted attributes."""

    def __init__(self, views: dict[int, ItemView]):
        self.views = views
        self.read: set[str] = set()
        self._environments: set[int] = set()

    def note_argument(self, value: object) -> None:
        view = self.views.get(id(value))
        if view is not None:
            self.read.add(view.source_path)
        elif isinstance(value, (list, tuple)):
            for element in value:
                view = self.views.get(id(element))
                if view is not None:
                    self.read.add(view.source_path)

    def watch(self, environment: Environment) -> None:
        """Route the environment's attribute reads, custom filters and functions through this tracker (once)."""
        if id(environment) in self._environments:
            return
        self._environments.add(id(environment))
        plain_getattr, plain_getitem = environment.getattr, environment.getitem
        view_of, read = self.views.get, self.read.add  # bound once: templates read attributes hundreds of thousands of times

        def tracked_getattr(obj, attribute):
            view = view_of(id(obj))
            if view is not None and attribute not in view.covered:
                read(view.source_path)
            return plain_getattr(obj, attribute)

        if type(environment).getattr is Environment.getattr:  # the usual case: Jinja's own, inlined (one call fewer a read)
            tracked_getattr = _tracked_jinja_getattr(view_of, read, environment.undefined)

        def tracked_getitem(obj, argument):
            view = view_of(id(obj))
            if view is not None and argument not in view.covered:
                read(view.source_path)
            return plain_getitem(obj, argument)

        environment.getattr = tracked_getattr
        environment.getitem = tracked_getitem
        for name, function in list(environment.filters.items()):
            if DEFAULT_FILTERS.get(name) is not function and not getattr(function, "reads_no_item", False):
                environment.filters[name] = self._tracked_call(function)
        for name, function in list(environment.globals.items()):
            if callable(function) and not isinstance(function, type) and getattr(function, "__module__", "").startswith(("plugins.", "pelicanconf")):
                environment.globals[name] = self._tracked_call(function)

    def _tracked_call(self, function):
        @functools.wraps(function)
        def tracked(*args, **kwargs):
            for value in (*args, *kwargs.values()):
                self.note_argument(value)
            return function(*args, **kwargs)

        return tracked


def _tracked_jinja_getattr(view_of, read, undefined: type):
    """The tracker's getattr with Jinja's ``Environment.getattr`` (3.1) written out in it."""

    def tracked_getattr(obj, attribute):
        view = view_of(id(obj))
        if view is not None and attribute not in view.covered:
            read(view.source_path)
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return undefined(obj=obj, name=attribute)

    return tracked_getattr


@dataclass
class RenderJob:
    """One page to write: where, with which template and context, and whether the store already has it."""

    name: str
    path: str
    template: object
    shared_context: dict
    own_context: dict
    discard: bool = False
    reuse: PageRecord | None = None
    variables: str = ""

    def localcontext(self) -> dict:
        return {**self.shared_context, **self.own_context}


@dataclass
class JobResult:
    """What rendering (or copying) one page gave, small enough to send back from a worker."""

    record: PageRecord | None = None
    problems: list[tuple[str, int | None, str]] = field(default_factory=list)
    cacheable: bool = False
    error: bytes | None = None
    error_text: str = ""


class _WarningFlag(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.raised = False

    def emit(self, record: logging.LogRecord) -> None:
        self.raised = True


@dataclass
class RenderSession:
    """What every render of this build needs: the store, the items' views, their text hashes."""

    store: PageStore
    views: dict[int, ItemView]
    text_hashes: dict[str, str]
    workers: int
    shared_context_source: dict
    tracker: ReadTracker = field(init=False)

    def __post_init__(self) -> None:
        self.tracker = ReadTracker(self.views)

    def run(self, job: RenderJob) -> JobResult:
        """Write ``job``'s page (copied from the store, or rendered); never raises."""
        try:
            if job.reuse is not None:
                try:
                    self.store.copy_to(job.reuse.digest, job.path)
                    return JobResult(record=job.reuse, cacheable=True)
                except FileNotFoundError:
                    pass  # pruned by another build sharing the cache: render it
            return self._render(job)
        except BaseException as error:  # sent back and raised in the build's own process, in page order
            return JobResult(error=_pickled(error), error_text=traceback.format_exc())

    def _render(self, job: RenderJob) -> JobResult:
        localcontext = job.localcontext()
        if localcontext.get("localsiteurl"):
            self.shared_context_source["localsiteurl"] = localcontext["localsiteurl"]
        self.tracker.watch(job.template.environment)
        self.tracker.read.clear()
        problems_before = len(BUILD_PROBLEMS.problems)
        flag = _WarningFlag()
        logging.getLogger().addHandler(flag)
        try:
            output = job.template.render(localcontext)
        finally:
            logging.getLogger().removeHandler(flag)
        data = output.encode("utf-8")
        problems = [(p.path, p.line, p.message) for p in BUILD_PROBLEMS.problems[problems_before:]]
        cacheable = not problems and not flag.raised and not job.discard
        depends_on = tuple(sorted((source, self.text_hashes.get(source) or _text_hash(source)) for source in self.tracker.read))
        record = PageRecord(digest(data), job.variables, depends_on)
        if cacheable and self.store.folder is not None:
            self.store.publish_rendered(record.digest, data, job.path)
        elif not job.discard:
            write_new_file(job.path, data)
        return JobResult(record=record, problems=problems, cacheable=cacheable)


def compile_ahead(templates: list) -> int:
    """Load every template the given ones extend, include or import, in each of their environments.

    The render workers are forked afterwards and inherit them compiled: a
    template first needed inside the workers would be compiled by each of them.
    Returns how many templates were loaded (or found loaded).
    """
    references: dict[tuple[str, str], tuple[str, ...]] = {}  # by file: the environments' loaders find the same files
    loaded: set[tuple[int, str]] = set()
    for template in templates:
        environment = template.environment
        pending = [template.name]
        while pending:
            name = pending.pop()
            if name is None or (id(environment), name) in loaded:
                continue
            loaded.add((id(environment), name))
            try:
                found = environment.get_template(name)
            except (TemplateNotFound, TemplateSyntaxError):  # an optional include, or one only named in a comment: the render decides
                continue
            pending.extend(_references(environment, found, references))
    return len(loaded)


def _references(environment: Environment, template, known: dict[tuple[str, str], tuple[str, ...]]) -> tuple[str, ...]:
    # Read from the source's tags rather than parsed: parsing every template again costs as much as compiling it.
    key = (template.filename or "", template.name)
    if key not in known:
        source = environment.loader.get_source(environment, template.name)[0]
        known[key] = tuple(match[2] for match in _REFERENCE.finditer(source))
    return known[key]


def _text_hash(source_path: str) -> str:
    with open(source_path, "rb") as stream:
        return digest(stream.read())


def _pickled(error: BaseException) -> bytes | None:
    try:
        data = pickle.dumps(error)
        pickle.loads(data)
        return data
    except Exception:
        return None


class ParallelWriter(Writer):
    """Pelican's writer, queuing renders until :meth:`flush` does them all at once on every core."""

    session: RenderSession | None = None  # set by the plugin before the writer is made

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.jobs: list[RenderJob] = []
        self.flushed = False
        self._last_context: dict | None = None
        self._last_snapshot: dict = {}
        self._signatures: dict[int, str] = {}

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, override_output=False, url=None, **kwargs):
        """Pelican's ``write_file`` (4.12), queuing each page instead of rendering it."""
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
            paginators = {key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()}
            for page_number in range(next(iter(paginators.values())).num_pages):
                page_kwargs = kwargs.copy()
                for key, paginator in paginators.items():
                    page = paginator.page(page_number + 1)
                    page_kwargs.update(
                        {
                            f"{key}_paginator": paginator,
                            f"{key}_page": page,
                            f"{key}_previous_page": paginator.page(page_number) if page_number > 0 else None,
                            f"{key}_next_page": paginator.page(page_number + 2) if page_number + 1 < paginator.num_pages else None,
                        }
                    )
                self._queue(template, context, page.save_as, page_kwargs, relative_urls, override_output)
        else:
            self._queue(template, context, name, kwargs, relative_urls, override_output)

    def _queue(self, template, context: dict, name: str, kwargs: dict, relative_urls: bool, override: bool) -> None:
        own = {"localsiteurl": context.get("localsiteurl")}
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            own["SITEURL"] = relative_url
            own["localsiteurl"] = relative_url
        own["output_file"] = name
        own.update(kwargs)
        path = sanitised_join(self.output_path, name)
        job = RenderJob(name, path, template, self._snapshot(context), own, discard=not self._claim(path, override), variables=context_signature(own, {} if self.flushed else self._signatures))
        if self.flushed:
            self._finish([job], [self._session().run(job)])
        else:
            self.jobs.append(job)

    def _snapshot(self, context: dict) -> dict:
        """A shallow copy of ``context``, shared by consecutive pages while no key changes."""
        last = self._last_snapshot
        if self._last_context is context and last.keys() == context.keys() and all(map(operator.is_, last.values(), context.values())):
            return last  # same keys in the same order (a copy keeps the order; a new key goes last), same objects
        self._last_context, self._last_snapshot = context, context.copy()
        return self._last_snapshot

    def _claim(self, path: str, override: bool) -> bool:
        """Pelican's rule against writing a file twice; False when the page goes nowhere (overridden)."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time (was previously overwritten)')
            logger.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files:
            if override:
                logger.info('Overwriting "%s"', path)
            else:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" as Pelican has already written to it previously (set `override=True` if intended)')
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def _session(self) -> RenderSession:
        assert self.session is not None, "build_speed: the writer was made without a render session"
        return self.session

    def flush(self) -> None:
        """Render (or reuse) every queued page, on every core; then report and signal in page order."""
        if self.flushed:
            return
        self.flushed = True
        session = self._session()
        if session.store.why_not:
            logger.info("build_speed: every page is rendered again (changed: %s)", session.store.why_not)
        jobs, self.jobs = self.jobs, []
        self._signatures = {}  # the lists they describe may go once their pages are written
        for job in jobs:
            if not job.discard:
                job.reuse = session.store.reusable(job.name, job.variables, session.text_hashes)
        rendering = sum(1 for job in jobs if job.reuse is None)
        workers = session.workers if rendering >= PARALLEL_FROM_PAGES else 1
        if workers > 1:
            compile_ahead(list({id(job.template): job.template for job in jobs if job.reuse is None}.values()))
        results = run_jobs(len(jobs), lambda index: session.run(jobs[index]), workers, chunk=16)
        self._finish(jobs, results)
        session.store.save()
        logger.info("build_speed: %d pages, %d rendered, %d reused, %d processes", len(jobs), rendering, len(jobs) - rendering, workers)

    def _finish(self, jobs: list[RenderJob], results) -> None:
        session = self._session()
        for job, result in zip(jobs, results, strict=True):
            for path, line, message in result.problems:
                report(path, message, line)
            if result.error_text:
                raise (pickle.loads(result.error) if result.error else RuntimeError(result.error_text))
            if result.cacheable and result.record is not None:
                session.store.record(job.name, result.record)
                note_written(job.path)  # linked to the store by a worker: its change time is shared
            logger.info('Writing "%s"', job.path)
            localcontext = job.localcontext()
            if localcontext.get("localsiteurl"):
                session.shared_context_source["localsiteurl"] = localcontext["localsiteurl"]
            signals.content_written.send(job.path, context=localcontext)
