"""Small sites of their own: every bad image fails the build at its file and line; the cache, the pool, drafts,
published originals, and ``make check``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plugins.images.default import default_emblem
from plugins.images.tests import pictures
from tests.sitebuild import PROJECT_ROOT, run_pelican, write_content

HEADER = """Title: {title}
Date: 2026-02-05 08:30 +07:00
Category: Cải cách thủ tục hành chính
Unit: Văn phòng HĐND và UBND
"""


def item(title: str, extra_header: str = "", body: str = "Nội dung bài.") -> str:
    """An item whose header has 4 lines plus ``extra_header``; the body starts two lines after."""
    return HEADER.format(title=title) + extra_header + "\n" + body + "\n"


def settings_file(folder: Path, overrides: dict | None = None) -> Path:
    """The development settings with ``overrides``; ``CACHE_PATH`` lands in ``folder/cache`` (relative to this file)."""
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(PROJECT_ROOT)!r})",
        "from pelicanconf import *  # noqa: F403",
        f"THEME = {str(PROJECT_ROOT / 'theme')!r}",
        "CACHE_PATH = 'cache'",
        *(f"{key} = {value!r}" for key, value in (overrides or {}).items()),
    ]
    path = folder / "settings.py"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line.strip()[2:] for line in stderr.splitlines() if line.strip().startswith("- content/")]


def one_line(lines: list[str], location: str) -> str:
    found = [line for line in lines if line.startswith(location)]
    assert len(found) == 1, (location, lines)
    return found[0]


BAD_SITE = {
    "tin/thieu-tep.md": item("Ảnh không có", body="Mở đầu.\n\n![Quang cảnh hội nghị](images/khong-co.jpg)"),
    "tin/van-ban.md": item("Tệp văn bản", "Image: images/trang-loi.jpg\nImageAlt: Quầy tiếp nhận\n"),
    "tin/cat-cut.md": item("Ảnh cắt cụt", body="![Người dân nộp hồ sơ](images/cat-cut.jpg)"),
    "tin/bom.md": item("Bom giải nén", body="Đoạn một.\n\n![Sơ đồ](images/bom.png)"),
    "tin/qua-lon.md": item("Ảnh quá lớn", body="![Toàn cảnh trụ sở](images/lon.jpg)"),
    "tin/iphone.md": item("Ảnh HEIC", body="![Buổi tiếp dân]({static}/images/iphone.jpg)"),
    "tin/ngoai-thu-muc.md": item("Ngoài thư mục", body="![Ảnh](../../bi-mat.jpg)"),
    "tin/dai-dien-khong-mo-ta.md": item("Ảnh đại diện thiếu mô tả", "Image: images/tot.jpg\n"),
    "tin/mo-ta-la-ten-tep.md": item("Mô tả là tên tệp", body="![IMG_2034.jpg](images/tot.jpg)"),
    "tin/chi-co-mo-ta.md": item("Chỉ có mô tả", "ImageAlt: Ảnh quầy một cửa\n"),
    "tin/anh-trang-khac.md": item("Ảnh trang khác", "Image: https://example.com/anh.jpg\nImageAlt: Ảnh hội nghị\n"),
    "images/trang-loi.jpg": pictures.text_named_jpg(),
    "images/cat-cut.jpg": pictures.truncated_jpeg(),
    "images/bom.png": pictures.decompression_bomb(),
    "images/lon.jpg": pictures.jpeg((1700, 1200)),
    "images/iphone.jpg": pictures.heic_header(),
    "images/tot.jpg": pictures.jpeg((640, 480), seed=2),
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-images")
    (root / "bi-mat.jpg").write_bytes(pictures.jpeg((64, 64)))
    content = write_content(root / "content", BAD_SITE)
    started = time.monotonic()
    process = run_pelican(content, root / "output", settings=settings_file(root, {"IMAGE_MAX_PIXELS": 2_000_000}))
    return process, root / "output", time.monotonic() - started


def test_bad_images_fail_the_build_before_anything_is_written(bad_build):
    process, output, seconds = bad_build
    assert process.returncode == 2, process.stdout + process.stderr
    assert "LỖI NỘI DUNG" in process.stderr and "Traceback" not in process.stderr
    assert not (output / "index.html").exists() and not (output / "anh").exists()
    assert seconds < 120, "no hang on a decompression bomb"
    assert len(problem_lines(process.stderr)) == 11


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("content/tin/thieu-tep.md:8:", ["«images/khong-co.jpg»", "không dẫn tới trang hay tệp nào", "content/images/khong-co.jpg"]),
        ("content/tin/van-ban.md:5:", ["«images/trang-loi.jpg»", "không phải là ảnh"]),
        ("content/tin/cat-cut.md:6:", ["«images/cat-cut.jpg»", "bị hỏng hoặc chưa chép hết"]),
        ("content/tin/bom.md:8:", ["«images/bom.png»", "100.000 × 100.000", "bom giải nén"]),
        ("content/tin/qua-lon.md:6:", ["«images/lon.jpg»", "1.700 × 1.200", "vượt giới hạn 2 megapixel", "IMAGE_MAX_PIXELS"]),
        ("content/tin/iphone.md:6:", ["«{static}/images/iphone.jpg»", "HEIC"]),
        ("content/tin/ngoai-thu-muc.md:6:", ["«../../bi-mat.jpg»", "ngoài thư mục content"]),
        ("content/tin/dai-dien-khong-mo-ta.md:5:", ["«images/tot.jpg»", "ImageAlt"]),
        ("content/tin/mo-ta-la-ten-tep.md:6:", ["«IMG_2034.jpg»", "tên tệp"]),
        ("content/tin/chi-co-mo-ta.md:5:", ["ImageAlt", "không có dòng «Image:"]),
        ("content/tin/anh-trang-khac.md:5:", ["«https://example.com/anh.jpg»", "không tải gì từ nơi khác"]),
    ],
)
def test_each_bad_image_is_named_with_its_item_and_line(bad_build, location, words):
    line = one_line(problem_lines(bad_build[0].stderr), location)
    for word in words:
        assert word in line


def test_an_image_without_description_is_reported_at_its_line(tmp_path):
    content = write_content(tmp_path / "content", {
        "tin/khong-mo-ta.md": item("Ảnh không mô tả", body="Mở đầu.\n\n![](images/tot.jpg)"),
        "images/tot.jpg": pictures.jpeg((640, 480), seed=2),
    })
    process = run_pelican(content, tmp_path / "output", settings=settings_file(tmp_path))
    assert process.returncode == 2
    line = one_line(problem_lines(process.stderr), "content/tin/khong-mo-ta.md:8:")
    assert "images/tot.jpg" in line and "mô tả" in line


def test_without_the_post_build_checks_the_images_plugin_reports_it_before_writing(tmp_path):
    content = write_content(tmp_path / "content", {
        "tin/khong-mo-ta.md": item("Ảnh không mô tả", body="![ ](images/tot.jpg)"),
        "images/tot.jpg": pictures.jpeg((640, 480), seed=2),
    })
    process = run_pelican(content, tmp_path / "output", settings=settings_file(tmp_path, {"SITE_CHECKS": False}))
    assert process.returncode == 2 and "LỖI NỘI DUNG" in process.stderr
    line = one_line(problem_lines(process.stderr), "content/tin/khong-mo-ta.md:6:")
    assert "«images/tot.jpg» chưa có mô tả" in line
    assert not (tmp_path / "output" / "index.html").exists()


CACHED_SITE = {
    **{f"tin/bai-{n}.md": item(f"Bài có ảnh số {n}", f"Image: images/anh-{n}.jpg\nImageAlt: Ảnh số {n}\n") for n in range(4)},
    **{f"images/anh-{n}.jpg": pictures.jpeg((1700, 1200), seed=n) for n in range(4)},
    "tin/nhap.md": item("Bản nháp có ảnh thiếu", "Status: draft\n", "![Ảnh sẽ chụp sau](images/chua-chup.jpg)"),
}


def image_files(output: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((output / "anh").iterdir())}


def stats(root: Path) -> dict:
    return json.loads((root / "cache" / "images" / "last-build.json").read_text(encoding="utf-8"))


def test_a_rebuild_with_unchanged_images_processes_none_and_output_is_deterministic(tmp_path):
    content = write_content(tmp_path / "content", CACHED_SITE)
    settings = settings_file(tmp_path)
    first = run_pelican(content, tmp_path / "first", settings=settings)
    assert first.returncode == 0, first.stderr
    made = stats(tmp_path)
    assert (made["sources"], made["processed"], made["reused"]) == (4, 4, 0), "the draft's missing image is not looked at"
    assert made["workers"] == min(os.cpu_count() or 1, 5) and len(made["worker_pids"]) == made["workers"]
    first_files = image_files(tmp_path / "first")
    assert len(first_files) == 4 * 11 + 5, "4 × (3 widths × 2 formats, 4 thumbnails, 1 card) and the default's 5"

    assert run_pelican(content, tmp_path / "second", settings=settings).returncode == 0
    again = stats(tmp_path)
    assert (again["processed"], again["reused"], again["files_made"]) == (0, 4, 0)
    assert image_files(tmp_path / "second") == first_files

    shutil.rmtree(tmp_path / "cache")
    assert run_pelican(content, tmp_path / "third", settings=settings).returncode == 0
    assert stats(tmp_path)["processed"] == 4
    assert image_files(tmp_path / "third") == first_files, "made again from nothing: the same bytes"

    (content / "images/anh-2.jpg").write_bytes(pictures.jpeg((1700, 1200), seed=9))
    assert run_pelican(content, tmp_path / "fourth", settings=settings).returncode == 0
    assert (stats(tmp_path)["processed"], stats(tmp_path)["reused"]) == (1, 3)


def test_originals_are_published_only_when_the_setting_says_so(tmp_path):
    content = write_content(tmp_path / "content", {
        "tin/bai.md": item("Bài có ảnh", "Image: images/anh.jpg\nImageAlt: Ảnh quầy\n"),
        "images/anh.jpg": pictures.phone_photo((120, 160)),
    })
    process = run_pelican(content, tmp_path / "output", settings=settings_file(tmp_path, {"IMAGE_PUBLISH_ORIGINALS": True}))
    assert process.returncode == 0, process.stderr
    assert (tmp_path / "output/images/anh.jpg").read_bytes() == (content / "images/anh.jpg").read_bytes()
    assert list((tmp_path / "output/anh").glob("anh-160.*.webp")), "and the light copies as well"


def test_make_check_decodes_images_too(tmp_path):
    content = write_content(tmp_path / "content", {
        "tin/cat-cut.md": item("Ảnh cắt cụt", body="![Người dân nộp hồ sơ](images/cat-cut.jpg)"),
        "images/cat-cut.jpg": pictures.truncated_jpeg(),
    })
    process = subprocess.run(
        [sys.executable, "-m", "plugins.editor_workflow", "--settings", str(settings_file(tmp_path)), "--content", str(content), "check"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert process.returncode == 2
    assert "cat-cut.md:6:" in process.stderr and "bị hỏng hoặc chưa chép hết" in process.stderr


def test_a_raster_emblem_among_the_photos_is_still_published_and_makes_the_default(tmp_path):
    from pelicanconf import SITE_OWNER

    content = write_content(tmp_path / "content", {
        "tin/bai.md": item("Bài không có ảnh"),
        "images/logo.png": pictures.png((300, 300), alpha=True),
        "images/chua-dung.jpg": pictures.phone_photo((120, 160)),
    })
    settings = settings_file(tmp_path, {"SITE_OWNER": {**SITE_OWNER, "emblem": "images/logo.png"}})
    process = run_pelican(content, tmp_path / "output", settings=settings)
    assert process.returncode == 0, process.stderr
    assert (tmp_path / "output/images/logo.png").read_bytes() == (content / "images/logo.png").read_bytes()
    assert not (tmp_path / "output/images/chua-dung.jpg").exists(), "a photo no item uses is not published either"
    assert list((tmp_path / "output/anh").glob("mac-dinh-og.*.png"))
    owner = {**SITE_OWNER, "emblem": "images/logo.png"}
    theme = str(PROJECT_ROOT / "theme")
    assert default_emblem({"PATH": str(content), "THEME": theme, "SITE_OWNER": owner}) == str(content / "images/logo.png")
    assert default_emblem({"PATH": str(content), "THEME": theme, "SITE_OWNER": SITE_OWNER}) is None, "SVG: drawn instead"


def test_a_broken_photo_alone_stops_the_build_when_collected_before_anything_is_written(tmp_path):
    """The pool runs while the build goes on; its results are collected before the first file is written."""
    content = write_content(tmp_path / "content", {
        "tin/cat-cut.md": item("Ảnh cắt cụt", body="![Người dân nộp hồ sơ](images/cat-cut.jpg)"),
        "tin/tot.md": item("Ảnh tốt", "Image: images/tot.jpg\nImageAlt: Quầy một cửa\n"),
        "images/cat-cut.jpg": pictures.truncated_jpeg(),
        "images/tot.jpg": pictures.jpeg((640, 480), seed=2),
    })
    process = run_pelican(content, tmp_path / "output", settings=settings_file(tmp_path))
    assert process.returncode == 2 and "LỖI NỘI DUNG" in process.stderr and "Traceback" not in process.stderr
    line = one_line(problem_lines(process.stderr), "content/tin/cat-cut.md:6:")
    assert "bị hỏng hoặc chưa chép hết" in line
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir()), "nothing written"


def test_the_quota_report_fails_on_a_broken_photo_like_the_build(tmp_path):
    from plugins.quota_report.tests.test_plan import GOOD_PLAN

    content = write_content(tmp_path / "content", {
        "tin/cat-cut.md": item("Ảnh cắt cụt", body="![Người dân nộp hồ sơ](images/cat-cut.jpg)"),
        "images/cat-cut.jpg": pictures.truncated_jpeg(),
        "ke-hoach/2026.yaml": GOOD_PLAN,
    })
    command = [sys.executable, "-m", "plugins.quota_report", "2026-02", "--content", str(content), "--settings", str(settings_file(tmp_path)),
               "--reports", str(tmp_path / "reports"), "--now", "2026-03-20T10:00"]
    process = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert process.returncode == 2, process.stdout + process.stderr
    assert "cat-cut.md:6:" in process.stderr and "bị hỏng hoặc chưa chép hết" in process.stderr
