"""``make devserver``: a preview that rebuilds on save, reloads the browser, and shows content errors in Vietnamese.

The site is built with the real Pelican into a private folder (a temporary one
by default, so a preview never mixes with ``output/``). Drafts, scheduled
items included, are built too, under ``/ban-nhap/``, listed at that address.

Every HTML page the server sends gets a small script that polls the server's
build number and reloads when it changes. The script is added to the response
only: the files Pelican wrote stay exactly as ``make html`` writes them.

When a save breaks the build, the content model ends it with
``ContentBuildFailed``; the preview keeps running and answers every page with
the list of problems (file:line and what to do) until a save fixes them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from functools import partial
from html import escape
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles
from pelican import Pelican, signals
from pelican.utils import FileChangeFilter

from plugins.content_model import ContentBuildFailed, Problem
from plugins.content_model.checks import contents_of
from plugins.vntext.text import short_datetime

from .site import forget_logged_messages, load_settings

STATUS_URL = "/__xem-truoc__/trang-thai"
DRAFTS_URL = "/ban-nhap/"
PREVIEW_SETTINGS = {
    "DRAFT_URL": "ban-nhap/{kind}/{slug}/",
    "DRAFT_SAVE_AS": "ban-nhap/{kind}/{slug}/index.html",
    "DRAFT_PAGE_URL": "ban-nhap/{kind}/{slug}/",
    "DRAFT_PAGE_SAVE_AS": "ban-nhap/{kind}/{slug}/index.html",
    "DELETE_OUTPUT_DIRECTORY": True,
    "SITEURL": "",
}
POLL_MILLISECONDS = 700


@dataclass(frozen=True)
class DraftLink:
    """A draft or scheduled item, as the drafts page lists it."""

    title: str
    url: str
    kind_label: str
    source: str
    scheduled_for: str | None


@dataclass
class BuildState:
    """The outcome of the latest build, shared by the builder and the request handlers."""

    number: int = 0
    building: bool = False
    problems: list[Problem] = field(default_factory=list)
    crash: str | None = None
    drafts: list[DraftLink] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.crash

    def start(self) -> None:
        with self.changed:
            self.building = True

    def finish(self, problems: list[Problem], crash: str | None, drafts: list[DraftLink]) -> None:
        with self.changed:
            self.number += 1
            self.building = False
            self.problems, self.crash, self.drafts = problems, crash, drafts
            self.changed.notify_all()

    def wait_until_built(self, timeout: float = 60) -> None:
        with self.changed:
            self.changed.wait_for(lambda: not self.building and self.number > 0, timeout=timeout)


class PreviewBuilder:
    """Builds the site into the preview folder and records the outcome in a :class:`BuildState`."""

    def __init__(self, settings_file: Path, content: Path, output: Path) -> None:
        self.settings_file = settings_file
        self.content = content
        self.output = output
        self.base = str(content.resolve().parent)
        self.state = BuildState()
        self._drafts: list[DraftLink] = []
        signals.all_generators_finalized.connect(self._remember_drafts)

    def build(self) -> None:
        self.state.start()
        self._drafts = []
        problems: list[Problem] = []
        crash = None
        forget_logged_messages()
        try:
            settings = load_settings(self.settings_file, PATH=str(self.content), OUTPUT_PATH=str(self.output), **PREVIEW_SETTINGS)
            Pelican(settings).run()
        except ContentBuildFailed as failure:
            problems = failure.problems
        except Exception as error:  # a theme or plugin error must not end the preview
            crash = "".join(traceback.format_exception_only(type(error), error)).strip()
            print(f"LỖI KHI DỰNG TRANG: {crash}", flush=True)
        self.state.finish(problems, crash, self._drafts)
        print(self.outcome_line(), flush=True)

    def outcome_line(self) -> str:
        state = self.state
        if state.ok:
            return f"[xem trước] lần dựng {state.number}: không có lỗi."
        count = len(state.problems) or 1
        return f"[xem trước] lần dựng {state.number}: {count} lỗi, trình duyệt đang hiện danh sách lỗi."

    def _remember_drafts(self, generators) -> None:
        timezone = generators[0].settings.get("TIMEZONE")
        for draft in contents_of(generators, ("drafts", "draft_pages")):
            scheduled = draft.metadata.get("scheduled")
            self._drafts.append(
                DraftLink(
                    title=draft.title,
                    url="/" + draft.url,
                    kind_label=getattr(draft, "kind_label", ""),
                    source=os.path.relpath(draft.source_path, self.base),
                    scheduled_for=short_datetime(draft.date, timezone) if scheduled else None,
                )
            )

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after each batch of saved changes until ``stop`` is set."""
        settings = load_settings(self.settings_file, PATH=str(self.content))
        watched = [str(self.content), str(self.settings_file)]
        if os.path.isdir(settings.get("THEME", "")):
            watched.append(settings["THEME"])
        ignored = FileChangeFilter(ignore_file_patterns=settings.get("IGNORE_FILES", []))
        for _changes in watchfiles.watch(*watched, watch_filter=ignored, stop_event=stop, debounce=400, step=50):
            self.build()


