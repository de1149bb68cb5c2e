"""``make new``: every kind's scaffold, built with the real Pelican as a draft, then published once filled."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from plugins.editor_workflow.fields import TECHNICAL_FIELDS
from plugins.editor_workflow.scaffold import ScaffoldError, checked_title, chosen_area, chosen_date, chosen_unit
from tests.sitebuild import PROJECT_ROOT, SAMPLE_CONTENT, run_pelican

from .workflow import choose_first_values, filled, published, run_workflow

SETTINGS = {"TIMEZONE": "Asia/Ho_Chi_Minh", "UNITS": {"van-phong": "Văn phòng HĐND và UBND"}}
ITEM_KINDS = {"tin": "tin", "dien-hinh": "dien-hinh", "phe-binh": "phe-binh", "thu-tuc": "thu-tuc"}
KINDS = {**ITEM_KINDS, "trang": "pages"}


def title_of(kind: str) -> str:
    return f"Bài mới loại {kind}: thử «make new»"


def slug_of(kind: str) -> str:
    return f"bai-moi-loai-{kind}-thu-make-new"


@pytest.fixture(scope="module")
def made_items(tmp_path_factory) -> dict[str, Path]:
    """One new item of each kind as ``make new KIND=… TITLE=…`` makes it, and one with AREA, UNIT and DATE."""
    content = tmp_path_factory.mktemp("scaffolds") / "content"
    content.mkdir()
    requests = {kind: {"KIND": kind, "TITLE": title_of(kind)} for kind in KINDS}
    requests["with-options"] = {
        "KIND": "tin", "TITLE": "Hội nghị", "AREA": "chinh-quyen-so", "UNIT": "phong kinh te", "DATE": "01/12/2026 07:00",
    }
    with ThreadPoolExecutor() as pool:
        runs = {name: pool.submit(run_workflow, "new", content=content, env=env) for name, env in requests.items()}
    made = {kind: content / folder / f"{slug_of(kind)}.md" for kind, folder in KINDS.items()}
    made["with-options"] = content / "tin" / "hoi-nghi.md"
    for name, run in runs.items():
        result = run.result()
        assert result.returncode == 0, result.stderr
        assert made[name].is_file() and made[name].name in result.stdout
    return made


@pytest.fixture(scope="module")
def scaffolds(made_items) -> dict[str, Path]:
    return {kind: made_items[kind] for kind in KINDS}


@pytest.fixture(scope="module")
def fields_by_kind() -> dict[str, dict[str, bool]]:
    """``CCHC_FIELDS`` as merged by every plugin of the real settings."""
    script = (
        "import json; from pelican import Pelican; from plugins.editor_workflow.site import load_settings;"
        "print(json.dumps(Pelican(load_settings()).settings['CCHC_FIELDS']))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def sample_item(kind: str) -> tuple[dict[str, str], str]:
    """Header values and body of the first sample item of ``kind``: valid values to fill a scaffold with."""
    source = sorted((SAMPLE_CONTENT / KINDS[kind]).glob("*.md"))[0].read_text(encoding="utf-8")
    header, _, body = source.partition("\n\n")
    values = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    return values, body.strip()


def as_draft_ready(kind: str, text: str) -> str:
    """What an editor must do before a new item of any kind builds as a draft: pick one value of each listed choice."""
    return choose_first_values(text)


def site_of(root: Path, scaffolds: dict[str, Path], edit) -> Path:
    content = root / "content"
    for kind, path in scaffolds.items():
        target = content / KINDS[kind] / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(edit(kind, path.read_text(encoding="utf-8")), encoding="utf-8")
    return content


def test_each_kind_gets_a_file_in_its_folder_with_title_date_slug_unit_and_draft_status(scaffolds):
    for kind, path in scaffolds.items():
        text = path.read_text(encoding="utf-8")
        header = text.partition("\n\n")[0]
        assert f"Title: {title_of(kind)}\n" in header
        assert f"Slug: {slug_of(kind)}\n" in header
        assert "Status: draft\n" in header
        if kind in ITEM_KINDS:
            assert "Date: 2026-11-25 08:30 +07:00\n" in header, "today (CCHC_NOW), with +07:00"
            assert "Unit: Văn phòng HĐND và UBND\n" in header, "DEFAULT_UNIT's name"
        else:
            assert re.search(r"^# Date: $", header, flags=re.MULTILINE), "a page's date is optional"


def test_reform_area_is_chosen_from_the_six_listed_areas(scaffolds):
    header = scaffolds["tin"].read_text(encoding="utf-8").partition("\n\n")[0]
    listed = re.findall(r"^# Category: (.+)$", header, flags=re.MULTILINE)
    assert listed == [
        "Cải cách thể chế",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy hành chính nhà nước",
        "Cải cách chế độ công vụ",
        "Cải cách tài chính công",
        "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    ]
    assert not re.search(r"^Category:", header, flags=re.MULTILINE)


def test_every_field_of_every_kind_is_filled_or_commented_with_its_meaning(scaffolds, fields_by_kind):
    for kind, path in scaffolds.items():
        header = path.read_text(encoding="utf-8").partition("\n\n")[0].lower()
        for key, required in fields_by_kind[kind].items():
            if key in TECHNICAL_FIELDS:
                continue
            assert re.search(rf"^(# )?{key}: ", header, flags=re.MULTILINE), f"{kind}: {key} missing"
            if not required and re.search(rf"^# {key}: ", header, flags=re.MULTILINE):
                assert re.search(rf"^# {key} — \S", header, flags=re.MULTILINE), f"{kind}: {key} unexplained"


def test_scaffolds_build_as_drafts_once_the_listed_choices_are_made(scaffolds, tmp_path):
    content = site_of(tmp_path, scaffolds, as_draft_ready)
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "output").rglob("*thu-make-new*")), "a draft is never published"
    assert "[điền" not in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "output").rglob("*.html"))


def test_publishing_a_scaffold_with_placeholders_fails_naming_each_line(scaffolds, tmp_path):
    content = site_of(tmp_path, scaffolds, lambda kind, text: published(as_draft_ready(kind, text)))
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 2, result.stdout + result.stderr
    story = scaffolds["dien-hinh"].read_text(encoding="utf-8").splitlines()
    for key in ("Honoree", "Achievement"):
        line = next(n for n, text in enumerate(story, start=1) if text.startswith(f"{key}: [điền"))
        expected = f"content/dien-hinh/{slug_of('dien-hinh')}.md:{line - 1}: trường «{key}» vẫn còn chữ mẫu"
        assert expected in result.stderr, result.stderr
    news = scaffolds["tin"].read_text(encoding="utf-8").splitlines()
    body_line = next(n for n, text in enumerate(news, start=1) if text.startswith("[điền"))
    assert f"content/tin/{slug_of('tin')}.md:{body_line - 1}: nội dung bài vẫn còn chữ mẫu" in result.stderr
    assert not (tmp_path / "output" / "index.html").exists()


def test_filled_scaffolds_of_every_kind_are_published(scaffolds, tmp_path):
    def fill(kind: str, text: str) -> str:
        values, body = sample_item(kind)
        return filled(published(as_draft_ready(kind, text)), values, body)

    content = site_of(tmp_path, scaffolds, fill)
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        page = tmp_path / "output" / (kind if kind in ITEM_KINDS else "") / slug_of(kind) / "index.html"
        assert page.exists(), f"{kind} not published"
        assert title_of(kind).split(":")[0] in page.read_text(encoding="utf-8")
    story = (tmp_path / "output" / "dien-hinh" / slug_of("dien-hinh") / "index.html").read_text(encoding="utf-8")
    assert sample_item("dien-hinh")[0]["Honoree"] in story


def test_given_area_unit_and_date_are_filled_in(made_items):
    header = made_items["with-options"].read_text(encoding="utf-8").partition("\n\n")[0]
    assert "\nCategory: Xây dựng và phát triển chính quyền điện tử, chính quyền số\n" in header
    assert "\nUnit: Phòng Kinh tế\n" in header
    assert "\nDate: 2026-12-01 07:00 +07:00\n" in header
    assert "# Category:" not in header


def test_an_existing_file_is_never_overwritten(scaffolds):
    existing = scaffolds["tin"]
    before = existing.read_bytes()
    again = run_workflow("new", "--kind", "tin", "--title", title_of("tin"), content=existing.parent.parent)
    assert again.returncode == 1
    assert f"LỖI: đã có tệp content/tin/{existing.name}; không ghi đè." in again.stderr
    assert existing.read_bytes() == before


def test_an_unknown_kind_is_refused_listing_the_kinds(tmp_path):
    (tmp_path / "content").mkdir()
    result = run_workflow("new", "--kind", "tin-tuc", "--title", "A", content=tmp_path / "content")
    assert result.returncode == 1
    assert "LỖI: loại bài «tin-tuc» không có. Viết KIND= một trong: tin, dien-hinh, phe-binh, thu-tuc" in result.stderr
    assert not list((tmp_path / "content").rglob("*.md"))


@pytest.mark.parametrize(
    ("choose", "message"),
    [
        (lambda: checked_title("  "), "chưa có tiêu đề"),
        (lambda: checked_title("Một\nhai"), "tiêu đề phải nằm trên một dòng"),
        (lambda: checked_title("!!!"), "không tạo được địa chỉ bài"),
        (lambda: chosen_area("văn hóa"), "lĩnh vực «văn hóa» không có. Viết AREA= một trong: the-che"),
        (lambda: chosen_unit(SETTINGS, "Ban X"), "đơn vị «Ban X» không có trong UNITS. Viết UNIT= một trong: Văn phòng"),
        (lambda: chosen_date(SETTINGS, "2026-13-01"), "DATE: tháng 13 không tồn tại. Viết theo mẫu"),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(choose, message):
    with pytest.raises(ScaffoldError, match=message):
        choose()


def test_area_unit_and_date_are_read_as_the_header_reads_them():
    assert chosen_area("cai cach the che") == "Cải cách thể chế"
    assert chosen_unit(SETTINGS, "van-phong") == "Văn phòng HĐND và UBND"
    assert chosen_date(SETTINGS, "05/02/2027").isoformat() == "2027-02-05T00:00:00+07:00"
    assert chosen_unit(SETTINGS, "") is None and chosen_date(SETTINGS, "") is None
