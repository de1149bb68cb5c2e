"""What a page's scan finds: every address in the order written, with its line and role."""

from plugins.site_checks.scan import scan_html

PAGE = b"""<!doctype html><html><head>
<link rel="Stylesheet" href="/a.css"><link rel="alternate" href="/feed.xml"><link href="/khong-rel">
</head><body>
<IMG SRCSET="/b1.webp 1x, /b2.webp 2x" SRC="/b.jpg">
<img src="/c.jpg" srcset="/c1.webp 1x, /c2.webp 2x" alt="">
<video poster="/p.jpg" src="/v.mp4"></video><a name="cu" href="#cu">x</a><p id="moi">y</p>
</body></html>"""


def test_addresses_come_in_the_order_written_with_their_roles():
    facts = scan_html(PAGE, "index.html")
    found = [(reference.url, reference.line, reference.element, reference.loads, reference.weighed) for reference in facts.references]
    assert found == [
        ("/a.css", 2, "link", True, True),
        ("/feed.xml", 2, "link", False, False),
        ("/khong-rel", 2, "link", False, False),
        ("/b1.webp", 4, "img", True, False),
        ("/b2.webp", 4, "img", True, False),
        ("/b.jpg", 4, "img", True, True),
        ("/c.jpg", 5, "img", True, True),
        ("/c1.webp", 5, "img", True, False),
        ("/c2.webp", 5, "img", True, False),
        ("/p.jpg", 6, "video", True, True),
        ("/v.mp4", 6, "video", True, False),
        ("#cu", 6, "a", False, False),
    ]
    assert facts.ids == {"cu", "moi"} and all(type(anchor) is str for anchor in facts.ids)
    assert [(image.url, image.line) for image in facts.images_without_alt] == [("/b.jpg", 4)]
