"""Where a URL written in a built page leads: a file of this site, another site, or nowhere to check.

The site may live under a path prefix of a bigger site (``SITEURL =
https://xa-tanhoa.vinhlong.gov.vn/cchc``); only addresses under that prefix are
ours to check. Addresses are resolved the way a browser and the web server do:
relative to the page's own URL (``tin/x/index.html`` is served as ``/tin/x/``),
a trailing slash means ``index.html``, and ``%20`` is a space.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

IGNORED_SCHEMES = frozenset({"mailto", "tel", "sms", "javascript", "data", "blob", "about", "geo", "zalo"})
DEFAULT_PORTS = {"http": "80", "https": "443"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Internal:
    """A file of this site (``path`` relative to the output folder) and an optional fragment."""

    path: str
    fragment: str | None


@dataclass(frozen=True)
class External:
    """An address on another host."""

    url: str


@dataclass(frozen=True)
class Outside:
    """An address on our host outside the site's prefix; ``path`` is where it would lead inside it.

    ``/tin/x/`` on a site published at ``/cchc`` is almost always a link
    written for the development server that forgot the prefix.
    """

    url: str
    path: str


def _host(scheme: str, netloc: str) -> str:
    host = netloc.lower().rsplit("@", 1)[-1]
    name, _, port = host.partition(":")
    return name if port == DEFAULT_PORTS.get(scheme or "https") else host


# What besides itself decides where an address leads (plain strings: they hash fastest).
PAGE_SCOPE = "page"  # "" or "#anchor": the page itself
SITE_SCOPE = "site"  # "/tin/x/", "https://…": nothing else
FOLDER_SCOPE = "folder"  # "anh.jpg", "../x/": the page's folder


@functools.lru_cache(maxsize=1 << 16)
def address_scope(url: str) -> str:
    """Which of the page or its folder :meth:`SiteAddress.resolve` needs to place ``url``."""
    url = url.strip()
    if not url or url.startswith("#"):
        return PAGE_SCOPE
    return SITE_SCOPE if url.startswith("/") or _SCHEME.match(url) else FOLDER_SCOPE


def page_url_path(output_path: str) -> str:
    """The URL path a file is served at: ``tin/x/index.html`` → ``/tin/x/``."""
    if output_path == "index.html" or output_path.endswith("/index.html"):
        return "/" + output_path[: -len("index.html")]
    return "/" + output_path


@dataclass(frozen=True)
class SiteAddress:
    """The site's public address, split into host and path prefix."""

    host: str
    prefix: str

    @classmethod
    def from_siteurl(cls, siteurl: str) -> SiteAddress:
        parts = urlsplit(siteurl or "")
        host = _host(parts.scheme, parts.netloc) if parts.netloc else ""
        return cls(host=host, prefix=parts.path.rstrip("/"))

    def resolve(self, url: str, page: str) -> Internal | External | Outside | None:
        """Where ``url``, written in the page at output path ``page``, leads (``None``: nothing to check)."""
        url = url.strip()
        if not url or url.startswith("#"):
            return Internal(page, unquote(url[1:]) or None)
        base = None if url.startswith("/") or _SCHEME.match(url) else posixpath.dirname(page_url_path(page))
        return self._resolve(url, base)

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 - few addresses, each on thousands of pages
    def _resolve(self, url: str, base: str | None) -> Internal | External | Outside | None:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in IGNORED_SCHEMES or (scheme and scheme not in DEFAULT_PORTS):
            return None
        fragment = unquote(parts.fragment) if parts.fragment else None
        if parts.netloc:
            if _host(scheme, parts.netloc) != self.host:
                return External(url)
            return self._under_prefix(parts.path, fragment, url)
        if base is None:
            return self._under_prefix(parts.path, fragment, url)
        if not parts.path:
            return None  # "?query" on the page itself: nothing a file check can say
        joined = posixpath.join(base, parts.path)
        return Internal(self._file_for(joined, parts.path.endswith("/")), fragment)

    def _under_prefix(self, path: str, fragment: str | None, url: str) -> Internal | Outside:
        if self.prefix and path != self.prefix and not path.startswith(self.prefix + "/"):
            return Outside(url, self._file_for(path, path.endswith("/")))
        relative = path[len(self.prefix) :] or "/"
        return Internal(self._file_for(relative, relative.endswith("/")), fragment)

    @staticmethod
    def _file_for(url_path: str, is_folder: bool) -> str:
        normal = posixpath.normpath(unquote(url_path))
        relative = normal.lstrip("/")
        if relative in ("", "."):
            return "index.html"
        return f"{relative}/index.html" if is_folder else relative
