"""WCAG 2.1 AA: axe-core finds nothing on any kind of page; keyboard users can reach and see everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.page_kinds import PAGE_KINDS

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

pytestmark = pytest.mark.browser


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_axe_finds_no_violation(page, site_url, page_urls, kind):
    page.goto(site_url + page_urls[kind])
    assert axe_violations(page) == [], f"{kind}: {page_urls[kind]}"


@pytest.mark.parametrize("kind", ["news item", "home"])
def test_axe_finds_no_violation_on_a_phone_without_the_sites_script(browser, site_url, page_urls, kind):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + page_urls[kind])
    assert axe_violations(page) == []
    context.close()


def test_first_tab_reaches_the_skip_link_and_it_moves_focus_to_main(page, site_url, page_urls):
    page.goto(site_url + page_urls["news item"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible(), "the skip link must appear when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"


def focus_trail(page, presses: int) -> list[dict]:
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(page.evaluate("""() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                    outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
                    background: style.backgroundColor, shadow: style.boxShadow};
        }"""))
    return trail


def test_every_focused_control_is_visibly_marked(page, site_url, page_urls):
    page.goto(site_url + page_urls["story"])
    unfocused_background = page.evaluate("getComputedStyle(document.querySelector('.site-menu a')).backgroundColor")
    trail = focus_trail(page, 14)
    for stop in trail:
        assert stop["tag"] in {"A", "BUTTON", "INPUT"}, stop
        marked = stop["outline"] or stop["shadow"] != "none" or stop["background"] != unfocused_background
        assert marked, f"focus not visible on {stop}"
    texts = [stop["text"] for stop in trail]
    for label in ("Trang chủ", "Giới thiệu", "Dịch vụ công trực tuyến", "Sơ đồ trang", "In trang", "Chia sẻ"):
        assert any(text.startswith(label) for text in texts), f"{label} not reachable by Tab: {texts}"
