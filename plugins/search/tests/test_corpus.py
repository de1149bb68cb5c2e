"""The corpus script that measures the index for the README: the content it writes and the sizes it reports."""

from __future__ import annotations

import re

from plugins.search.corpus import index_size, size_row, write_corpus


def test_write_corpus_adds_numbered_items_until_the_count(tmp_path):
    content = tmp_path / "content"
    added = write_corpus(content, 120)
    items = [p for kind in ("tin", "dien-hinh", "phe-binh", "thu-tuc", "pages") for p in (content / kind).glob("*.md")]
    drafts = [p for p in items if re.search(r"^Status: draft", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert added > 50 and len(items) - len(drafts) == 120
    generated = sorted((content / "tin").glob("*-ban-1.md")) + sorted((content / "dien-hinh").glob("*-ban-*.md"))
    assert generated
    for path in generated:
        text = path.read_text(encoding="utf-8")
        header = text.split("\n\n", 1)[0]
        assert re.search(r"^Title: .* \(bản \d+\)$", header, re.MULTILINE)
        assert re.search(r"^Date: 202[345]-\d\d-\d\d \d\d:\d\d \+07:00$", header, re.MULTILINE)
        assert not re.search(r"^(Image|Audio|Slug|Status)", header, re.MULTILINE)


def test_the_same_seed_writes_the_same_corpus(tmp_path):
    write_corpus(tmp_path / "a", 80)
    write_corpus(tmp_path / "b", 80)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.md")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.md")}
    assert first == second


def test_index_size_of_the_sample(sample_site):
    size = index_size(sample_site.output / "tim-kiem" / "chi-muc")
    assert size.items == len(list((sample_site.output / "tim-kiem" / "chi-muc" / "d").glob("*.json"))) > 50
    assert size.files == 1 + size.items + len(list((sample_site.output / "tim-kiem" / "chi-muc" / "t").glob("*.json")))
    assert 0 < size.gzip_bytes < size.raw_bytes
    assert size.first_query_gzip < 60 * 1024
    assert size_row("sample", size).startswith(f"| sample | {size.items} | {size.files} | ")
