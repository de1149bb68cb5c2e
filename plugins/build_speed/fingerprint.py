"""Fingerprints: short hashes that change whenever something a page could show changes.

- :func:`environment_parts`: the code (every loaded module under the
  project, the theme), the installed packages, Python, and each setting;
- :func:`static_fingerprint`: every file under ``PATH`` that is not a source
  (pictures, recordings, the plan), by name, size and modification time;
- :func:`item_view`: what of an item is cheap to compare (metadata, short
  attributes, address) and which attributes hold its body or objects made from
  it (``content``, ``summary`` without a ``Summary:`` line, a procedure's parsed
  body…), which the page cache tracks per page instead.

Values are written with :func:`stable_repr`, which never includes a memory
address, so equal inputs give equal hashes in every process and every build.
A :class:`Fingerprint` keeps its parts, so the log can say what changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import FunctionType, MethodType, ModuleType

from pelican.urlwrappers import URLWrapper

from .output import read_bytes

SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# Attributes of a content object that read its text (or what plugins made from it).
BODY_ATTRIBUTES = frozenset({"content", "_content", "get_content", "_get_content", "summary", "get_summary", "_get_summary", "_update_content"})
# Properties that follow from the metadata and the settings alone.
ADDRESS_ATTRIBUTES = frozenset({"url", "save_as", "metadata", "translations", "in_default_lang", "source_path", "relative_source_path", "relative_dir", "template"})
# Shared by every item, fingerprinted with the settings or not part of any page.
SHARED_ATTRIBUTES = frozenset({"settings", "_context", "_build_speed_addresses"})
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
_SIMPLE = (str, int, float, bool, type(None), date, time, timedelta, tzinfo, Path, URLWrapper)
_MAX_DEPTH = 6


def digest(*parts: str | bytes) -> str:
    """A SHA-256 over ``parts`` (each length-prefixed, so ("ab", "c") ≠ ("a", "bc"))."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_code_digest(*folders: Path) -> str:
    """A hash of the Python files in ``folders`` (names and bytes): a plugin's cache key part for its own code."""
    hasher = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).glob("*.py")):
            hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def is_simple(value: object) -> bool:
    """A value compared by what it says: text, numbers, dates, categories and tags, and lists of these."""
    if isinstance(value, _SIMPLE):
        return True
    if isinstance(value, (list, tuple, frozenset, set)):
        return all(is_simple(element) for element in value)
    return False


def stable_repr(value: object, depth: int = 0) -> str:
    """A text for ``value`` that is equal for equal values in any process (no memory addresses, sets sorted)."""
    kind = type(value)
    if kind is str:
        return repr(value)
    leaf = _LEAF_REPRS.get(kind)
    if leaf is not None and depth <= _MAX_DEPTH:  # the types met most (an item's metadata), by their exact type
        return leaf(value)
    if depth > _MAX_DEPTH:
        return kind.__qualname__
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    if isinstance(value, datetime):
        return _datetime_repr(value)
    if isinstance(value, (date, time, timedelta, Path)):
        return repr(value)
    if isinstance(value, URLWrapper):
        return _wrapper_repr(value)
    if isinstance(value, bytes):
        return f"bytes({digest(value)})"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_repr(element, depth + 1) for element in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_repr(element, depth + 1) for element in value)) + "}"
    if isinstance(value, dict):
        return _dict_repr(value, depth + 1)
    if isinstance(value, (FunctionType, MethodType, type, ModuleType)) or callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', getattr(value, '__name__', type(value).__name__))}"
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r}, {value.flags})"
    source_path = getattr(value, "source_path", None)
    if isinstance(source_path, str) and hasattr(value, "metadata"):
        return f"content({source_path!r})"
    if dataclasses.is_dataclass(value):
        fields = {field.name: getattr(value, field.name, None) for field in dataclasses.fields(value)}
        return f"{type(value).__qualname__}{stable_repr(fields, depth + 1)}"
    return _ADDRESS.sub("", f"{type(value).__qualname__}:{value!r}")


def _dict_repr(value: dict, depth: int) -> str:
    """The pairs of ``value``, keys and values written at ``depth``, sorted (an item's metadata: mostly texts and leaves)."""
    pairs = []
    for key, item in value.items():
        kind = type(item)
        leaf = _LEAF_REPRS.get(kind) if depth <= _MAX_DEPTH else None
        written = repr(item) if kind is str else leaf(item) if leaf is not None else stable_repr(item, depth)
        pairs.append((repr(key) if type(key) is str else stable_repr(key, depth), written))
    pairs.sort()
    return "{" + ", ".join(f"{key}: {item}" for key, item in pairs) + "}"


