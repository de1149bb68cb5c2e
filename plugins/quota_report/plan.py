"""The communication plan: a YAML file per year under ``content/ke-hoach/`` that the office edits.

It sets the quotas ("02 bài / tháng" for the whole owning body, per kind of
item, per unit) and lists the plan's key activities. Every problem is reported
with the file, the line and what to write instead, in Vietnamese; the YAML is
walked as a node tree so each value keeps its line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plugins.content_model.schema import KIND_LABELS, PAGE_KIND, Unit, resolve_unit, units_from_settings
from plugins.vntext.text import fold, nfc

from .period import HALF, MONTH, QUARTER, YEAR

PLAN_EXTENSIONS = (".yaml", ".yml")
DEFAULT_COUNTED_KINDS = ("tin", "dien-hinh", "phe-binh")
QUOTA_EXAMPLE = "«02 bài / tháng», «01 bài / quý», «03 bài / 6 tháng» hoặc «12 bài / năm»"
PER_WINDOW = {"thang": MONTH, "quy": QUARTER, "6 thang": HALF, "nua nam": HALF, "nam": YEAR}
WINDOW_WORD = {MONTH: "tháng", QUARTER: "quý", HALF: "6 tháng", YEAR: "năm"}
_QUOTA_TEXT = re.compile(r"^(?P<count>\d+)\s*(?:tin\s*,?\s*bai|bai|tin)?\s*/\s*(?P<per>[a-z0-9 ]+?)\s*$")
_START = re.compile(r"^(?:(?P<year>\d{4})-(?P<month>\d{1,2})|(?P<month2>\d{1,2})/(?P<year2>\d{4})|(?P<only>\d{1,2}))$")
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"

TOP_KEYS = {
    "year": "năm của kế hoạch",
    "title": "tên kế hoạch",
    "reference": "số, ngày của văn bản kế hoạch",
    "start": "tháng bắt đầu áp dụng, nếu kế hoạch không áp dụng từ tháng 01",
    "counted_kinds": "các loại bài tính vào chỉ tiêu chung",
    "quota": "chỉ tiêu chung",
    "units": "các đơn vị và chỉ tiêu của từng đơn vị",
    "activities": "các hoạt động tuyên truyền trọng tâm",
}
QUOTA_KEYS = {"total": "chỉ tiêu tổng số bài", "kinds": "chỉ tiêu theo loại bài"}
ACTIVITY_KEYS = {
    "activity": "hình thức, nội dung hoạt động",
    "lead": "cơ quan, đơn vị chủ trì",
    "partners": "cơ quan, đơn vị phối hợp",
    "time": "thời gian thực hiện",
}
REQUIRED_ACTIVITY_KEYS = ("activity", "lead", "time")


@dataclass(frozen=True)
class Quota:
    """``count`` items in every aligned window of ``length`` months."""

    count: int
    length: int

    @property
    def label(self) -> str:
        return f"{self.count:02d} bài / {WINDOW_WORD[self.length]}"


@dataclass(frozen=True)
class Activity:
    """One row of the plan's «Một số hoạt động tuyên truyền trọng tâm»."""

    activity: str
    lead: str
    partners: tuple[str, ...]
    time: str


@dataclass
class UnitPlan:
    """A unit named in the plan, with its own quotas (none means: in the plan, no quota of its own)."""

    slug: str
    name: str
    total: Quota | None = None
    kinds: dict[str, Quota] = field(default_factory=dict)


@dataclass
class Plan:
    """One year's plan, as read from ``path``."""

    year: int
    path: str
    title: str
    reference: str = ""
    start_month: int = 1
    counted_kinds: tuple[str, ...] = DEFAULT_COUNTED_KINDS
    total: Quota | None = None
    kinds: dict[str, Quota] = field(default_factory=dict)
    units: dict[str, UnitPlan] = field(default_factory=dict)
    activities: list[Activity] = field(default_factory=list)


@dataclass(frozen=True)
class PlanProblem:
    path: str
    line: int | None
    message: str


