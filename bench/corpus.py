"""A generated corpus of CCHC content for benchmarks: N items that pass the strict content model.

``python -m bench.corpus OUT --items 2000`` writes, into ``OUT``, news items,
exemplar stories, criticism and procedures in the proportions of a district
or department site after some years (about 62/12/8/18 %), dated over six
years, spread over the site's units (``UNITS`` of the settings) and the six
reform areas, with tags, a few recordings and (when ``content/images/``
holds photos) a few pictures, plus a handful of pages, the quota plans and
the sample's audio. Procedures are variations of the sample's
``content/thu-tuc/`` files (same fields and body sections, unique codes and
slugs). The same seed always writes the same bytes.

Every slug is unique both under the site's Vietnamese slugs and under plain
Pelican's, so the same Markdown also builds with Pelican's defaults; files
that would collide get an explicit ``Slug:``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pelican.utils import slugify

from plugins.content_model.schema import REFORM_AREAS
from plugins.vntext.text import vn_slugify

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT_ROOT / "content"
VIETNAM = timezone(timedelta(hours=7))
FIRST_DAY = datetime(2020, 1, 6, tzinfo=VIETNAM)
LAST_DAY = datetime(2025, 11, 28, tzinfo=VIETNAM)
# A build clock after every generated date, so no item waits as a scheduled draft.
CORPUS_NOW = "2025-12-01T08:00:00+07:00"

KIND_SHARES = (("tin", 0.62), ("dien-hinh", 0.12), ("phe-binh", 0.08), ("thu-tuc", 0.18))
IMAGE_SHARE = 0.1
AUDIO_SHARE = 0.02
RASTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

HAMLETS = ["Tân Thành", "Hòa Lợi", "Phú Long", "Tân Qui", "Phú Hòa", "Tân Bình", "An Thạnh", "Long Hưng", "Mỹ Thuận", "Bình Phú"]
PEOPLE = [
    ("Chị", "Nguyễn Thị Thu Hà"), ("Anh", "Trần Văn Minh"), ("Chị", "Lê Thị Ngọc Hân"), ("Anh", "Phạm Quốc Bảo"),
    ("Chị", "Võ Thị Kim Oanh"), ("Anh", "Huỳnh Tấn Phát"), ("Chị", "Đặng Thị Mỹ Linh"), ("Anh", "Bùi Văn Đức"),
    ("Chị", "Đỗ Thị Hồng Nhung"), ("Anh", "Ngô Minh Trí"), ("Chị", "Dương Thị Thanh Tâm"), ("Anh", "Lý Hoàng Khải"),
]
AUTHORS = ["Huỳnh Thị Bích Ngọc", "Trần Thị Mai", "Nguyễn Văn Tâm", "Lê Hoàng Phúc", "Phan Thị Diễm"]
TAGS = [
    "một cửa", "dịch vụ công trực tuyến", "chuyển đổi số", "sắp xếp bộ máy", "ngân sách", "kỷ luật kỷ cương",
    "đất đai", "văn bản quy phạm pháp luật", "đào tạo bồi dưỡng", "bảo trợ xã hội", "hộ tịch", "SIPAS",
    "PAR INDEX", "đường dây nóng", "phản ánh kiến nghị", "thanh toán không dùng tiền mặt", "định danh điện tử",
    "VNeID", "chứng thực", "xây dựng", "hộ kinh doanh", "công khai minh bạch", "tiếp công dân", "đối thoại",
    "bưu chính công ích", "số hóa hồ sơ", "PAPI", "PCI", "quy chế dân chủ", "văn hóa công vụ", "người có công",
    "giáo dục", "y tế", "nông thôn mới", "môi trường", "tổ công nghệ số cộng đồng", "loa truyền thanh",
]
ACTIONS = [
    "triển khai", "tổng kết", "đẩy mạnh", "kiểm tra", "tập huấn về", "công khai", "rà soát", "hướng dẫn người dân về",
    "sơ kết", "tuyên truyền về", "đánh giá", "hoàn thành", "ra mắt mô hình", "tăng cường", "lấy ý kiến về",
]
TOPICS = {
    "the-che": ["văn bản quy phạm pháp luật", "quy chế làm việc của UBND", "quy chế phối hợp giữa các phòng", "thực hiện quy chế dân chủ ở cơ sở", "hệ thống hóa văn bản"],
    "thu-tuc-hanh-chinh": ["thủ tục hành chính lĩnh vực đất đai", "cơ chế một cửa, một cửa liên thông", "trả kết quả qua bưu chính công ích", "niêm yết thủ tục hành chính", "giải quyết hồ sơ đúng hạn", "thủ tục hộ tịch"],
    "to-chuc-bo-may": ["sắp xếp các phòng chuyên môn", "vị trí việc làm", "vận hành chính quyền địa phương hai cấp", "bàn giao hồ sơ, tài liệu sau sắp xếp", "kiện toàn Trung tâm Phục vụ hành chính công"],
    "cong-vu": ["kỷ luật, kỷ cương hành chính", "văn hóa công vụ", "đánh giá, xếp loại công chức", "bồi dưỡng kỹ năng giao tiếp cho công chức", "quy tắc ứng xử của cán bộ, công chức"],
    "tai-chinh-cong": ["dự toán ngân sách", "thu, chi ngân sách", "thanh toán không dùng tiền mặt", "giải ngân vốn đầu tư công", "công khai tài chính"],
    "chinh-quyen-so": ["dịch vụ công trực tuyến toàn trình", "tài khoản định danh điện tử", "số hóa hồ sơ, kết quả giải quyết", "hệ thống quản lý văn bản và điều hành", "tổ công nghệ số cộng đồng"],
}
SENTENCES = [
    "Theo số liệu trên Hệ thống thông tin giải quyết TTHC của tỉnh, {period} Trung tâm Phục vụ hành chính công đã tiếp nhận {count} hồ sơ, trong đó {percent}% được nộp trực tuyến.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt {percent},{digit}%, tăng so với cùng kỳ năm trước.",
    "Bà {person}, Phó Giám đốc Trung tâm, cho biết phần lớn người dân ấp {hamlet} đã quen với việc nộp hồ sơ bằng tài khoản VNeID.",
    "UBND xã yêu cầu các phòng chuyên môn rà soát quy trình nội bộ, công khai thời hạn giải quyết và xin lỗi người dân khi hồ sơ trễ hạn.",
    "Tổ công nghệ số cộng đồng ấp {hamlet} đã đến từng hộ hướng dẫn {count} lượt người dân cài đặt và sử dụng dịch vụ công trực tuyến.",
    "Hội nghị có sự tham dự của {small} đại biểu là lãnh đạo các phòng, ban, trưởng ấp và đại diện người dân.",
    "Qua kiểm tra, đoàn ghi nhận {small} hồ sơ còn thiếu thành phần, đã hướng dẫn bổ sung một lần theo đúng quy định.",
    "Chủ tịch UBND xã đề nghị mỗi công chức phải là một tuyên truyền viên về cải cách hành chính.",
    "Kết quả khảo sát sự hài lòng (SIPAS) {period} đạt {percent}%, cao hơn mức bình quân của tỉnh.",
    "Việc thanh toán phí, lệ phí không dùng tiền mặt đạt {percent}% số giao dịch tại Trung tâm.",
    "Nhiều người cao tuổi ở ấp {hamlet} được công chức đến tận nhà tiếp nhận hồ sơ và trả kết quả.",
    "Các văn bản quy phạm pháp luật hết hiệu lực được công bố công khai trên trang thông tin điện tử của xã.",
    "Dự toán ngân sách năm được công khai tại trụ sở UBND xã và trên loa truyền thanh các ấp.",
    "Ông {person}, Chủ tịch UBND xã, nhấn mạnh: người dân là trung tâm, sự hài lòng của người dân là thước đo của cải cách hành chính.",
    "Đến nay, 100% hồ sơ được số hóa khi tiếp nhận; kết quả giải quyết được trả bản điện tử vào kho dữ liệu của công dân.",
    "Trong thời gian tới, xã tiếp tục rà soát, đơn giản hóa {small} thủ tục hành chính thuộc thẩm quyền giải quyết.",
    "Đường dây nóng của xã đã tiếp nhận {small} phản ánh, kiến nghị; tất cả đều được trả lời đúng thời hạn.",
    "Mô hình được người dân ấp {hamlet} đồng tình, góp phần rút ngắn thời gian đi lại và giảm chi phí.",
    "Cán bộ, công chức được quán triệt nghiêm túc quy định về giờ giấc làm việc, trang phục và tác phong khi tiếp dân.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách xã và nguồn xã hội hóa, bảo đảm tiết kiệm, hiệu quả.",
]
HEADINGS = ["Kết quả nổi bật", "Nhiệm vụ thời gian tới", "Những hạn chế cần khắc phục", "Ý kiến người dân", "Giải pháp"]
LIST_ITEMS = [
    "rà soát toàn bộ hồ sơ đang giải quyết, bảo đảm đúng hạn;",
    "công khai số điện thoại đường dây nóng tại Trung tâm và các ấp;",
    "hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán phí trực tuyến;",
    "báo cáo kết quả về Văn phòng HĐND và UBND trước ngày 25 hằng tháng;",
    "tăng cường kiểm tra công vụ đột xuất;",
    "biểu dương kịp thời tập thể, cá nhân có cách làm hay.",
]
ACHIEVEMENTS = [
    "tận tình hướng dẫn hơn {count} lượt người dân, không có phản ánh nào về thái độ phục vụ",
    "đi đầu hướng dẫn người dân ấp {hamlet} nộp hồ sơ trực tuyến",
    "giải quyết đúng hạn 100% hồ sơ trong {period}",
    "đề xuất cách làm giúp rút ngắn một nửa thời gian giải quyết hồ sơ",
]
SHORTCOMINGS = [
    "để {small} hồ sơ quá hạn mà không gửi văn bản xin lỗi người dân",
    "chậm xử lý văn bản trên hệ thống quản lý văn bản và điều hành",
    "yêu cầu người dân nộp thêm giấy tờ không có trong thành phần hồ sơ",
    "không niêm yết đầy đủ thủ tục hành chính tại nơi tiếp nhận hồ sơ",
]
CRITICIZED = ["Bộ phận tiếp nhận hồ sơ đất đai", "Công chức tư pháp - hộ tịch", "Bộ phận văn thư", "Tổ địa chính - xây dựng"]
GROUPS = ["Tổ công nghệ số cộng đồng ấp {hamlet}", "Chi hội phụ nữ ấp {hamlet}", "Ban nhân dân ấp {hamlet}", "Đoàn thanh niên ấp {hamlet}"]
PAGE_TITLES = [
    "Kế hoạch cải cách hành chính năm {year}",
    "Kết quả chỉ số cải cách hành chính năm {year}",
    "Quy chế hoạt động của Trung tâm Phục vụ hành chính công năm {year}",
]


@dataclass
class CorpusSummary:
    """What was written: counts per kind, pages, pictures and recordings."""

    root: Path
    kinds: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    with_image: int = 0
    with_audio: int = 0

    @property
    def items(self) -> int:
        return sum(self.kinds.values())


@dataclass(frozen=True)
class Recording:
    path: str
    duration: str


class SlugRegistry:
    """Slugs taken so far, under the site's rule and under plain Pelican's."""

    def __init__(self, reserved: set[str]):
        self.taken = set(reserved)

    def claim_exact(self, slug: str) -> str:
        """``slug`` itself (for files that always state their slug, such as procedures)."""
        if slug in self.taken:
            raise ValueError(f"slug {slug} is taken")
        self.taken.add(slug)
        return slug

    def claim(self, title: str) -> tuple[str, bool]:
        """A free slug for ``title`` and whether the file must state it with ``Slug:``."""
        site, plain = vn_slugify(title), slugify(title)
        if site not in self.taken and plain not in self.taken and site == plain:
            self.taken.add(site)
            return site, False
        if site not in self.taken and plain not in self.taken:
            self.taken.update({site, plain})
            return site, True
        number = 2
        while f"{site}-{number}" in self.taken:
            number += 1
        chosen = f"{site}-{number}"
        self.taken.add(chosen)
        return chosen, True


def header_text(fields: list[tuple[str, str]], body: str) -> str:
    return "".join(f"{key}: {value}\n" for key, value in fields if value) + "\n" + body.rstrip() + "\n"


class CorpusWriter:
    """Writes one corpus; every choice comes from one seeded random generator."""

    def __init__(self, root: Path, settings: dict, seed: int, images: bool, audio: bool):
        self.root = root
        self.random = random.Random(seed)
        self.units = list(settings.get("UNITS", {}).values())
        self.place = (settings.get("SITE_OWNER") or {}).get("short_name", "Xã Tân Hòa")
        self.slugs = SlugRegistry({"tin", "dien-hinh", "phe-binh", "thu-tuc", "linh-vuc", "the", "luu-tru", "don-vi", "so-do-trang", "tim-kiem", "feeds", "theme", "anh", "audio", "images"})
        self.codes: set[str] = set()
        self.pictures = self._copy_pictures() if images else []
        self.recordings = self._copy_recordings() if audio else []
        self.procedures = self._sample_procedures()

    def write(self, items: int) -> CorpusSummary:
        summary = CorpusSummary(self.root)
        for folder in ("tin", "dien-hinh", "phe-binh", "thu-tuc", "pages"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        self._copy_plans()
        dates = sorted(self._random_date() for _ in range(items))
        for index, moment in enumerate(dates):
            kind = self._pick_kind()
            fields, body = self._item(kind, moment, index, summary)
            self._save(kind, index, fields, body)
            summary.kinds[kind] = summary.kinds.get(kind, 0) + 1
        summary.pages = self._write_pages(max(2, items // 200))
        return summary

    # --- choices ---------------------------------------------------------

    def _pick_kind(self) -> str:
        roll, total = self.random.random(), 0.0
        for kind, share in KIND_SHARES:
            total += share
            if roll < total:
                return kind
        return KIND_SHARES[-1][0]

    def _random_date(self) -> datetime:
        span = (LAST_DAY - FIRST_DAY).days
        day = FIRST_DAY + timedelta(days=self.random.randrange(span))
        return day.replace(hour=self.random.randint(7, 17), minute=self.random.choice((0, 15, 30, 45)))

    def _slots(self, moment: datetime) -> dict[str, str]:
        title, name = self.random.choice(PEOPLE)
        return {
            "period": self.random.choice([f"trong quý {('I', 'II', 'III', 'IV')[(moment.month - 1) // 3]} năm {moment.year}", f"trong tháng {moment.month} năm {moment.year}", f"năm {moment.year}"]),
            "count": f"{self.random.randint(1, 9)}.{self.random.randint(0, 999):03d}",
            "percent": str(self.random.randint(70, 99)),
            "digit": str(self.random.randint(0, 9)),
            "small": str(self.random.randint(3, 60)),
            "hamlet": self.random.choice(HAMLETS),
            "person": name,
            "honorific": title,
        }

    def _paragraph(self, moment: datetime) -> str:
        picked = self.random.sample(SENTENCES, self.random.randint(3, 5))
        return " ".join(sentence.format(**self._slots(moment)) for sentence in picked)

    def _body(self, moment: datetime) -> str:
        parts = [self._paragraph(moment) for _ in range(self.random.randint(3, 5))]
        if self.random.random() < 0.5:
            parts.append(f"## {self.random.choice(HEADINGS)}")
            parts.append("\n".join(f"- {entry}" for entry in self.random.sample(LIST_ITEMS, 3)))
            parts.append(self._paragraph(moment))
        return "\n\n".join(parts)

    def _title(self, area: str, moment: datetime) -> str:
        topic = self.random.choice(TOPICS[area])
        when = self.random.choice([f"năm {moment.year}", f"quý {('I', 'II', 'III', 'IV')[(moment.month - 1) // 3]} năm {moment.year}", f"tháng {moment.month}/{moment.year}"])
        subject = self.random.choice([self.place, self.random.choice(self.units), f"Ấp {self.random.choice(HAMLETS)}"])
        return f"{subject} {self.random.choice(ACTIONS)} {topic} {when}"

    def _common(self, title: str, moment: datetime, area: str | None, unit: str, summary: str) -> list[tuple[str, str]]:
        slug, explicit = self.slugs.claim(title)
        tags = ", ".join(self.random.sample(TAGS, self.random.randint(1, 3)))
        return [
            ("Title", title),
            ("Slug", slug if explicit else ""),
            ("Date", moment.strftime("%Y-%m-%d %H:%M +07:00")),
            ("Category", REFORM_AREAS[area] if area else ""),
            ("Unit", unit),
            ("Tags", tags),
            ("Summary", summary),
            ("Author", self.random.choice(AUTHORS)),
        ]

    # --- kinds -----------------------------------------------------------

    def _item(self, kind: str, moment: datetime, index: int, summary: CorpusSummary) -> tuple[list[tuple[str, str]], str]:
        if kind == "thu-tuc":
            return self._procedure(moment, index)
        area = self.random.choice(list(REFORM_AREAS))
        body = self._body(moment)
        lead = body.split(". ", 1)[0].rstrip(".") + "."
        if kind == "dien-hinh":
            fields, body = self._story(area, moment, lead, body)
        elif kind == "phe-binh":
            fields, body = self._criticism(area, moment, lead, body)
        else:
            fields = self._common(self._title(area, moment), moment, area, self.random.choice(self.units), lead)
        fields += self._extras(kind, summary)
        return fields, body

    def _story(self, area: str, moment: datetime, lead: str, body: str):
        slots = self._slots(moment)
        if self.random.random() < 0.6:
            honoree, honoree_type = f"{slots['honorific']} {slots['person']}", "cá nhân"
        else:
            honoree, honoree_type = self.random.choice(GROUPS).format(**slots), "tập thể"
        achievement = self.random.choice(ACHIEVEMENTS).format(**slots)
        title = f"{honoree}: {achievement}"
        fields = self._common(title, moment, area, self.random.choice(self.units), lead)
        fields += [
            ("Honoree", honoree),
            ("HonoreeType", honoree_type),
            ("HonoreeUnit", f"{self.random.choice(self.units)} {self.place.lower()}"),
            ("Achievement", f"Được biểu dương vì {achievement}."),
        ]
        return fields, body

    def _criticism(self, area: str, moment: datetime, lead: str, body: str):
        slots = self._slots(moment)
        criticized = self.random.choice(CRITICIZED)
        shortcoming = self.random.choice(SHORTCOMINGS).format(**slots)
        title = f"Phê bình {criticized.lower()} {shortcoming} {slots['period']}"
        fields = self._common(title, moment, area, self.random.choice(self.units), lead)
        fields += [
            ("Criticized", criticized),
            ("Shortcoming", f"{shortcoming[0].upper()}{shortcoming[1:]} {slots['period']}."),
            ("Remedy", "Rà soát, khắc phục ngay, gửi văn bản xin lỗi người dân và báo cáo kết quả về UBND xã trong 15 ngày."),
        ]
        return fields, body

    def _procedure(self, moment: datetime, index: int):
        header, body = self.random.choice(self.procedures)
        code = self._new_code()
        title = f"{header['Title']} (hồ sơ loại {index + 1})"
        fields = [(key, value) for key, value in header.items() if key not in {"Title", "Slug", "Date", "Code", "Modified", "Imported"}]
        slug = self.slugs.claim_exact(f"{header.get('Slug') or vn_slugify(header['Title'])[:70]}-{index + 1}")
        fields = [("Title", title), ("Slug", slug), ("Date", moment.strftime("%Y-%m-%d %H:%M +07:00")), ("Code", code), *fields]
        return fields, body

    def _new_code(self) -> str:
        while True:
            code = f"{self.random.choice((1, 2))}.{self.random.randint(100000, 999999):06d}"
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _extras(self, kind: str, summary: CorpusSummary) -> list[tuple[str, str]]:
        extras: list[tuple[str, str]] = []
        if self.pictures and self.random.random() < IMAGE_SHARE:
            picture = self.random.choice(self.pictures)
            extras += [("Image", picture), ("ImageAlt", "Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công")]
            summary.with_image += 1
        if kind == "tin" and self.recordings and self.random.random() < AUDIO_SHARE:
            recording = self.random.choice(self.recordings)
            extras += [("Audio", recording.path), ("AudioDuration", recording.duration)]
            summary.with_audio += 1
        return extras

    def _save(self, kind: str, index: int, fields: list[tuple[str, str]], body: str) -> None:
        slug = next(value for key, value in fields if key == "Slug") if any(k == "Slug" and v for k, v in fields) else vn_slugify(fields[0][1])
        (self.root / kind / f"{index:05d}-{slug[:60]}.md").write_text(header_text(fields, body), encoding="utf-8")

    def _write_pages(self, count: int) -> int:
        for source in sorted((SAMPLE_CONTENT / "pages").glob("*.md")):
            shutil.copyfile(source, self.root / "pages" / source.name)
            self.slugs.taken.add(source.stem)
        written = 0
        for number in range(count):
            title = PAGE_TITLES[number % len(PAGE_TITLES)].format(year=2020 + number // len(PAGE_TITLES))
            slug, explicit = self.slugs.claim(title)
            body = "\n\n".join(self._paragraph(LAST_DAY) for _ in range(3))
            fields = [("Title", title), ("Slug", slug if explicit else ""), ("Summary", self._paragraph(LAST_DAY).split(". ")[0] + ".")]
            (self.root / "pages" / f"{slug}.md").write_text(header_text(fields, body), encoding="utf-8")
            written += 1
        return written

    # --- sample files reused -------------------------------------------

    def _copy_plans(self) -> None:
        plans = SAMPLE_CONTENT / "ke-hoach"
        if plans.is_dir():
            shutil.copytree(plans, self.root / "ke-hoach", dirs_exist_ok=True)

    def _copy_pictures(self) -> list[str]:
        folder = SAMPLE_CONTENT / "images"
        if not folder.is_dir():
            return []
        (self.root / "images").mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, self.root / "images", dirs_exist_ok=True)
        return sorted(f"images/{path.relative_to(folder).as_posix()}" for path in folder.rglob("*") if path.suffix.lower() in RASTER_SUFFIXES)

    def _copy_recordings(self) -> list[Recording]:
        recordings = []
        for source in sorted((SAMPLE_CONTENT / "tin").glob("*.md")):
            text = source.read_text(encoding="utf-8")
            audio, duration = re.search(r"^Audio: (.+)$", text, re.M), re.search(r"^AudioDuration: (.+)$", text, re.M)
            if audio and duration and (SAMPLE_CONTENT / audio.group(1)).is_file():
                target = self.root / audio.group(1)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(SAMPLE_CONTENT / audio.group(1), target)
                recordings.append(Recording(audio.group(1), duration.group(1)))
        return recordings

    def _sample_procedures(self) -> list[tuple[dict[str, str], str]]:
        procedures = []
        for source in sorted((SAMPLE_CONTENT / "thu-tuc").glob("*.md")):
            head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
            header = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line and not line.startswith("#"))
            procedures.append((header, body))
        return procedures


def load_settings(path: Path) -> dict:
    """The site's settings as Pelican reads them (for ``UNITS`` and ``SITE_OWNER``)."""
    from pelican.settings import read_settings

    return read_settings(str(path))


def generate_corpus(root: Path, items: int, seed: int = 11, images: bool = True, audio: bool = True, settings_path: Path = PROJECT_ROOT / "pelicanconf.py") -> CorpusSummary:
    """Write a corpus of ``items`` items (plus pages) into ``root``, which must not exist yet or be empty."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    return CorpusWriter(root, load_settings(settings_path), seed, images, audio).write(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="an empty or new folder")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-images", action="store_true")
    parser.add_argument("--no-audio", action="store_true")
    options = parser.parse_args(argv)
    summary = generate_corpus(options.target, options.items, options.seed, not options.no_images, not options.no_audio)
    print(f"{summary.items} items {summary.kinds}, {summary.pages} pages, {summary.with_image} with a picture, {summary.with_audio} with a recording → {summary.root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
