"""The rules for a procedure's header values and body, on their own (pure functions, no build)."""

from __future__ import annotations

from pathlib import Path

from plugins.content_model.header import parse_header
from plugins.content_model.reader import decoded_text, step_lines
from plugins.procedures.body import parse_body, parse_document
from plugins.procedures.fields import check_procedure_header, parse_code, parse_levels, parse_online
from plugins.procedures.model import inline_html, parsed_source, portal_url, source_lines, split_rendered_sections
from plugins.procedures.qr import QrCache

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def test_codes_with_and_without_local_suffix():
    assert parse_code("1.001612").base == "1.001612"
    code = parse_code(" 1.001612.000.00.00.h48 ")
    assert (code.full, code.base, code.has_local_suffix) == ("1.001612.000.00.00.H48", "1.001612", True)
    for malformed in ("1.0016", "1001612", "1.001612.000.00.H48", "A.001612", ""):
        assert parse_code(malformed) is None, malformed


def test_levels_accept_commune_and_province_and_mark_district_as_legacy():
    levels, unknown = parse_levels("Cấp Xã, cấp tỉnh")
    assert [level.slug for level in levels] == ["cap-xa", "cap-tinh"] and unknown == []
    (district,), _ = parse_levels("Cấp Huyện")
    assert district.legacy and district.slug == "cap-huyen"
    assert parse_levels("cấp bộ")[1] == ["cấp bộ"]


def test_online_levels_of_decree_42_and_the_old_levels_3_and_4():
    assert parse_online("Toàn trình").slug == "toan-trinh"
    assert parse_online("mức độ 4").slug == "toan-trinh"
    assert parse_online("Mức độ 3").slug == "mot-phan"
    assert parse_online("một phần").slug == "mot-phan"
    assert parse_online("không").slug == "chua-truc-tuyen"
    assert parse_online("mức độ 2").slug == "chua-truc-tuyen"
    assert parse_online("nửa vời") is None


def header_of(text: str):
    return parse_header(text.split("\n"))


def test_header_validator_names_the_line_of_each_bad_value():
    header = header_of("Title: X\nCode: 1.00119\nLevel: cấp bộ\nOnline: nửa vời\nPortal: dichvucong\n\nbody")
    findings = list(check_procedure_header(header, {}))
    lines = {line for line, _ in findings if line}
    assert lines == {2, 3, 4, 5}
    assert any("1.00119" in message and "1.001612" in message for _, message in findings)
    assert any("cấp xã" in message and "«cấp bộ»" in message for _, message in findings)


def test_missing_fields_get_their_meaning_but_typos_are_left_to_the_content_model():
    findings = [message for _, message in check_procedure_header(header_of("Title: X\nDurtion: 3 ngày\n\nbody"), {})]
    hint = next(message for message in findings if "nghĩa của các trường" in message)
    assert "Fees = phí, lệ phí" in hint and "Code = mã thủ tục" in hint
    assert "Duration =" not in hint  # «Durtion» is reported by the content model as a typo of Duration


def test_document_line_with_form_and_copies():
    document, findings = parse_document("Tờ khai | Mẫu: Tờ khai đăng ký khai sinh | Số lượng: 01 bản chính", 7)
    assert findings == []
    assert (document.name, document.form, document.copies, document.line) == (
        "Tờ khai",
        "Tờ khai đăng ký khai sinh",
        "01 bản chính",
        7,
    )
    no_form, _ = parse_document("Đơn | Mẫu: không | Số lượng: 01 bản", 8)
    assert no_form.form is None


def test_document_line_problems():
    _, missing_copies = parse_document("Giấy chứng sinh", 9)
    assert missing_copies == [(9, missing_copies[0][1])] and "Số lượng" in missing_copies[0][1]
    _, unlabelled = parse_document("Giấy chứng sinh | 01 bản", 10)
    assert unlabelled[0][0] == 10 and "không có nhãn" in unlabelled[0][1]


BODY = """Title: X
Code: 1.001193

Mở đầu.

## Trình tự thực hiện

1. Nộp hồ sơ.
2. Nhận kết quả.

## Cách thức thực hiện

Trực tiếp.

## Thành phần hồ sơ

### Giấy tờ phải nộp
- Tờ khai | Số lượng: 01 bản chính
  ghi đủ thông tin

### Giấy tờ phải xuất trình
- Căn cước | Số lượng: 01 bản chính

## Yêu cầu điều kiện thực hiện

Không.

## Căn cứ pháp lý

- Luật Hộ tịch.

## Lưu ý

Mang theo bút.
"""


def test_body_sections_groups_and_notes():
    body = parse_body(BODY.split("\n"))
    assert body.findings == []
    assert [section.key for section in body.sections] == ["intro", "steps", "ways", "documents", "conditions", "legal", None]
    assert [group.title for group in body.document_groups] == ["Giấy tờ phải nộp", "Giấy tờ phải xuất trình"]
    first = body.documents[0]
    assert (first.name, first.line, first.note) == ("Tờ khai", 18, "ghi đủ thông tin")


def test_missing_section_is_reported_where_it_belongs():
    lines = BODY.replace("## Cách thức thực hiện\n\nTrực tiếp.\n\n", "").split("\n")
    findings = parse_body(lines).findings
    assert len(findings) == 1
    line, message = findings[0]
    assert "«## Cách thức thực hiện»" in message
    assert lines[line - 1] == "## Thành phần hồ sơ"


def test_steps_must_be_numbered_and_sections_not_repeated():
    lines = BODY.replace("1. Nộp hồ sơ.\n2. Nhận kết quả.", "Nộp hồ sơ rồi nhận kết quả.").split("\n")
    lines += ["## Căn cứ pháp lý", "", "- Lặp lại."]
    messages = {line: message for line, message in parse_body(lines).findings}
    assert "đánh số" in messages[6]
    assert "hai lần" in messages[len(lines) - 2]


