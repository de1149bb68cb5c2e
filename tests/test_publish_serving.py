"""The published site served by a real nginx with the repository's sample configuration, on loopback,
read by headless Chromium: every kind of page loads with no Content-Security-Policy violation and no
failed request; headers, precompression and caching are what the configuration promises."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.config import DeployConfig
from deploy.pipeline import deploy_site
from deploy.target import Target
from tests.browsers import chromium_browser
from tests.publish_support import NGINX_SAMPLE, free_port, nginx_serving, published_sample
from tests.sitebuild import write_content

pytestmark = pytest.mark.browser

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy")
PAGINATED = re.compile(r"/trang-\d+/")
# Reports every CSP violation to the test, including those in inline code that never ran.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile || 'the page'}:${event.lineNumber}` + (event.sample ? ` («${event.sample}»)` : ''));
});
"""


def one_page_of_each_kind(site: Path) -> list[str]:
    """The first page of every kind: by section, depth and pagination, plus the first with audio, a form, an image."""
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    chosen: dict[tuple, str] = {}
    for page in pages:
        parts = page.split("/")
        chosen.setdefault((parts[0], len(parts), bool(PAGINATED.search("/" + page))), page)
        text = (site / page).read_text(encoding="utf-8")
        for element in ("<audio", "<form", "<img", "<picture", "<video", "<iframe"):
            if element in text:
                chosen.setdefault(("element", element), page)
    return sorted(set(chosen.values()))


def served_address(page: str) -> str:
    return page.removesuffix("index.html")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = published_sample(tmp_path_factory)
    assert site.process.returncode == 0, site.process.stdout + site.process.stderr
    return site


@pytest.fixture(scope="module")
def server(published, tmp_path_factory) -> Iterator[str]:
    with nginx_serving(published.live, published.port, tmp_path_factory.mktemp("nginx")) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as chromium:
        yield chromium


def failure_of(request) -> list[str]:
    """A failed request, unless the next navigation cut it short: Chromium's own favicon fetch (type "other"), or a
    lazy picture that began loading after the page settled, when the server does serve that file."""
    if request.failure == "net::ERR_ABORTED" and (request.resource_type == "other" or fetch(request.url).status == 200):
        return []
    return [f"request failed: {request.url} ({request.failure}, {request.resource_type})"]


def settle(page, in_flight: set, timeout_ms: int = 10_000) -> None:
    """Wait until no request of the page is in flight (the icon comes after load), so the next navigation aborts none."""
    waited = 0
    while in_flight and waited < timeout_ms:
        page.wait_for_timeout(25)
        waited += 25


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_every_kind_of_page_loads_with_no_csp_violation_and_no_failed_request(published, server, browser):
    pages = one_page_of_each_kind(published.live)
    assert len(pages) >= 20 and "index.html" in pages and "404.html" in pages
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    problems: list[str] = []
    console: list[str] = []
    responses: list[str] = []
    in_flight: set = set()
    page.on("console", lambda message: console.append(message.text) if message.type in ("error", "warning") else None)
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: (in_flight.discard(request), problems.extend(failure_of(request))))
    page.on("response", lambda response: responses.append(f"{response.status} {response.url}"))
    for relative in pages:
        console.clear()
        responses.clear()
        page.goto(f"{server}/{served_address(relative)}", wait_until="load")
        settle(page, in_flight)
        violations = page.evaluate("window.__cspViolations")
        problems += [f"{relative}: CSP: {violation}" for violation in violations]
        problems += [f"{relative}: console: {text}" for text in console if "Content Security Policy" in text or "Refused" in text]
        expected_status = 404 if relative == "404.html" else 200
        problems += [f"{relative}: {line}" for line in responses
                     if int(line.split()[0]) >= 400 and not (expected_status == 404 and line.split()[1].endswith("/404.html"))]
    context.close()
    assert not problems, (
        "Pages must work under the Content-Security-Policy of deploy/nginx/cchc.conf (no inline <script>, "
        "<style> or style=\"…\"; move them to the theme's .js/.css files). Offenders:\n" + "\n".join(problems)
    )


def test_responses_carry_the_security_headers_and_the_right_caching(published, server):
    home = fetch(f"{server}/", **{"Accept-Encoding": "gzip"})
    assert home.status == 200
    assert home.headers["Content-Encoding"] == "gzip", "gzip_static serves the precompressed page"
    assert home.headers["Cache-Control"] == "no-cache"
    csp = home.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors" in csp
    assert csp in NGINX_SAMPLE.read_text(encoding="utf-8")
    stylesheet = re.search(r'href="[^"]*/(theme/css/site\.[0-9a-f]{8,}\.css)"', (published.live / "index.html").read_text())
    assert stylesheet, "the theme links a fingerprinted stylesheet"
    asset = fetch(f"{server}/{stylesheet.group(1)}")
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    index_files = sorted((published.live / "tim-kiem" / "chi-muc").rglob("*.json"))
    assert index_files, "the published site carries its search index"
    for index_file in (index_files[0], index_files[-1]):
        chunk = fetch(f"{server}/{index_file.relative_to(published.live).as_posix()}")
        assert chunk.status == 200 and chunk.headers["Cache-Control"] == "public, max-age=31536000, immutable", index_file
    open_data = fetch(f"{server}/thu-tuc/du-lieu/thu-tuc.json")
    assert open_data.status == 200 and open_data.headers["Cache-Control"] == "no-cache", "data that changes under its address is revalidated"
    missing = fetch(f"{server}/khong-co-trang-nay/")
    assert missing.status == 404 and "<html" in missing.read().decode("utf-8")
    hidden = fetch(f"{server}/.rsync-partial/index.html")
    assert hidden.status == 404
    for response in (home, asset, missing, hidden):
        assert all(response.headers[name] for name in SECURITY_HEADERS), response.headers


def test_the_policy_really_blocks_inline_code_and_other_sites(tmp_path, browser):
    page_html = (
        '<!doctype html><html lang="vi"><title>Thử</title><p style="color:red">Chữ đỏ</p>'
        '<script>document.title = "chạy"</script><img src="https://cdn.example.com/a.png" alt="ảnh">'
    )
    site = write_content(tmp_path / "site", {"index.html": page_html})
    with nginx_serving(site, free_port(), tmp_path / "nginx") as base:
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        context.route("https://cdn.example.com/**", lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{base}/", wait_until="load")
        violations = page.evaluate("window.__cspViolations")
        title = page.title()
        context.close()
    assert title == "Thử", "the inline script did not run"
    assert any(v.startswith("style-src") for v in violations), violations
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src blocked https://cdn.example.com/a.png") for v in violations), violations


def test_a_switch_and_a_rollback_are_served_at_once(tmp_path):
    target = tmp_path / "www"
    config = DeployConfig(siteurl="http://127.0.0.1", path=str(target))
    first = write_content(tmp_path / "v1", {"index.html": "<!doctype html><title>v1</title><p>Bản 1</p>"})
    second = write_content(tmp_path / "v2", {"index.html": "<!doctype html><title>v2</title><p>Bản 2</p>"})
    deploy_site(first, config)
    port = free_port()
    with nginx_serving(target / "current", port, tmp_path / "nginx") as base:
        assert "Bản 1" in fetch(f"{base}/").read().decode()
        deploy_site(second, config)
        assert "Bản 2" in fetch(f"{base}/").read().decode()
        Target(config).rollback()
        assert "Bản 1" in fetch(f"{base}/").read().decode()
