from pathlib import Path

import pytest

from plugins.content_model.header import parse_header
from plugins.radio.audio import AudioFile, audio_problems, duration_seconds, relative_audio_path

MP3_FRAME = b"\xff\xf3\x38\xc4" + bytes(200)


@pytest.mark.parametrize(
    ("written", "seconds"),
    [("03:25", 205), ("3:25", 205), ("00:13", 13), ("1:02:05", 3725), ("75:00", 4500), ("3.25", None), ("03:75", None), ("1:75:00", None), ("ba phút", None)],
)
def test_duration(written, seconds):
    assert duration_seconds(written) == seconds


@pytest.mark.parametrize(
    ("written", "path"),
    [("audio/a.mp3", "audio/a.mp3"), ("/audio/a.mp3", "audio/a.mp3"), ("{static}/audio/a.mp3", "audio/a.mp3"), ("audio/../audio/a.mp3", "audio/a.mp3")],
)
def test_audio_path_is_relative_to_content(written, path):
    assert relative_audio_path(written) == path


def test_audio_file_labels():
    audio = AudioFile(path="audio/a.mp3", url="audio/a.mp3", length=40_176, duration="03:25", seconds=205)
    assert audio.iso_duration == "PT3M25S"
    assert audio.spoken_duration == "3 phút 25 giây"
    assert audio.size_label == "40 KB"
    assert AudioFile("a", "a", 2_400_000, "1:00:00", 3600).spoken_duration == "1 giờ"
    assert AudioFile("a", "a", 2_400_000, "1:00:00", 3600).size_label == "2,4 MB"


def problems_of(tmp_path: Path, header_lines: list[str]) -> list[tuple[int | None, str]]:
    (tmp_path / "audio").mkdir(exist_ok=True)
    (tmp_path / "audio" / "ok.mp3").write_bytes(MP3_FRAME)
    (tmp_path / "audio" / "fake.mp3").write_bytes(b"<html>not audio</html>")
    (tmp_path / "tin").mkdir(exist_ok=True)
    (tmp_path / "tin" / "stray.mp3").write_bytes(MP3_FRAME)
    settings = {"PATH": str(tmp_path), "STATIC_PATHS": ["images", "audio"]}
    return list(audio_problems(parse_header(["Title: Tin", *header_lines, ""]), settings))


def test_good_audio_has_no_problem(tmp_path):
    assert problems_of(tmp_path, ["Audio: audio/ok.mp3", "AudioDuration: 00:13"]) == []


@pytest.mark.parametrize(
    ("lines", "line", "words"),
    [
        (["Audio: audio/missing.mp3", "AudioDuration: 00:13"], 2, "không tìm thấy tệp «audio/missing.mp3»"),
        (["Audio: audio/ok.wav", "AudioDuration: 00:13"], 2, "chỉ nhận tệp MP3"),
        (["Audio: audio/fake.mp3", "AudioDuration: 00:13"], 2, "không phải tệp MP3 thật"),
        (["Audio: tin/stray.mp3", "AudioDuration: 00:13"], 2, "nằm ngoài các thư mục được xuất bản"),
        (["Audio: ../secret.mp3", "AudioDuration: 00:13"], 2, "không tìm thấy tệp"),
        (["Audio: audio/ok.mp3", "AudioDuration: 3 phút"], 3, "không đúng dạng phút:giây"),
        (["Audio: audio/ok.mp3", "AudioDuration: 00:00"], 3, "không đúng dạng phút:giây"),
        (["Audio: audio/ok.mp3"], 2, "thiếu thời lượng"),
        (["AudioDuration: 00:13"], 2, "không có «Audio»"),
    ],
)
def test_each_audio_problem_names_its_line(tmp_path, lines, line, words):
    problems = problems_of(tmp_path, lines)
    assert len(problems) == 1, problems
    assert problems[0][0] == line
    assert words in problems[0][1]