def _datetime_repr(value: datetime) -> str:
    return f"datetime({value.isoformat()}, {value.tzinfo!s})"


def _wrapper_repr(value: URLWrapper) -> str:
    return f"{type(value).__name__}({value.name!r}, {value.slug!r})"


def _leaf_reprs() -> dict[type, Callable[[object], str]]:
    """:func:`stable_repr` of the exact types an item's metadata holds, each what the chain of tests gives it.

    Only values that hold no others: a container goes through the chain, which
    counts its depth.
    """
    reprs: dict[type, Callable[[object], str]] = {kind: repr for kind in (int, float, bool, type(None), date, time, timedelta)}
    reprs[datetime] = _datetime_repr
    from markupsafe import Markup
    from pelican.urlwrappers import Author, Category, Tag
    from pelican.utils import SafeDatetime

    reprs.update({Markup: repr, SafeDatetime: _datetime_repr, Category: _wrapper_repr, Tag: _wrapper_repr, Author: _wrapper_repr})
    return reprs


_LEAF_REPRS = _leaf_reprs()


def context_signature(values: dict, memo: dict[int, str] | None = None) -> str:
    """A digest of what a page's own template variables say in plain values (text, numbers, items' names).

    Objects are named by their type only, and lists of items by their length:
    what they hold is either an item (tracked when read) or follows from the
    site's fingerprint. ``memo`` keeps the text of lists shared by many pages
    (the pages of one listing) while they are alive.
    """
    memo = {} if memo is None else memo
    return digest(*(f"{key}={_plain(value, 0, memo)}" for key, value in sorted(values.items())))


def _is_content(value: object) -> bool:
    return isinstance(getattr(value, "source_path", None), str) and hasattr(value, "metadata")


def _plain(value: object, depth: int, memo: dict[int, str]) -> str:
    if is_simple(value):
        return stable_repr(value)
    if _is_content(value):
        return f"content({value.source_path!r})"
    if depth >= 3 or not isinstance(value, (list, tuple, dict)):
        return type(value).__qualname__
    known = memo.get(id(value))
    if known is not None:
        return known
    if isinstance(value, dict):
        text = "{" + ",".join(f"{key!r}:{_plain(element, depth + 1, memo)}" for key, element in sorted(value.items(), key=lambda pair: repr(pair[0]))) + "}"
    elif value and _is_content(value[0]):
        text = f"contents({len(value)})"
    else:
        text = "[" + ",".join(_plain(element, depth + 1, memo) for element in value) + "]"
    memo[id(value)] = text
    return text


def settings_parts(settings: dict, ignored_prefixes: tuple[str, ...]) -> dict[str, str]:
    """A digest per setting, except keys that change nothing in the output (``ignored_prefixes``)."""
    return {f"setting:{key}": digest(stable_repr(value)) for key, value in settings.items() if not key.startswith(ignored_prefixes)}


def code_files(project_root: Path, theme: str) -> list[str]:
    """The project's loaded Python modules and every file of the theme (paths as text: every build lists hundreds)."""
    root = os.path.join(str(project_root), "")
    found = set()
    real_folders: dict[str, str] = {}  # hundreds of modules share a few dozen folders: each resolved once
    for module in list(sys.modules.values()):
        location = getattr(module, "__file__", None)
        if not location:
            continue
        real = _real_path(location, real_folders)
        if real.startswith(root) and ".venv" not in location.split(os.sep) and os.path.isfile(real):
            found.add(real)
    for folder, subfolders, files in os.walk(theme):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        if "__pycache__" not in folder.split(os.sep):
            found.update(path for name in files if os.path.isfile(path := os.path.join(folder, name)))
    return sorted(found)


def _real_path(location: str, real_folders: dict[str, str]) -> str:
    """``os.path.realpath(location)``, resolving each folder once."""
    if os.path.islink(location):
        return os.path.realpath(location)
    folder, name = os.path.split(os.path.abspath(location))
    real = real_folders.get(folder)
    if real is None:
        real = real_folders[folder] = os.path.realpath(folder)
    return os.path.join(real, name)


