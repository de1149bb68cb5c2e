"""Site settings for development: the sample commune, Xã Tân Hòa.

To build the CCHC section of another commune or a department, change the
block «Đơn vị chủ quản» and ``UNITS`` below (see README, "Configure a site").
"""

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

# --- Đơn vị chủ quản (the owning unit) ---------------------------------------
SITENAME = "Cải cách hành chính xã Tân Hòa"
SITE_OWNER = {
    "name": "Ủy ban nhân dân xã Tân Hòa",
    "short_name": "Xã Tân Hòa",
    "superior": "Ủy ban nhân dân tỉnh Vĩnh Long",
    "place": "Xã Tân Hòa",
    "address": "Số 01 đường Nguyễn Huệ, ấp Tân Thành, xã Tân Hòa, tỉnh Vĩnh Long",
    "phone": "0270 3812 345",
    "email": "ubnd.tanhoa@vinhlong.gov.vn",
    "responsible": "Ông Phạm Văn Hùng, Phó Chủ tịch Ủy ban nhân dân xã",
    "emblem": "images/quoc-huy.svg",
}
AUTHOR = SITE_OWNER["name"]

# Units (đơn vị) that publish items: slug → name (Nghị định 150/2025/NĐ-CP).
UNITS = {
    "van-phong": "Văn phòng HĐND và UBND",
    "phong-kinh-te": "Phòng Kinh tế",
    "phong-van-hoa-xa-hoi": "Phòng Văn hóa - Xã hội",
    "trung-tam-phuc-vu-hanh-chinh-cong": "Trung tâm Phục vụ hành chính công",
}
DEFAULT_UNIT = "van-phong"

# National public-service portal (Dịch vụ công trực tuyến).
PUBLIC_SERVICE_PORTAL = "https://dichvucong.gov.vn"
# A procedure's «Nộp hồ sơ trực tuyến» button: {code} is its national code
# (1.001193), {full_code} the code with the local suffix, {name} its name.
PROCEDURE_PORTAL_URL = "https://dichvucong.gov.vn/tim-kiem-thu-tuc-hanh-chinh?keyword={code}"
# Where to submit, for imported procedures whose record leaves it empty.
PROCEDURE_DEFAULT_ADDRESS = "Trung tâm Phục vụ hành chính công xã Tân Hòa, số 01 đường Nguyễn Huệ, ấp Tân Thành, xã Tân Hòa, tỉnh Vĩnh Long"

# Search (tim-kiem/): a static index of every item and page, built with the site;
# works typed with or without diacritics. README, "Search".
SEARCH_ENABLED = True

# Quota report (make report PERIOD=2026-Q1): the plan is content/ke-hoach/<year>.yaml.
# QUOTA_REPORT_PUBLISH = True also publishes the HTML reports at /bao-cao-chi-tieu/.
QUOTA_REPORT_PUBLISH = False
QUOTA_REPORT_DOCUMENT = {
    "code": "BC-UBND",
    "signer": {"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Phạm Văn Hùng"},
    "recipients": [
        "Sở Nội vụ tỉnh Vĩnh Long",
        "Thường trực Đảng ủy, Thường trực HĐND xã",
        "Chủ tịch, các Phó Chủ tịch UBND xã",
        "Lưu: VT, VP",
    ],
}

# --- Pelican ------------------------------------------------------------------
SITEURL = ""
RELATIVE_URLS = False
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
THEME = "theme"
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git"]

PLUGIN_PATHS = [str(PROJECT_ROOT)]
PLUGINS = [
    "plugins.vntext",
    "plugins.content_model",
    "plugins.images",
    "plugins.site_sections",
    "plugins.procedures",
    "plugins.radio",
    "plugins.feeds",
    "plugins.quota_report",
    "plugins.editor_workflow",
    "plugins.search",
    # Renders the pages every plugin above queued, on every core, with caches (README, "Benchmarks").
    "plugins.build_speed",
    # Keep last: it checks the files every plugin above has written.
    "plugins.site_checks",
]

ARTICLE_PATHS = ["tin", "dien-hinh", "phe-binh", "thu-tuc"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "audio"]
# Photos in content/images/ are published only as the images plugin's light,
# metadata-free copies (anh/<hash>-<width>.webp|jpg); the originals stay private.
IMAGE_MAX_PIXELS = 50_000_000  # about 8000 × 6000; a larger image fails the build
IMAGE_PUBLISH_ORIGINALS = False  # True publishes the originals as they are, GPS and all
IGNORE_FILES = [".#*", "*~", "*.swp"]

ARTICLE_URL = "{kind}/{slug}/"
ARTICLE_SAVE_AS = "{kind}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "linh-vuc/{slug}/"
CATEGORY_SAVE_AS = "linh-vuc/{slug}/index.html"
CATEGORIES_URL = "linh-vuc/"
CATEGORIES_SAVE_AS = "linh-vuc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# Drafts are never published, not even under drafts/.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# An item dated in the future waits (as a draft) for the first build on or after
# its date. The content_model plugin decides this against the build's "now"
# (CCHC_NOW in the environment or settings, else the clock), so Pelican's own
# check against the wall clock is switched off.
WITH_FUTURE_DATES = True

DEFAULT_PAGINATION = 10
# The home page is a curated front page (latest of each kind), not paginated;
# full lists (kinds, units, areas, tags, archive months) are.
PAGINATED_TEMPLATES = {"tag": None, "category": None, "period_archives": 20}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang-{number}/", "{base_name}/trang-{number}/index.html"),
)

# Feeds are written by our feeds plugin (feedgen), not by Pelican.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feeds need absolute addresses; publishconf.py's SITEURL is used when publishing.
FEED_SITEURL = "http://127.0.0.1:8000"
FEED_MAX_ITEMS = 50

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "sitemap"]
SITEMAP_SAVE_AS = "so-do-trang/index.html"

# Only Markdown is read; a stray .rst or .html file is reported, not skipped.
READERS = {"rst": None, "html": None, "htm": None}
