from datetime import UTC, date, datetime

import jinja2
import pytest

from plugins.vntext import jinja_filters, sorted_vietnamese
from plugins.vntext.text import (
    fold,
    official_date,
    place_date_line,
    short_date,
    short_datetime,
    vn_slugify,
    vn_sort_key,
)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Đất đai – Cải cách TTHC", "dat-dai-cai-cach-tthc"),
        ("Ủy ban nhân dân xã Tân Hòa", "uy-ban-nhan-dan-xa-tan-hoa"),
        ("ĐƯỜNG ĐI đến “một cửa”", "duong-di-den-mot-cua"),
        ("Quý III/2025: 92% hồ sơ", "quy-iii2025-92-ho-so"),
    ],
)
def test_slug_maps_d_and_drops_diacritics(title, slug):
    assert vn_slugify(title) == slug


def test_slug_of_nfd_text_equals_slug_of_nfc_text():
    import unicodedata

    assert vn_slugify(unicodedata.normalize("NFD", "Hộ tịch")) == "ho-tich"


@pytest.mark.parametrize(
    ("moment", "official"),
    [
        (date(2021, 2, 5), "ngày 05 tháng 02 năm 2021"),
        (date(2021, 1, 15), "ngày 15 tháng 01 năm 2021"),
        (date(2021, 3, 5), "ngày 05 tháng 3 năm 2021"),
        (date(2021, 12, 15), "ngày 15 tháng 12 năm 2021"),
    ],
)
def test_official_date_zero_pads_day_and_only_months_one_and_two(moment, official):
    assert official_date(moment) == official


def test_short_date_and_time():
    moment = datetime(2021, 2, 5, 8, 30, tzinfo=UTC)
    assert short_date(moment) == "05/02/2021"
    assert short_datetime(moment) == "05/02/2021 15:30"


def test_dates_are_computed_in_site_timezone_not_utc():
    late_utc = datetime(2024, 1, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1 Feb in Vietnam
    assert short_date(late_utc) == "01/02/2024"
    assert official_date(late_utc) == "ngày 01 tháng 02 năm 2024"


def test_place_date_line():
    assert place_date_line("Xã Tân Hòa", date(2021, 2, 5)) == "Xã Tân Hòa, ngày 05 tháng 02 năm 2021"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đường Hòa", "duong hoa"),
        ("đất đai", "dat dai"),
        ("Ủy ban", "uy ban"),
        ("hoà", "hoa"),
        ("thuỷ  lợi", "thuy loi"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_treats_old_and_new_tone_placement_alike():
    assert fold("hoà") == fold("hòa") and fold("uỷ") == fold("ủy")


def test_vietnamese_order_puts_d_stroke_after_d_and_before_e():
    fields = ["Xây dựng", "Đất đai", "Dân số", "Em bé", "Chứng thực", "Ăn uống", "An ninh"]
    assert sorted(fields, key=vn_sort_key) == [
        "An ninh",
        "Ăn uống",
        "Chứng thực",
        "Dân số",
        "Đất đai",
        "Em bé",
        "Xây dựng",
    ]


def test_tones_order_after_letters():
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "mac"]
    assert sorted(words, key=vn_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mac"]


def test_filters_render_in_jinja_with_site_timezone():
    env = jinja2.Environment()
    env.filters.update(jinja_filters("Asia/Ho_Chi_Minh"))
    template = env.from_string(
        "{{ d|vn_date }}|{{ d|vn_official_date }}|{{ d|vn_datetime }}|{{ 'Đường Hòa'|vn_fold }}|{{ 'Đất đai'|vn_slug }}|{{ d|vn_iso }}"
    )
    moment = datetime(2024, 1, 31, 16, 30, tzinfo=UTC)
    assert template.render(d=moment) == (
        "31/01/2024|ngày 31 tháng 01 năm 2024|31/01/2024 23:30|duong hoa|dat-dai|2024-01-31T23:30:00+07:00"
    )


def test_sorted_vietnamese_by_attribute_and_index():
    class Named:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

    assert [str(n) for n in sorted_vietnamese([Named("Xã"), Named("Đình")], "name")] == ["Đình", "Xã"]
    assert sorted_vietnamese([("Xây", 1), ("Đất", 2)], 0) == [("Đất", 2), ("Xây", 1)]


def test_remembered_results_keep_the_type_of_what_was_asked():
    from markupsafe import Markup
    from pelican.utils import SafeDatetime

    from plugins.vntext.text import in_site_timezone

    plain = in_site_timezone(datetime(2025, 2, 5, 8, 30))
    safe = in_site_timezone(SafeDatetime(2025, 2, 5, 8, 30))
    assert plain == safe
    assert type(plain) is datetime
    assert type(safe) is SafeDatetime
    assert type(vn_sort_key("Hòa")[2]) is str
    assert type(vn_sort_key(Markup("Hòa"))[2]) is Markup
    assert fold("Đường  Hòa") == fold("Đường  Hòa") == "duong hoa"
