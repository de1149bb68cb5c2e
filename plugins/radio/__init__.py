"""The commune radio (loa truyền thanh): audio recordings of items and plain-text radio scripts.

- Items of the kinds in ``RADIO_KINDS`` (news, exemplar stories, criticism)
  may carry ``Audio: audio/ten-tep.mp3`` and ``AudioDuration: 03:25``; both
  are validated when the item is read (a missing file or a bad duration fails
  the build with a Vietnamese message and the line). Every content object
  then has ``audio_file`` (an :class:`~.audio.AudioFile`, or None), which
  ``theme/templates/radio/player.html`` and the feeds plugin's podcast feed read.
- For every such item a plain-text script for the announcer is written beside
  its page (``tin/<slug>/radio.txt``), with abbreviations from
  ``RADIO_ABBREVIATIONS`` expanded and dates and numbers in words; its address
  is ``article.radio_script_url``.

This plugin does not write feeds: the podcast feed is a feed, written with the
others by ``plugins.feeds`` from ``audio_file``.
"""

from __future__ import annotations

import os

from pelican import signals

from plugins.build_speed.output import before_sweep, write_new_or_changed
from plugins.build_speed.stores import KeptFiles
from plugins.content_model import add_validator, before_report, extend_fields

from .audio import AUDIO_FIELDS, AudioFile, audio_file_of, audio_problems
from .batch import ScriptBatch
from .inputs import DEFAULT_ABBREVIATIONS, DEFAULT_ISSUERS, ScriptItem, Voice
from .numbers import NumberStyle

__all__ = ["AudioFile", "Voice", "radio_script_path", "register"]

DEFAULTS = {
    "RADIO_KINDS": ("tin", "dien-hinh", "phe-binh"),
    "RADIO_ABBREVIATIONS": DEFAULT_ABBREVIATIONS,
    "RADIO_ISSUERS": DEFAULT_ISSUERS,
    "RADIO_ZERO_TENS": "linh",
    "RADIO_THOUSAND": "nghìn",
    "RADIO_SCRIPT_NAME": "radio.txt",
    # Added to the script writers' nice value: they take the processor time the build's own process leaves.
    "RADIO_NICENESS": 10,
}
FIELD_HELP = {
    "audio": "tệp ghi âm MP3 của bài trong content/audio/, ví dụ audio/ban-tin-thang-3.mp3",
    "audioduration": "thời lượng tệp ghi âm, dạng phút:giây, ví dụ 03:25",
}
# Served as text/plain, often without a charset: the BOM makes browsers and
# old Notepad read the Vietnamese as UTF-8 instead of guessing a legacy code page.
BYTE_ORDER_MARK = "\ufeff"


# The scripts the last build left in the output folder: path → (script key, the file's inode and change time then).
WRITTEN_FILE = "radio-written.pickle"


class _Writing:
    """The scripts being written while the build goes on, until :func:`finish_scripts`."""

    batch: ScriptBatch | None = None
    files: ScriptFiles | None = None


class ScriptFiles:
    """The script files of the last build, by item: one whose key and file are the same is left alone, unread.

    Comparing each of thousands of scripts with its file cost more than any
    other step of a rebuild that changed nothing (see
    :class:`~plugins.build_speed.stores.KeptFiles`).
    """

    def __init__(self, cache_folder: str | None, paths: list[str]):
        self.paths = paths
        self.kept = KeptFiles(cache_folder, WRITTEN_FILE)

    def current(self, index: int, key: str) -> bool:
        """Whether the script file of item ``index`` is the one the last build wrote for ``key``, unchanged since."""
        return self.kept.current(self.paths[index], key)

    def save(self, keys: list[str]) -> None:
        """Remember each script file as this build leaves it (a file written since the start is asked again)."""
        for path, key in zip(self.paths, keys, strict=True):
            if path not in self.kept.now:
                self.kept.made(path, key)
        self.kept.save()


def configure(pelican) -> None:
    discard_scripts()  # an earlier build of this process (the preview server) that stopped before finishing them
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    for kind in settings["RADIO_KINDS"]:
        extend_fields(settings, kind, AUDIO_FIELDS)
        add_validator(settings, kind, audio_problems)
    help_texts = settings.setdefault("CCHC_FIELD_HELP", {})
    for key, text in FIELD_HELP.items():
        help_texts.setdefault(key, text)


def attach_audio(content) -> None:
    content.audio_file = None
    if content.metadata.get("kind") in content.settings.get("RADIO_KINDS", ()):
        content.audio_file = audio_file_of(content.metadata, content.settings)


