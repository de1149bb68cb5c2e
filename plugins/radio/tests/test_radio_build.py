"""The radio on the built sample site: scripts beside every item, the player on items with a recording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.radio.speech import DEFAULT_ABBREVIATIONS
from tests.sitebuild import SAMPLE_CONTENT, run_pelican, write_content

RADIO_KINDS = ("tin", "dien-hinh", "phe-binh")
WITH_AUDIO = "tin/xa-tan-hoa-dat-ty-le-92-ho-so-truc-tuyen-trong-quy-iii/"
AUDIO = "audio/ban-tin-92-phan-tram-ho-so-truc-tuyen-quy-iii-2025.mp3"
WITHOUT_AUDIO = "tin/xa-tan-hoa-cong-khai-du-toan-ngan-sach-nam-2026/"


def item_folders(output: Path, kinds=RADIO_KINDS) -> list[Path]:
    """Folders of item pages (not the kind listings or their pages ``trang-2/``)."""
    return [
        page.parent
        for kind in kinds
        for page in sorted((output / kind).glob("*/index.html"))
        if not re.fullmatch(r"trang-\d+", page.parent.name)
    ]


def script_of(site, folder: Path) -> str:
    raw = (folder / "radio.txt").read_bytes()
    assert raw.startswith("\ufeff".encode()), "the script starts with a BOM so Notepad and browsers read UTF-8"
    return raw.decode("utf-8-sig")


def test_every_news_story_and_criticism_has_a_script_beside_its_page(sample_site):
    folders = item_folders(sample_site.output)
    assert len(folders) >= 40
    missing = [str(folder) for folder in folders if not (folder / "radio.txt").is_file()]
    assert not missing


def test_procedures_get_no_radio_script(sample_site):
    assert not list((sample_site.output / "thu-tuc").rglob("radio.txt"))


def test_scripts_have_no_markup_links_digits_or_abbreviations(sample_site):
    abbreviation = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in DEFAULT_ABBREVIATIONS) + r")(?!\w)")
    for folder in item_folders(sample_site.output):
        script = script_of(sample_site, folder)
        where = folder.relative_to(sample_site.output)
        assert not re.search(r"[<>*#`|\[\]{}%]|https?:|www\.|\.(?:jpg|png|mp3)\b", script), where
        assert not re.search(r"\d", script), (where, re.findall(r".{20}\d.{20}", script)[:3])
        assert not abbreviation.search(script), (where, abbreviation.findall(script)[:3])


def test_script_reads_the_item_as_spoken(sample_site):
    script = script_of(sample_site, sample_site.output / WITH_AUDIO)
    lines = script.split("\n")
    assert lines[0] == "BẢN TIN PHÁT THANH – CHUYÊN MỤC CẢI CÁCH HÀNH CHÍNH"
    assert lines[1] == "Ủy ban nhân dân xã Tân Hòa"
    assert "Xã Tân Hòa đạt tỷ lệ chín mươi hai phần trăm hồ sơ trực tuyến trong quý ba" in lines
    assert (
        "Trung tâm Phục vụ hành chính công đưa tin ngày mùng tám tháng mười năm hai nghìn không trăm hai mươi lăm."
        in lines
    )
    assert "tiếp nhận ba nghìn bốn trăm tám mươi sáu hồ sơ" in script
    assert "chín mươi tám phẩy chín phần trăm giải quyết đúng hạn" in script
    assert "Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh" in script
    assert "Nhiệm vụ quý bốn." in script.split("\n\n")


def test_item_with_a_recording_has_an_accessible_player(sample_site):
    page = sample_site.html(WITH_AUDIO)
    player = page.select_one("section.radio-player")
    assert player is not None
    audio = player.find("audio")
    assert audio.has_attr("controls") and audio["preload"] == "none"
    assert player.find(id=audio["aria-labelledby"]).get_text(strip=True) == "Nghe bản tin"
    source = audio.find("source")
    assert source["src"] == f"/{AUDIO}" and source["type"] == "audio/mpeg"
    assert audio.find("a", href=f"/{AUDIO}"), "a fallback link for browsers without audio"
    assert player.find("time")["datetime"] == "PT18S"
    assert player.find("time").get_text() == "18 giây"
    download = player.find("a", attrs={"download": True})
    assert download["href"] == f"/{AUDIO}" and "55 KB" in download.get_text()
    assert player.find("a", href=f"/{WITH_AUDIO}radio.txt")
    published = sample_site.output / AUDIO
    assert published.read_bytes() == (SAMPLE_CONTENT / AUDIO).read_bytes()


def test_item_without_a_recording_has_no_player(sample_site):
    page = sample_site.html(WITHOUT_AUDIO)
    assert page.find("audio") is None and page.select_one(".radio-player") is None


@pytest.mark.parametrize("mp3", sorted(p.name for p in (SAMPLE_CONTENT / "audio").glob("*.mp3")))
def test_sample_recordings_are_small_real_mp3s(mp3):
    data = (SAMPLE_CONTENT / "audio" / mp3).read_bytes()
    assert len(data) <= 60 * 1024
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


BAD_ITEM = """Title: Bản tin có tệp âm thanh sai
Date: 2026-03-10 08:30 +07:00
Category: Cải cách thể chế
Unit: Văn phòng HĐND và UBND
Audio: audio/khong-co.mp3
AudioDuration: 3 phút 25

Nội dung.
"""


def test_bad_audio_fields_fail_the_build_with_file_and_line(tmp_path):
    content = write_content(tmp_path / "content", {"tin/ban-tin-sai.md": BAD_ITEM})
    result = run_pelican(content, tmp_path / "output")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "content/tin/ban-tin-sai.md:5: Audio: không tìm thấy tệp «audio/khong-co.mp3»" in result.stderr
    assert "content/tin/ban-tin-sai.md:6: AudioDuration «3 phút 25» không đúng dạng phút:giây" in result.stderr
    assert not (tmp_path / "output" / "index.html").exists()
