"""Reading steps: another plugin's parse of a file, made while it is read and kept with the read result."""

from __future__ import annotations

import pickle

import pytest

from plugins.content_model import _ensure_defaults, add_reading_step, take_read_extra
from plugins.content_model.reader import READ_EXTRAS, ReadResult, StrictMarkdownReader, step_lines
from plugins.content_model.schema import PAGE_KIND
from plugins.content_model.tests.test_reader_converters import settings as markdown_settings


def numbered_lines(lines: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(lines, start=1))


@pytest.fixture
def reader(tmp_path) -> StrictMarkdownReader:
    values = markdown_settings()
    values["PATH"] = str(tmp_path)
    _ensure_defaults(values)
    add_reading_step(values, PAGE_KIND, "lines", numbered_lines)
    add_reading_step(values, PAGE_KIND, "lines", numbered_lines)  # a plugin configured twice (the preview server) runs its step once
    READ_EXTRAS.clear()
    yield StrictMarkdownReader(values)
    READ_EXTRAS.clear()


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / "pages" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def test_a_step_gets_the_files_lines_and_its_result_is_kept_with_the_read(tmp_path, reader):
    path = write(tmp_path, "a.md", "\ufeffTitle: Giới thiệu\r\n\r\nDòng một\rDòng hai\n".encode())
    result = reader.convert(path)
    expected = [(1, "Title: Giới thiệu"), (2, ""), (3, "Dòng một"), (4, "Dòng hai"), (5, "")]
    assert result.extras == {"lines": expected}
    assert pickle.loads(pickle.dumps(result)) == result  # cached and sent from the workers with the read


def test_the_item_takes_its_steps_result_once(tmp_path, reader):
    path = write(tmp_path, "a.md", "Title: Giới thiệu\n\nNội dung.\n".encode())
    reader.read(path)
    assert take_read_extra(path, "lines") == [(1, "Title: Giới thiệu"), (2, ""), (3, "Nội dung."), (4, "")]
    assert take_read_extra(path, "lines") is None
    assert READ_EXTRAS == {}


def test_a_result_from_the_cache_gives_its_steps_result_without_reading_the_file(tmp_path, reader):
    path = write(tmp_path, "a.md", b"Title: A\n")
    cached = ReadResult("<p>x</p>", {"title": "A", "kind": PAGE_KIND}, None, {"lines": "from the cache"})
    reader.settings["CCHC_READ_RESULTS"] = {path: cached}
    reader.read(path)
    assert take_read_extra(path, "lines") == "from the cache"


def test_no_step_runs_on_a_file_with_header_problems(tmp_path, reader):
    path = write(tmp_path, "b.md", "Tieu de: thiếu trường Title\n\nNội dung.\n".encode())
    assert reader.convert(path) is None
    assert take_read_extra(path, "lines") is None


def test_step_lines_end_lines_as_python_reads_a_text_file():
    assert step_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