def reload_script(build_number: int) -> str:
    """The dev-only script: poll the build number, reload the page when a new build is done."""
    return (
        "<script>/* xem trước: tự tải lại khi dựng xong */(function(){"
        f"var b={build_number};function p(){{fetch('{STATUS_URL}',{{cache:'no-store'}})"
        ".then(function(r){return r.json()}).then(function(s){if(s.build!==b){location.reload()}"
        f"else{{setTimeout(p,{POLL_MILLISECONDS})}}}}).catch(function(){{setTimeout(p,2000)}})}}"
        f"setTimeout(p,{POLL_MILLISECONDS})}})();</script>"
    )


def preview_banner(path: str, draft_count: int) -> str:
    text = "XEM TRƯỚC trên máy này, chưa xuất bản"
    if path.startswith(DRAFTS_URL) and path != DRAFTS_URL:
        text = "BẢN NHÁP: bài này chưa được đăng. Xóa dòng «Status: draft» khi bài đã được duyệt"
    return (
        '<div style="position:fixed;bottom:0;left:0;right:0;z-index:9999;padding:4px 8px;'
        'background:#fff3cd;color:#3d2e00;border-top:2px solid #b58100;font:14px/1.4 sans-serif">'
        f'{escape(text)} · <a href="{DRAFTS_URL}">Bản nháp và bài hẹn giờ ({draft_count})</a></div>'
    )


def with_preview_additions(html: str, addition: str) -> str:
    """``html`` with ``addition`` just before ``</body>`` (or at the end)."""
    at = html.lower().rfind("</body>")
    return html + addition if at < 0 else html[:at] + addition + html[at:]


def page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title></head>"
        '<body style="font:16px/1.5 sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem">'
        f"{body}</body></html>"
    )


def where(problem: Problem, base: str) -> str:
    """``content/tin/x.md:3``: the problem's file relative to the project, and its line."""
    if not problem.path:
        return "toàn trang"
    shown = os.path.relpath(problem.path, base)
    return f"{shown}:{problem.line}" if problem.line else shown


def error_page(state: BuildState, base: str) -> str:
    """The page shown for every address while the latest build is broken."""
    if state.crash:
        body = (
            "<h1>Lỗi khi dựng trang</h1>"
            "<p>Bản xem trước chưa dựng được vì lỗi dưới đây (thường do giao diện hoặc cấu hình). "
            "Sửa rồi lưu tệp; trang sẽ tự tải lại.</p>"
            f"<pre style=\"white-space:pre-wrap\">{escape(state.crash)}</pre>"
        )
        return page("Lỗi khi dựng trang", body)
    items = "".join(
        f"<li><code>{escape(where(problem, base))}</code>: {escape(problem.message)}</li>"
        for problem in sorted(state.problems, key=Problem.sort_key)
    )
    body = (
        f"<h1>Chưa dựng được trang: {len(state.problems)} lỗi nội dung</h1>"
        "<p>Sửa các lỗi dưới đây (tên tệp:số dòng) rồi lưu tệp; trang sẽ tự tải lại. "
        "Ý nghĩa từng lỗi: docs/huong-dan-bien-tap.md, mục «Thông báo lỗi».</p>"
        f"<ol>{items}</ol>"
    )
    return page("Lỗi nội dung", body)


