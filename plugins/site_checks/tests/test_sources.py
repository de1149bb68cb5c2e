"""The items' text is parsed after the build only when a finding or an image in it needs it."""

from pathlib import Path
from types import SimpleNamespace

from plugins.site_checks import check_output
from plugins.site_checks.sources import BuildItems


def item(name: str, body: str) -> SimpleNamespace:
    return SimpleNamespace(save_as=f"tin/{name}/index.html", source_path=f"content/tin/{name}.md", content=body)


def generators(*items: SimpleNamespace) -> list[SimpleNamespace]:
    return [SimpleNamespace(articles=list(items))]


def clean_site(output: Path) -> None:
    (output / "tin" / "a").mkdir(parents=True)
    (output / "tin" / "a" / "index.html").write_text('<html><body><a href="/tin/a/">A</a></body></html>', encoding="utf-8")


def test_a_clean_site_without_images_in_the_text_never_parses_it(tmp_path, monkeypatch):
    clean_site(tmp_path)
    items = BuildItems(generators(item("a", "<p>Chữ.</p>")))
    assert not items.show_images
    monkeypatch.setattr(BuildItems, "sources", lambda self: (_ for _ in ()).throw(AssertionError("parsed")))
    assert check_output(tmp_path, {"SITEURL": ""}, items) == []


def test_an_image_without_description_in_the_text_is_still_found(tmp_path):
    clean_site(tmp_path)
    items = BuildItems(generators(item("a", "<p>Chữ.</p>"), item("b", '<p><IMG src="/anh/b.jpg" alt=""></p>')))
    assert items.show_images
    (problem,) = check_output(tmp_path, {"SITEURL": ""}, items)
    assert problem.path == "content/tin/b.md" and "«/anh/b.jpg»" in problem.message


def test_a_finding_is_placed_at_the_item_that_wrote_it(tmp_path):
    clean_site(tmp_path)
    (tmp_path / "tin" / "a" / "index.html").write_text('<html><body><a href="/tin/khong-co/">X</a></body></html>', encoding="utf-8")
    items = BuildItems(generators(item("a", '<p><a href="/tin/khong-co/">X</a></p>')))
    (problem,) = check_output(tmp_path, {"SITEURL": ""}, items)
    assert problem.path == "content/tin/a.md" and "«/tin/khong-co/»" in problem.message
