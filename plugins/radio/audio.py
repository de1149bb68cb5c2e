"""An item's audio recording: the ``Audio:`` and ``AudioDuration:`` header fields.

``Audio`` names an MP3 file under the content folder (``audio/ten-tep.mp3``),
``AudioDuration`` its length (``03:25``, or ``1:02:05``). Both are checked
when the item is read; :func:`audio_file_of` then gives templates and the
feeds plugin an :class:`AudioFile` with the address, size, type and duration.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plugins.content_model.header import Header

AUDIO_FIELDS = {"audio": False, "audioduration": False}
MIME_TYPE = "audio/mpeg"
_PREFIXES = ("{static}", "{attach}", "{filename}")
_DURATION = re.compile(r"^(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,3}):(?P<s>\d{2})$")
# An MP3 starts with an ID3 tag or straight with an MPEG audio frame (11 set sync bits).
_ID3 = b"ID3"


@dataclass(frozen=True)
class AudioFile:
    """The recording of an item, as templates and feeds use it."""

    path: str  # relative to the content folder, e.g. "audio/ban-tin.mp3"
    url: str  # relative to SITEURL
    length: int  # bytes
    duration: str  # as the editor wrote it, normalised: "03:25" or "1:02:05"
    seconds: int
    mime_type: str = MIME_TYPE

    @property
    def iso_duration(self) -> str:
        """ISO 8601 duration for <time datetime>: "PT3M25S"."""
        hours, rest = divmod(self.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}S"

    @property
    def spoken_duration(self) -> str:
        """For people: "3 phút 25 giây"."""
        hours, rest = divmod(self.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = [f"{hours} giờ"] if hours else []
        parts += [f"{minutes} phút"] if minutes else []
        parts += [f"{seconds} giây"] if seconds or not parts else []
        return " ".join(parts)

    @property
    def size_label(self) -> str:
        """For a download link: "45 KB", "2,4 MB"."""
        if self.length < 1_000_000:
            return f"{max(1, round(self.length / 1000))} KB"
        return f"{self.length / 1_000_000:.1f} MB".replace(".", ",")


def relative_audio_path(value: str) -> str:
    """The path under the content folder that an ``Audio:`` value names."""
    path = value.strip()
    for prefix in _PREFIXES:
        path = path.removeprefix(prefix)
    return os.path.normpath(path.lstrip("/")).replace(os.sep, "/")


def duration_seconds(value: str) -> int | None:
    """Seconds of a duration written "03:25" or "1:02:05", or None if it is not one."""
    match = _DURATION.match(value.strip())
    if not match or int(match["s"]) > 59 or (match["h"] and int(match["m"]) > 59):
        return None
    return int(match["h"] or 0) * 3600 + int(match["m"]) * 60 + int(match["s"])


def normalised_duration(seconds: int) -> str:
    """"03:25" below an hour, "1:02:05" from an hour on."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def looks_like_mp3(path: str) -> bool:
    with open(path, "rb") as audio:
        start = audio.read(3)
    return start == _ID3 or (len(start) >= 2 and start[0] == 0xFF and start[1] & 0xE0 == 0xE0)


def _in_static_folder(relative: str, settings: dict) -> bool:
    return any(
        relative == folder or relative.startswith(folder.rstrip("/") + "/")
        for folder in (os.path.normpath(f).replace(os.sep, "/") for f in settings.get("STATIC_PATHS", []))
    )


def audio_problems(header: Header, settings: dict) -> Iterator[tuple[int | None, str]]:
    """Check ``Audio`` and ``AudioDuration`` of one item (a content_model validator)."""
    audio, duration = header.value("audio"), header.value("audioduration")
    if duration and not audio:
        yield (
            header.line_of("audioduration"),
            "có «AudioDuration» nhưng không có «Audio»: thêm dòng «Audio: audio/ten-tep.mp3» (tệp MP3 của bài) hoặc xóa dòng AudioDuration.",
        )
    if duration and duration_seconds(duration) in (None, 0):
        yield (
            header.line_of("audioduration"),
            f"AudioDuration «{duration}» không đúng dạng phút:giây. Viết ví dụ «AudioDuration: 03:25» (3 phút 25 giây), hoặc «1:02:05» nếu dài hơn một giờ.",
        )
    if audio:
        yield from _audio_file_problems(header, settings)
        if not duration:
            yield (
                header.line_of("audio"),
                "bài có tệp âm thanh nhưng thiếu thời lượng: thêm dòng «AudioDuration: 03:25» (phút:giây) ngay dưới dòng Audio.",
            )


def _audio_file_problems(header: Header, settings: dict) -> Iterator[tuple[int | None, str]]:
    value = header.value("audio")
    line = header.line_of("audio")
    relative = relative_audio_path(value)
    full_path = os.path.join(settings["PATH"], relative)
    if not relative.lower().endswith(".mp3"):
        yield line, f"Audio «{value}»: chỉ nhận tệp MP3 (đuôi .mp3). Chuyển tệp sang MP3 rồi ghi «Audio: audio/ten-tep.mp3»."
    elif relative.startswith("../") or not os.path.isfile(full_path):
        yield line, f"Audio: không tìm thấy tệp «{relative}» trong thư mục content/. Đặt tệp MP3 vào content/audio/ và ghi đường dẫn tính từ content/, ví dụ «Audio: audio/ten-tep.mp3»."
    elif not _in_static_folder(relative, settings):
        folders = ", ".join(f"content/{f}/" for f in settings.get("STATIC_PATHS", []))
        yield line, f"Audio: tệp «{relative}» nằm ngoài các thư mục được xuất bản ({folders}) nên sẽ không có trên trang. Chuyển tệp vào content/audio/."
    elif not looks_like_mp3(full_path):
        yield line, f"Audio: tệp «{relative}» không phải tệp MP3 thật (chỉ đổi đuôi?). Xuất lại bản ghi dưới dạng MP3."


def audio_file_of(metadata: dict, settings: dict) -> AudioFile | None:
    """The :class:`AudioFile` of an item whose header was validated, or None without ``Audio``."""
    value = metadata.get("audio")
    if not value:
        return None
    relative = relative_audio_path(str(value))
    seconds = duration_seconds(str(metadata.get("audioduration", ""))) or 0
    return AudioFile(
        path=relative,
        url=settings.get("STATIC_URL", "{path}").format(path=relative),
        length=os.path.getsize(os.path.join(settings["PATH"], relative)),
        duration=normalised_duration(seconds),
        seconds=seconds,
    )
