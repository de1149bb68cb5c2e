"""Plain Pelican for the benchmark: what ``pelican-quickstart`` writes, on the same folders, no plugins.

The default theme (notmyidea), Pelican's own readers, URLs and slugs; feeds
off and ten items a page, as quickstart's answers default to.
"""

SITENAME = "Cải cách hành chính"
AUTHOR = "Ủy ban nhân dân xã"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"

ARTICLE_PATHS = ["tin", "dien-hinh", "phe-binh", "thu-tuc"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "audio"]
PLUGINS = []

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