def installed_packages() -> str:
    """Names and versions of the installed distributions (their ``.dist-info`` folders), and Python's version."""
    folders = []
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            folders += [name for name in os.listdir(entry) if name.endswith(".dist-info")]
    return f"{sys.version}|" + "|".join(sorted(folders))


def environment_parts(settings: dict, project_root: Path, ignored_prefixes: tuple[str, ...]) -> dict[str, str]:
    """Everything outside the content a page depends on, by part: code, theme, packages, settings."""
    parts = {"packages": digest(installed_packages()), **settings_parts(settings, ignored_prefixes)}
    root = os.path.join(str(project_root), "")
    for path in code_files(project_root, settings["THEME"]):
        shown = path[len(root):] if path.startswith(root) else path
        parts[f"code:{shown}"] = digest(read_bytes(path))
    return parts


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """Named parts, each a digest; equal fingerprints mean nothing they cover changed."""

    parts: dict[str, str]

    @property
    def total(self) -> str:
        return digest(*(f"{name}={value}" for name, value in sorted(self.parts.items())))

    def changes(self, earlier: Fingerprint | None, shown: int = 5) -> str:
        """Which parts differ from ``earlier``, in a few words (for the build's log)."""
        if earlier is None:
            return "no earlier build"
        names = sorted({name for name in self.parts.keys() | earlier.parts.keys() if self.parts.get(name) != earlier.parts.get(name)})
        more = f" and {len(names) - shown} more" if len(names) > shown else ""
        return ", ".join(names[:shown]) + more


def static_fingerprint(content_root: str) -> str:
    """Every file under the content folder that is not a Markdown source: name, size, modification time."""
    parts = []
    for folder, subfolders, files in os.walk(content_root):
        subfolders.sort()
        for name in sorted(files):
            if name.lower().endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            stat = os.stat(path)
            parts.append(f"{os.path.relpath(path, content_root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


@dataclasses.dataclass(frozen=True)
class ItemView:
    """How the page cache sees one content object."""

    source_path: str
    fingerprint: str  # of every covered attribute
    covered: frozenset[str]  # attributes whose values are in ``fingerprint``
    owned: tuple[object, ...]  # objects made from the item's body, tracked when a page reads them


_NOT_VIEWED = SHARED_ATTRIBUTES | BODY_ATTRIBUTES | ADDRESS_ATTRIBUTES
# Written into an item's view; its relative path and folder follow from its source path (written) and the settings.
_ADDRESS_NAMES = tuple(sorted(ADDRESS_ATTRIBUTES - {"metadata", "relative_source_path", "relative_dir"}))


def item_view(content) -> ItemView:
    """The covered attributes of ``content`` (metadata, short attributes, addresses) and the objects it owns."""
    metadata = content.metadata
    covered = set(metadata) | ADDRESS_ATTRIBUTES
    owned: list[object] = []
    values = [stable_repr(metadata)]
    for name, value in vars(content).items():
        if name in _NOT_VIEWED or (name in metadata and value is metadata[name]):
            continue
        if type(value) is str:  # most attributes: what is_simple and stable_repr say of a text, without their tests
            covered.add(name)
            values.append(f"{name}={value!r}")
        elif is_simple(value):
            covered.add(name)
            values.append(f"{name}={stable_repr(value)}")
        else:
            covered.discard(name)
            if isinstance(value, (list, tuple)):
                owned += [element for element in value if not is_simple(element)]
            elif not isinstance(value, dict):
                owned.append(value)
    values += [f"{name}={stable_repr(_safe_getattr(content, name))}" for name in _ADDRESS_NAMES]
    if "summary" in metadata:
        covered.add("summary")
    return ItemView(content.source_path, _joined_digest([type(content).__name__, content.source_path, *values]), frozenset(covered), tuple(owned))


def _joined_digest(texts: list[str]) -> str:
    """A SHA-256 of ``texts`` joined by NUL: one hash update instead of two for each of an item's thirty texts.

    The join is unambiguous: every text here is a ``repr`` or made of ``repr``s
    (a NUL inside a value is written ``\\x00``), a type's name or a path.
    """
    return hashlib.sha256("\0".join(texts).encode("utf-8", "surrogatepass")).hexdigest()


def _safe_getattr(content, name: str) -> object:
    try:
        return getattr(content, name)
    except Exception as error:  # a property that fails is as good as its error for comparing
        return f"<{type(error).__name__}>"