def radio_script_path(save_as: str, script_name: str = DEFAULTS["RADIO_SCRIPT_NAME"]) -> str:
    """Where an item's script goes, beside its page: "tin/a/index.html" → "tin/a/radio.txt"."""
    folder, page = os.path.split(save_as)
    if page == "index.html":
        return f"{folder}/{script_name}" if folder else script_name
    stem = page.rsplit(".", 1)[0]
    return f"{folder}/{stem}.{script_name}" if folder else f"{stem}.{script_name}"


def _radio_items(generator) -> list[tuple]:
    """Each item of a radio kind that is written, with its ``save_as``.

    Pelican works ``save_as`` out again on every access (its settings
    expanded with the item's slug and date): it is read once here.
    """
    kinds = generator.settings["RADIO_KINDS"]
    items = list(generator.articles) + list(getattr(generator, "hidden_articles", []))
    return [(item, save_as) for item in items if getattr(item, "kind", None) in kinds and (save_as := item.save_as)]


def _items_with_scripts(generator) -> list:
    items = list(generator.articles) + list(getattr(generator, "hidden_articles", []))
    return [item for item in items if getattr(item, "radio_script_url", None)]


def link_scripts(generator) -> None:
    script_name = generator.settings["RADIO_SCRIPT_NAME"]
    for item, save_as in _radio_items(generator):
        item.radio_script_url = radio_script_path(save_as, script_name)


def voice_for(settings: dict) -> Voice:
    """How the build's scripts are said, from the ``RADIO_*`` settings."""
    style = NumberStyle(zero_tens=settings["RADIO_ZERO_TENS"], thousand=settings["RADIO_THOUSAND"])
    return Voice(settings["RADIO_ABBREVIATIONS"], settings["RADIO_ISSUERS"], style)


def script_item(article) -> ScriptItem:
    """What the script of ``article`` is made of, read without rendering anything.

    The text is Pelican's ``_content``, before its intrasite links are
    replaced: that changes only addresses inside tags, which a script drops,
    and ``article.content`` would redo it for every item of a build.
    """
    return ScriptItem(
        title=str(article.title),
        kind_label=article.kind_label,
        unit=getattr(article, "unit", "") or "",
        date=article.date,
        html=article._content,
        summary=article.metadata.get("summary"),
    )


def write_scripts(generator, writer) -> None:
    settings = generator.settings
    owner = settings.get("SITE_OWNER", {}).get("name") or settings.get("SITENAME", "")
    items = _items_with_scripts(generator)
    paths = [os.path.abspath(os.path.join(writer.output_path, item.radio_script_url)) for item in items]

    def write_script(index: int, text: str) -> None:
        write_new_or_changed(paths[index], (BYTE_ORDER_MARK + text).encode("utf-8"))

    # A file the last build wrote for the same script is left alone; the others come from the cache, or are made
    # beside the build at a lower priority than its own process (batch.py), and collected before the output is swept and checked.
    _Writing.files = files = ScriptFiles(settings.get("CACHE_PATH"), paths)
    _Writing.batch = ScriptBatch(
        [script_item(item) for item in items], voice_for(settings), owner, settings["TIMEZONE"],
        settings.get("CACHE_PATH"), settings.get("RADIO_WORKERS"), keep=write_script, niceness=int(settings["RADIO_NICENESS"]),
        current=files.current,
    )
    before_sweep(collect_scripts)


def finish_scripts(pelican) -> None:
    """``finalized``: :func:`collect_scripts`, for a build without build_speed's sweep (which collects them first)."""
    collect_scripts()


def collect_scripts() -> None:
    """Every script written and the record saved, before the output is swept and checked."""
    batch, _Writing.batch = _Writing.batch, None
    files, _Writing.files = _Writing.files, None
    if batch is not None:
        batch.finish()
    if batch is not None and files is not None:
        files.save(batch.keys)


def discard_scripts() -> None:
    batch, _Writing.batch, _Writing.files = _Writing.batch, None, None
    if batch is not None:
        batch.cancel()


def register() -> None:
    signals.initialized.connect(configure)
    signals.content_object_init.connect(attach_audio)
    signals.article_generator_finalized.connect(link_scripts)
    signals.article_writer_finalized.connect(write_scripts)
    signals.finalized.connect(finish_scripts)
    before_report(discard_scripts)  # a failing build ends the process making its scripts before it reports
