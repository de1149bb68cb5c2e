"""The single pass over a page finds what the scan and the whole-site checks find, on the same lines."""

from pathlib import Path

from plugins.site_checks.addresses import SiteAddress
from plugins.site_checks.checks import ReferenceChecker, SiteFiles, check_images, page_weight, weight_parts
from plugins.site_checks.incremental import anchor_targets
from plugins.site_checks.onepass import PageChecker
from plugins.site_checks.scan import scan_html

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="/theme/site.css"><link rel="icon" href="https://cdn.example/i.png">
</head><body><a href="#noi-dung">Bỏ qua</a><a href="#khong-co">x</a>
<img srcset="/anh/a.webp 1x, /khong.webp 2x" src="../khong.jpg"><img src="anh.png" alt="">
<IMG SRC="/anh/a.webp"><video poster="/anh/a.webp" src="https://evil.example/v.mp4"></video>
<p id="noi-dung"><a href="/tin/b/#doan-2">B</a> <a href="/tin/b/#doan-9">B</a> <a href="/khong-co/">C</a></p>
<a name="neo" href="#neo">n</a><source srcset="/anh/y.webp 1x"><a href="../b/">B</a>
</body></html>"""


def site(tmp_path: Path) -> SiteFiles:
    for name, text in {"theme/site.css": "body{}", "tin/a/index.html": PAGE, "tin/b/index.html": '<p id="doan-2">2</p>', "anh/a.webp": "RIFF"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return SiteFiles(tmp_path, SiteAddress.from_siteurl(""))


def test_one_pass_finds_what_the_scan_finds_with_the_lines(tmp_path):
    files = site(tmp_path)
    checker = ReferenceChecker(files, [], {"tin/a/index.html", "tin/b/index.html"})
    name, data = "tin/a/index.html", PAGE.encode("utf-8")
    facts = scan_html(data, name)
    for _ in range(2):  # the second time, every address is already judged
        result = PageChecker(files, checker).check(data, name)
        own = [pending for pending in checker.pending(facts) if not (pending.anchor_page == name and pending.fragment in facts.ids)]
        assert result.pending == own
        assert [(p.finding.url, p.finding.line) for p in result.pending] == [
            ("https://cdn.example/i.png", 2),
            ("#khong-co", 3),
            ("/khong.webp", 4),
            ("../khong.jpg", 4),
            ("anh.png", 4),
            ("https://evil.example/v.mp4", 5),
            ("/tin/b/#doan-2", 6),
            ("/tin/b/#doan-9", 6),
            ("/khong-co/", 6),
            ("/anh/y.webp", 7),
        ]
        assert result.ids == facts.ids == {"noi-dung", "neo"}
        assert result.images_without_alt == list(check_images({name: facts}))
        assert [(image.url, image.line) for image in result.images_without_alt] == [("../khong.jpg", 4), ("/anh/a.webp", 5)]
        assert result.anchor_targets == anchor_targets(facts, files) == {name, "tin/b/index.html"}
        assert list(weight_parts(name, 0, result.weighed, files).items()) == list(page_weight(facts, files, 0).items())


def test_the_ids_libxml2_registers_are_the_ids_the_scan_finds():
    from lxml import etree

    from plugins.site_checks.onepass import page_ids
    from plugins.site_checks.scan import _IDS, _PARSER

    pages = [
        b"<P ID='Mot'>1</P><p id='hai'>2</p><p id='hai'>2</p><p id=' ba '>3</p><p id='b&amp;n'>4</p><p id=''>5</p>",
        b"<A NAME='neo'>x</A><div name='khong'>y</div><a name='a&#273;'>z</a><img name='anh'><p>x</p>",
        b"<p xml:id='x' id='y'>z</p>",  # read from the tree instead
        b"<div name='k' xml:id='k'>z</div><a name='n'>n</a>",
        b"<!doctype html><html><body><p>x</p></body></html>",
    ]
    for data in pages:
        root = etree.fromstring(data, _PARSER)
        assert page_ids(root) == frozenset(_IDS(root)) - {""}
    assert page_ids(etree.fromstring(pages[1], _PARSER)) == {"neo", "ađ"}


def test_lxml_still_offers_the_id_table_the_check_reads():
    # Without it the check falls back to walking every page's tree (same ids, slower): a pinned lxml keeps it.
    from plugins.site_checks import onepass

    assert onepass._ID_TABLE is not None


def test_an_address_of_the_page_itself_judged_once_holds_for_each_page(tmp_path):
    files = site(tmp_path)
    (tmp_path / "tin/c").mkdir()
    (tmp_path / "tin/c/index.html").write_text(PAGE, encoding="utf-8")
    files = SiteFiles(tmp_path, files.address)
    pages = ["tin/a/index.html", "tin/c/index.html", "tin/a/index.html"]
    data = (PAGE + '<img src="" alt="x"><a href="#">top</a>').encode("utf-8")
    for ignore in ([], ["tin/c/*"]):
        checker = ReferenceChecker(files, ignore, {"tin/a/index.html", "tin/b/index.html", "tin/c/index.html"})
        one_pass = PageChecker(files, checker)
        broken = set()
        for name in pages:
            facts = scan_html(data, name)
            result = one_pass.check(data, name)
            expected = ReferenceChecker(files, ignore, checker.pages).pending(facts)
            assert result.pending == [p for p in expected if not (p.anchor_page == name and p.fragment in facts.ids)]
            assert result.anchor_targets == anchor_targets(facts, files)
            assert list(weight_parts(name, 0, result.weighed, files).items()) == list(page_weight(facts, files, 0).items())
            broken |= {(p.finding.page, p.anchor_page) for p in result.pending if p.finding.url == "#khong-co"}
        assert broken == {("tin/a/index.html", "tin/a/index.html")} | ({("tin/c/index.html", "tin/c/index.html")} if not ignore else set())


def test_a_heavy_page_is_weighed_from_the_one_pass_as_from_its_scan(tmp_path):
    from plugins.site_checks.checks import check_weights, too_heavy

    files = site(tmp_path)
    (tmp_path / "anh/a.webp").write_bytes(bytes(range(256)) * 40)  # 10 KB that do not compress
    name, data = "tin/a/index.html", (PAGE + "<p>" + "lặp lại " * 2000 + "</p>").encode("utf-8")
    (tmp_path / name).write_bytes(data)
    result = PageChecker(files, ReferenceChecker(files, [], {name})).check(data, name)
    facts = scan_html(data, name)
    found = {}
    for budget in (1024, 20 * 1024, 40 * 1024):  # heavy even compressed; heavy only raw; light
        finding = too_heavy(name, len(data), result.weighed, files, budget)
        assert ([finding] if finding else []) == list(check_weights({name: facts}, files, budget))
        found[budget] = finding
    assert found[1024].detail.startswith("anh/a.webp 10 KB") and found[20 * 1024] is None and found[40 * 1024] is None
