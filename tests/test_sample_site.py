"""The sample commune, built once with the real Pelican: every item where it belongs."""

from __future__ import annotations

import filecmp
import re
from collections import Counter
from pathlib import Path

from plugins.content_model.header import parse_header
from plugins.content_model.schema import REFORM_AREAS
from plugins.content_model.validate import parse_item_date
from tests.sitebuild import SAMPLE_CONTENT, run_pelican

KIND_FOLDERS = ("tin", "dien-hinh", "phe-binh", "thu-tuc")


def headers(folder: str) -> dict[Path, dict[str, str]]:
    found = {}
    for path in sorted((SAMPLE_CONTENT / folder).glob("*.md")):
        header = parse_header(path.read_text(encoding="utf-8").split("\n"))
        found[path] = {key: field.value for key, field in header.fields.items()}
    return found


def published(fields: dict[str, str]) -> bool:
    return fields.get("status", "published") == "published"


def test_every_item_has_its_page_at_the_expected_url(sample_site):
    for folder in KIND_FOLDERS:
        for path, fields in headers(folder).items():
            if not published(fields):
                continue
            slug = fields.get("slug", path.stem)
            page = sample_site.path(f"{folder}/{slug}/")
            assert page.exists(), f"{path.name} → {folder}/{slug}/ missing"
            assert sample_site.html(f"{folder}/{slug}/").h1.get_text(strip=True) == fields["title"]


def test_slugs_are_ascii_with_d_for_d_stroke(sample_site):
    slugs = [p.parent.name for p in (sample_site.output / "tin").glob("*/index.html")]
    assert slugs and all(re.fullmatch(r"[a-z0-9-]+", slug) for slug in slugs)
    titles_with_d = [f["title"] for f in headers("tin").values() if "đ" in f["title"].lower()]
    assert titles_with_d, "the sample should exercise đ in titles"


def test_pages_gioi_thieu_and_lien_he(sample_site):
    assert sample_site.html("gioi-thieu/").h1.get_text(strip=True) == "Giới thiệu"
    contact = sample_site.html("lien-he/").get_text()
    assert "0270 3812 345" in contact and "ubnd.tanhoa@vinhlong.gov.vn" in contact


def test_every_page_declares_vietnamese(sample_site):
    pages = sample_site.pages()
    assert len(pages) > 50
    for page in pages:
        assert re.search(r'<html[^>]*\blang="vi"', page.read_text(encoding="utf-8")), page


def test_item_dates_are_shown_in_site_timezone_on_a_utc_machine(sample_site):
    for path, fields in headers("tin").items():
        if not published(fields):
            continue
        moment = parse_item_date(fields["date"], "Asia/Ho_Chi_Minh")
        expected = f"{moment.day:02d}/{moment.month:02d}/{moment.year}"
        time = sample_site.html(f"tin/{path.stem}/").find("time")
        assert time.get_text(strip=True) == expected, path.name
        assert time["datetime"].endswith("+07:00")


def test_sample_content_spans_areas_units_and_months_with_gaps():
    news = [f for f in headers("tin").values() if published(f)]
    months = Counter(parse_item_date(f["date"], "Asia/Ho_Chi_Minh").strftime("%Y-%m") for f in news)
    span = sorted(months)
    first, last = span[0], span[-1]
    month_count = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert len(news) >= 30
    assert month_count >= 18
    assert {f["category"] for f in news} == set(REFORM_AREAS.values())
    assert len({f["unit"] for f in news}) >= 3
    assert sum(1 for n in months.values() if n < 2) + (month_count - len(months)) >= 2, "some months below quota"


def test_archives_by_year_and_month(sample_site):
    assert sample_site.path("luu-tru/2026/01/").exists()
    assert "tháng 01 năm 2026" in sample_site.html("luu-tru/2026/01/").h1.get_text()


def test_output_is_identical_whatever_the_machine_timezone(sample_site, tmp_path):
    local = tmp_path / "local-tz"
    result = run_pelican(SAMPLE_CONTENT, local, env={"TZ": "Asia/Ho_Chi_Minh"})
    assert result.returncode == 0, result.stderr
    left = sorted(p.relative_to(sample_site.output) for p in sample_site.output.rglob("*") if p.is_file())
    right = sorted(p.relative_to(local) for p in local.rglob("*") if p.is_file())
    assert left == right
    _, mismatch, errors = filecmp.cmpfiles(sample_site.output, local, [str(p) for p in left], shallow=False)
    assert mismatch == [] and errors == []


def test_sample_draft_is_not_published(sample_site):
    drafts = [path for path, fields in headers("tin").items() if fields.get("status") == "draft"]
    assert drafts, "the sample keeps one draft to show the feature"
    everything = "".join(p.read_text(encoding="utf-8") for p in sample_site.pages())
    for path in drafts:
        assert not sample_site.path(f"tin/{path.stem}/").exists()
        assert headers("tin")[path]["title"] not in everything