def drafts_page(state: BuildState) -> str:
    rows = "".join(
        f'<li><a href="{escape(d.url)}">{escape(d.title)}</a> ({escape(d.kind_label)}'
        f'{", hẹn đăng từ " + escape(d.scheduled_for) if d.scheduled_for else ", bản nháp"}): <code>{escape(d.source)}</code></li>'
        for d in state.drafts
    )
    listing = f"<ul>{rows}</ul>" if rows else "<p>Không có bản nháp nào.</p>"
    body = (
        "<h1>Bản nháp và bài hẹn giờ đăng</h1>"
        "<p>Các bài này chỉ xem được ở đây, trên máy của bạn; chúng chưa có trên trang công khai.</p>"
        f'{listing}<p><a href="/">Về trang chủ</a></p>'
    )
    return page("Bản nháp", body)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], builder: PreviewBuilder) -> None:
        self.builder = builder
        super().__init__(address, partial(PreviewHandler, directory=str(builder.output)))


class PreviewHandler(SimpleHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args) -> None:
        """Requests are not logged: the console is for build results."""

    def do_GET(self) -> None:
        state = self.server.builder.state
        path = unquote(urlsplit(self.path).path)
        if path == STATUS_URL:
            self.send_text(json.dumps({"build": state.number, "ok": state.ok, "building": state.building}), "application/json")
            return
        state.wait_until_built()
        if path == DRAFTS_URL:
            self.send_html(drafts_page(state), HTTPStatus.OK)
        elif not state.ok and is_page_address(path):
            self.send_html(error_page(state, self.server.builder.base), HTTPStatus.INTERNAL_SERVER_ERROR)
        elif (html_file := self.html_file_for(path)) is not None:
            self.send_html(html_file.read_text(encoding="utf-8"), HTTPStatus.OK, path)
        elif is_page_address(path) and (not_found := Path(self.directory) / "404.html").is_file():
            self.send_html(not_found.read_text(encoding="utf-8"), HTTPStatus.NOT_FOUND, path)
        else:
            super().do_GET()

    def html_file_for(self, path: str) -> Path | None:
        target = Path(self.translate_path(path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def send_html(self, html: str, status: HTTPStatus, path: str = "") -> None:
        state = self.server.builder.state
        addition = preview_banner(path, len(state.drafts)) + reload_script(state.number)
        self.send_text(with_preview_additions(html, addition), "text/html; charset=utf-8", status)

    def send_text(self, text: str, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def is_page_address(path: str) -> bool:
    """Whether ``path`` asks for a page (not a stylesheet, script or image)."""
    name = path.rsplit("/", 1)[-1]
    return path.endswith("/") or name.endswith(".html") or "." not in name


def serve(settings_file: Path, content: Path, output: Path | None, bind: str, port: int) -> int:
    """Build, serve on ``bind:port`` and rebuild on every save until Ctrl-C or SIGTERM; return the exit status."""
    private_output = output is None
    output = Path(tempfile.mkdtemp(prefix="cchc-xem-truoc-")) if output is None else output
    stop = threading.Event()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, lambda *_: stop.set())
    builder = PreviewBuilder(settings_file, content, output)
    builder.build()
    server = PreviewServer((bind, port), builder)
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    watcher = threading.Thread(target=builder.watch, args=(stop,), name="preview-watcher", daemon=True)
    watcher.start()
    print(f"Xem trước tại http://{bind}:{server.server_port}/ (bản nháp: {DRAFTS_URL}). Nhấn Ctrl-C để dừng.", flush=True)
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    watcher.join(timeout=5)
    if private_output:
        shutil.rmtree(output, ignore_errors=True)
    print("Đã dừng xem trước.", flush=True)
    return 0
