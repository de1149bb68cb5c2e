from datetime import datetime
from zoneinfo import ZoneInfo

from plugins.radio.script import ScriptItem, paragraphs_of_html, radio_script, reading_minutes
from plugins.radio.speech import Speaker

HTML = """
<p>Người dân nộp hồ sơ tại <a href="https://dichvucong.gov.vn/p/home">Cổng Dịch vụ công quốc gia</a>.</p>
<figure><img src="/images/quay.jpg" alt="Quầy một cửa"><figcaption>Quầy số 3</figcaption></figure>
<h2 id="thanh-phan">Thành phần hồ sơ</h2>
<ul>
<li><strong>Tờ khai</strong> theo mẫu;</li>
<li>Bản sao giấy tờ.</li>
</ul>
<table><tr><th>Quý</th><th>Hồ sơ</th></tr><tr><td>I</td><td>1.200</td></tr></table>
<p>Xem thêm<br>tại Trung tâm.</p>
"""


def test_html_becomes_plain_paragraphs_without_images_or_links():
    paragraphs = paragraphs_of_html(HTML)
    assert paragraphs == [
        "Người dân nộp hồ sơ tại Cổng Dịch vụ công quốc gia.",
        "Thành phần hồ sơ.",
        "Tờ khai theo mẫu;\nBản sao giấy tờ.",
        "Quý, Hồ sơ\nI, 1.200",
        "Xem thêm\ntại Trung tâm.",
    ]


def test_script_has_heading_title_unit_spoken_date_and_closing():
    item = ScriptItem(
        title="UBND xã tiếp nhận 1.248 hồ sơ",
        kind_label="Tin tức",
        unit="Trung tâm Phục vụ hành chính công",
        # 23:30 UTC on 4 February is already 5 February in Vietnam.
        date=datetime(2026, 2, 4, 23, 30, tzinfo=ZoneInfo("UTC")),
        html="<p>Tỷ lệ đúng hạn đạt 99,3%.</p>",
        summary="<p>Tăng 18% so với tháng 12.</p>",
    )
    script = radio_script(item, Speaker(), "Ủy ban nhân dân xã Tân Hòa", "Asia/Ho_Chi_Minh")
    lines = script.split("\n")
    assert lines[0] == "BẢN TIN PHÁT THANH – CHUYÊN MỤC CẢI CÁCH HÀNH CHÍNH"
    assert lines[1] == "Ủy ban nhân dân xã Tân Hòa"
    assert lines[2] == "Tin tức. Thời lượng đọc khoảng một phút."
    assert lines[4] == "Ủy ban nhân dân xã tiếp nhận một nghìn hai trăm bốn mươi tám hồ sơ"
    assert lines[5] == (
        "Trung tâm Phục vụ hành chính công đưa tin ngày mùng năm tháng hai năm hai nghìn không trăm hai mươi sáu."
    )
    body = script.split("\n\n")
    assert "Tăng mười tám phần trăm so với tháng mười hai." in body
    assert "Tỷ lệ đúng hạn đạt chín mươi chín phẩy ba phần trăm." in body
    assert script.endswith("Trên đây là bản tin của Ủy ban nhân dân xã Tân Hòa.\n")


def test_reading_time_counts_syllables():
    assert reading_minutes("một " * 10) == 1
    assert reading_minutes("một " * 161) == 2


def test_every_kind_of_whitespace_becomes_one_space_outside_pre():
    html = "<p>Xã  Tân\tHòa\n tiếp\u00a0nhận ,</p><pre>giữ  nguyên\n dòng</pre><ul><li> một </li><li>hai\u2003ba</li></ul>"
    assert paragraphs_of_html(html) == ["Xã Tân Hòa tiếp nhận", "giữ nguyên\ndòng", "một\nhai ba"]