def parse_quota(value: str | int) -> Quota | None:
    """``2`` (per month), "02 bài / tháng", "1/quý", "3 bài / 6 tháng", "12 bài/năm"; None if unreadable."""
    if isinstance(value, int):
        return Quota(value, MONTH)
    text = fold(nfc(str(value)))
    if text.isdigit():
        return Quota(int(text), MONTH)
    match = _QUOTA_TEXT.match(text)
    if not match or match["per"] not in PER_WINDOW:
        return None
    return Quota(int(match["count"]), PER_WINDOW[match["per"]])


def item_kind_labels(settings: dict) -> dict[str, str]:
    """Kind of item → label, for every kind but pages (as the content model names them)."""
    labels = settings.get("CCHC_KIND_LABELS") or KIND_LABELS
    return {kind: label for kind, label in labels.items() if kind != PAGE_KIND}


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class PlanReader:
    """Reads one plan file into a :class:`Plan`, collecting every problem instead of stopping at the first."""

    def __init__(self, path: Path, settings: dict):
        self.path = path
        self.problems: list[PlanProblem] = []
        self.units: list[Unit] = units_from_settings(settings)
        self.kind_labels = item_kind_labels(settings)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(PlanProblem(str(self.path), line, message))

    def read(self) -> Plan | None:
        root = self.document()
        if root is None:
            return None
        fields = self.mapping(root, TOP_KEYS, "tệp kế hoạch")
        if fields is None:
            return None
        year = self.year(fields.get("year"), root)
        plan = Plan(
            year=year or 0,
            path=str(self.path),
            title=self.text(fields.get("title"), "title") or f"Kế hoạch thông tin, tuyên truyền cải cách hành chính năm {year}",
            reference=self.text(fields.get("reference"), "reference") or "",
        )
        if "start" in fields and year:
            plan.start_month = self.start_month(fields["start"], year)
        if "counted_kinds" in fields:
            plan.counted_kinds = self.counted_kinds(fields["counted_kinds"])
        if "quota" in fields:
            plan.total, plan.kinds = self.quota_block(fields["quota"], "quota")
        if "units" in fields:
            plan.units = self.unit_plans(fields["units"])
        else:
            self.problem(None, "thiếu mục «units» (các đơn vị trong kế hoạch). Thêm «units:» rồi liệt kê từng đơn vị và chỉ tiêu của đơn vị, ví dụ «  Văn phòng HĐND và UBND: 01 bài / tháng».")
        if "activities" in fields:
            plan.activities = self.activities(fields["activities"])
        return plan if year else None

    def document(self) -> yaml.Node | None:
        try:
            text = nfc(self.path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
        except UnicodeDecodeError:
            self.problem(None, "tệp kế hoạch không được lưu bằng bảng mã UTF-8. Mở tệp, chọn «Lưu với bảng mã UTF-8» rồi lưu lại.")
            return None
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            self.problem(
                mark.line + 1 if mark else None,
                "tệp kế hoạch sai cú pháp YAML ở dòng này. Thường do thụt lề không đều (dùng dấu cách, không dùng Tab), thiếu dấu «:» sau tên mục, hoặc giá trị có dấu «:» mà chưa đặt trong ngoặc kép.",
            )
            return None
        if root is None:
            self.problem(None, "tệp kế hoạch trống. Điền ít nhất «year:» và «units:» (xem docs/huong-dan-bien-tap.md).")
        return root

    def mapping(self, node: yaml.Node, allowed: dict[str, str], what: str) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node → value nodes; unknown and repeated keys are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(line_of(node), f"{what} phải là danh sách «tên mục: giá trị», mỗi mục một dòng.")
            return None
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value).strip()
            if key in found:
                self.problem(line_of(key_node), f"mục «{key}» được khai báo hai lần (lần đầu ở dòng {line_of(found[key])}): giữ một mục.")
                continue
            if key not in allowed:
                close = difflib.get_close_matches(key.lower(), list(allowed), n=1, cutoff=0.6)
                hint = f" Có phải ý bạn là «{close[0]}»?" if close else ""
                listed = "; ".join(f"{name} ({meaning})" for name, meaning in allowed.items())
                self.problem(line_of(key_node), f"mục «{key}» không được hỗ trợ trong {what}.{hint} Các mục dùng được: {listed}.")
                continue
            found[key] = value_node
        return found

    def scalar(self, node: yaml.Node | None, key: str) -> str | int | None:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(line_of(node), f"mục «{key}» phải là một giá trị viết trên cùng dòng, không phải danh sách.")
            return None
        value = nfc(str(node.value)).strip()
        if node.tag == _INT_TAG and value.isdigit():
            return int(value, 10)
        return value

    def text(self, node: yaml.Node | None, key: str) -> str | None:
        value = self.scalar(node, key)
        return None if value is None else str(value)

    def year(self, node: yaml.Node | None, root: yaml.Node) -> int | None:
        if node is None:
            self.problem(line_of(root), "thiếu mục «year» (năm của kế hoạch). Thêm dòng «year: 2026».")
            return None
        value = self.scalar(node, "year")
        if not isinstance(value, int) or not 2000 <= value <= 2100:
            self.problem(line_of(node), f"năm của kế hoạch «{value}» không hợp lệ. Viết bốn chữ số, ví dụ «year: 2026».")
            return None
        stem = self.path.stem
        if stem.isdigit() and len(stem) == 4 and int(stem) != value:
            self.problem(line_of(node), f"tệp «{self.path.name}» ghi năm {value}. Đặt tên tệp theo năm của kế hoạch («{value}.yaml») hoặc sửa dòng «year».")
            return None
        return value

    def start_month(self, node: yaml.Node, year: int) -> int:
        """The first month the plan applies: «2025-07», «07/2025» or «7»."""
        value = self.scalar(node, "start")
        text = str(value or "").strip()
        match = _START.match(text)
        if match:
            month = int(match["month"] or match["month2"] or match["only"])
            written_year = int(match["year"] or match["year2"] or year)
            if 1 <= month <= 12 and written_year == year:
                return month
        self.problem(line_of(node), f"tháng bắt đầu «{text}» không hợp lệ. Viết tháng của năm {year}, ví dụ «start: {year}-07» (kế hoạch áp dụng từ tháng 7 năm {year}).")
        return 1

    def quota(self, node: yaml.Node, where: str) -> Quota | None:
        value = self.scalar(node, where)
        if value is None:
            return None
        quota = parse_quota(value)
        if quota is None:
            self.problem(line_of(node), f"chỉ tiêu «{value}» ({where}) không đọc được. Viết theo mẫu {QUOTA_EXAMPLE}.")
        return quota

    def kind(self, key_text: str, line: int) -> str | None:
        wanted = fold(key_text)
        for kind, label in self.kind_labels.items():
            if wanted in (kind, fold(kind.replace("-", " ")), fold(label)):
                return kind
        listed = "; ".join(f"{kind} ({label})" for kind, label in self.kind_labels.items())
        self.problem(line, f"loại bài «{key_text}» không có. Chọn một trong: {listed}.")
        return None

    def counted_kinds(self, node: yaml.Node) -> tuple[str, ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        kinds = [self.kind(str(item.value), line_of(item)) for item in items if isinstance(item, yaml.ScalarNode)]
        if not kinds:
            self.problem(line_of(node), "mục «counted_kinds» phải liệt kê ít nhất một loại bài, ví dụ «[tin, dien-hinh, phe-binh]».")
        return tuple(kind for kind in kinds if kind) or DEFAULT_COUNTED_KINDS

    def quota_block(self, node: yaml.Node, where: str) -> tuple[Quota | None, dict[str, Quota]]:
        """A quota written short ("02 bài / tháng") or as «total:» and «kinds:»."""
        if isinstance(node, yaml.ScalarNode):
            return self.quota(node, where), {}
        fields = self.mapping(node, QUOTA_KEYS, f"mục «{where}»") or {}
        total = self.quota(fields["total"], where) if "total" in fields else None
        kinds: dict[str, Quota] = {}
        if "kinds" in fields:
            for key_node, value_node in self.pairs(fields["kinds"], f"mục «{where}.kinds»"):
                kind = self.kind(str(key_node.value), line_of(key_node))
                quota = self.quota(value_node, f"{where}, loại {key_node.value}")
                if kind and quota:
                    kinds[kind] = quota
        return total, kinds

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if isinstance(node, yaml.MappingNode):
            return list(node.value)
        self.problem(line_of(node), f"{what} phải là danh sách «tên: chỉ tiêu», mỗi dòng một mục, thụt lề hai dấu cách.")
        return []

    def unit_plans(self, node: yaml.Node) -> dict[str, UnitPlan]:
        plans: dict[str, UnitPlan] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in self.pairs(node, "mục «units»"):
            name = nfc(str(key_node.value)).strip()
            unit = resolve_unit(name, self.units)
            if unit is None:
                listed = "; ".join(u.name for u in self.units)
                self.problem(line_of(key_node), f"đơn vị «{name}» không có trong danh sách đơn vị của trang (UNITS trong pelicanconf.py). Chọn một trong: {listed}.")
                continue
            if unit.slug in plans:
                self.problem(line_of(key_node), f"đơn vị «{unit.name}» được khai báo hai lần (lần đầu ở dòng {first_line[unit.slug]}): giữ một mục.")
                continue
            total, kinds = self.quota_block(value_node, f"đơn vị {unit.name}")
            plans[unit.slug] = UnitPlan(unit.slug, unit.name, total, kinds)
            first_line[unit.slug] = line_of(key_node)
        return plans

    def activities(self, node: yaml.Node) -> list[Activity]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(line_of(node), "mục «activities» phải là danh sách, mỗi hoạt động bắt đầu bằng «- activity: …».")
            return []
        found = []
        for number, item in enumerate(node.value, start=1):
            fields = self.mapping(item, ACTIVITY_KEYS, f"hoạt động thứ {number}")
            if fields is None:
                continue
            missing = [key for key in REQUIRED_ACTIVITY_KEYS if not self.text(fields.get(key), key)]
            for key in missing:
                self.problem(line_of(item), f"hoạt động thứ {number} thiếu mục «{key}» ({ACTIVITY_KEYS[key]}). Thêm dòng «{key}: …».")
            if missing:
                continue
            found.append(
                Activity(
                    activity=self.text(fields["activity"], "activity") or "",
                    lead=self.text(fields["lead"], "lead") or "",
                    partners=self.partners(fields.get("partners")),
                    time=self.text(fields["time"], "time") or "",
                )
            )
        return found

    def partners(self, node: yaml.Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, yaml.SequenceNode):
            return tuple(nfc(str(item.value)).strip() for item in node.value if isinstance(item, yaml.ScalarNode) and str(item.value).strip())
        value = self.text(node, "partners")
        return (value,) if value else ()


def plan_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in PLAN_EXTENSIONS and not path.name.startswith("."))


def load_plans(folder: Path, settings: dict) -> tuple[dict[int, Plan], list[PlanProblem]]:
    """Every year's plan in ``folder``, and every problem found in any of them."""
    plans: dict[int, Plan] = {}
    problems: list[PlanProblem] = []
    for path in plan_files(folder):
        reader = PlanReader(path, settings)
        plan = reader.read()
        problems += reader.problems
        if plan is None or reader.problems:
            continue
        if plan.year in plans:
            other = Path(plans[plan.year].path).name
            problems.append(PlanProblem(str(path), None, f"kế hoạch năm {plan.year} đã có trong tệp «{other}». Mỗi năm chỉ một tệp kế hoạch: gộp hai tệp hoặc xóa một tệp."))
            continue
        plans[plan.year] = plan
    return plans, problems