def test_rendered_sections_are_split_at_level_two_headings():
    intro, sections = split_rendered_sections('<p>A</p><h2 id="x">Trình tự <em>thực</em> hiện</h2><ol><li>B</li></ol><h2>Căn cứ</h2><p>C</p>')
    assert intro == "<p>A</p>"
    assert sections == [("Trình tự thực hiện", "<ol><li>B</li></ol>"), ("Căn cứ", "<p>C</p>")]


def test_inline_html_escapes_plain_text_and_renders_links():
    assert inline_html("Tờ khai <mẫu> & bản sao") == "Tờ khai &lt;mẫu&gt; &amp; bản sao"
    assert inline_html("[Tờ khai](/mau/to-khai.pdf)") == '<a href="/mau/to-khai.pdf">Tờ khai</a>'


def test_portal_address_from_the_template_or_the_procedures_own():
    code = parse_code("1.001193.000.00.00.H60")
    template = "https://dvc.example/tim?ma={code}&day-du={full_code}&ten={name}"
    assert portal_url(template, code, "Đăng ký khai sinh") == (
        "https://dvc.example/tim?ma=1.001193&day-du=1.001193.000.00.00.H60&ten=%C4%90%C4%83ng%20k%C3%BD%20khai%20sinh"
    )
    assert portal_url(template, code, "X", "https://dichvucong.vinhlong.gov.vn/x") == "https://dichvucong.vinhlong.gov.vn/x"


def test_qr_drawings_are_reused_from_the_cache_file(tmp_path):
    path = tmp_path / "cache" / "procedures-qr.json"
    first = QrCache(path)
    svg = first.svg("https://xa.example.gov.vn/thu-tuc/dang-ky-khai-sinh/", "Mã QR dẫn tới trang thủ tục Đăng ký khai sinh")
    assert svg.startswith('<svg role="img" aria-label="Mã QR dẫn tới trang thủ tục Đăng ký khai sinh" viewBox=')
    first.save({"https://xa.example.gov.vn/thu-tuc/dang-ky-khai-sinh/"})
    second = QrCache(path)
    assert second.svg("https://xa.example.gov.vn/thu-tuc/dang-ky-khai-sinh/", "Nhãn khác").endswith(svg.split(" viewBox=", 1)[1])
    assert second.changed is False, "a cached address is not encoded again"
    path.write_text("{hỏng", encoding="utf-8")
    assert QrCache(path).drawings == {}


def test_qr_drawings_filled_in_parallel_are_the_drawings_made_one_by_one(tmp_path):
    from plugins.procedures.qr import DRAWING, qr_drawing

    urls = [f"https://xa.example.gov.vn/thu-tuc/thu-tuc-{number}/" for number in range(20)]
    cache = QrCache(tmp_path / "procedures-qr.json")
    cache.fill(urls, workers=2)
    assert cache.changed
    assert all(cache.drawings[f"{DRAWING} {url}"] == qr_drawing(url) for url in urls[:3])
    assert len(cache.drawings) == 20
    cache.changed = False
    cache.fill(urls[:5], workers=2)
    assert cache.changed is False, "drawings already in the cache are not made again"


def test_qr_drawings_started_early_are_collected_by_fill(tmp_path):
    from plugins.procedures.qr import DRAWING, qr_drawing

    urls = [f"https://xa.example.gov.vn/thu-tuc/som-{number}/" for number in range(20)]
    cache = QrCache(tmp_path / "procedures-qr.json")
    cache.start(urls, workers=2)
    assert cache._started is not None, "twenty drawings are begun in other processes"
    cache.fill(urls + ["https://xa.example.gov.vn/thu-tuc/muon/"], workers=2)
    assert cache._started is None
    assert len(cache.drawings) == 21, "the address not started is drawn by fill"
    assert all(cache.drawings[f"{DRAWING} {url}"] == qr_drawing(url) for url in urls[-3:])


def test_qr_drawings_started_and_abandoned_are_cancelled_not_awaited(tmp_path):
    import time

    from plugins import procedures
    from plugins.content_model import problems
    from plugins.procedures.qr import cancel_started_drawings

    procedures.register()
    assert cancel_started_drawings in problems._BEFORE_REPORT, "a failing build cancels them before its report"
    urls = [f"https://xa.example.gov.vn/thu-tuc/bo-do-{number}/" for number in range(400)]
    cache = QrCache(tmp_path / "procedures-qr.json")
    cache.start(urls, workers=2)
    executor = cache._started[1]
    started = time.perf_counter()
    cancel_started_drawings()
    executor.shutdown(wait=True)
    assert time.perf_counter() - started < 2.0, "the queued drawings are dropped, not made"
    assert cache._started is None and not cache.drawings



def test_the_body_parsed_while_reading_is_the_body_parsed_from_the_file(tmp_path):
    """The content model's reading step gets the lines a read of the file gives: also with Windows and old Mac line ends."""
    samples = sorted((PROJECT_ROOT / "content" / "thu-tuc").glob("*.md"))
    assert samples
    for sample in samples:
        text = sample.read_text(encoding="utf-8")
        code_line = next(number for number, line in enumerate(text.split("\n"), start=1) if line.lower().startswith("code:"))
        for ending in ("\n", "\r\n", "\r"):
            copy = tmp_path / sample.name
            copy.write_bytes(("\ufeff" + text.replace("\n", ending)).encode("utf-8"))
            while_reading = parsed_source(step_lines(decoded_text(str(copy))))
            assert while_reading == parsed_source(source_lines(str(copy))), (sample.name, repr(ending))
            assert while_reading.code_line == code_line and while_reading.body.sections
