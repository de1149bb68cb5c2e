"""Running the editors' commands as ``make`` runs them, for tests."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from plugins.editor_workflow.devserver import STATUS_URL
from tests.sitebuild import PROJECT_ROOT

FIXED_NOW = "2026-11-25T08:30:00+07:00"
_CHOICE_PROMPT = re.compile(r"^# \w+ — .*: xóa dấu «# » ở đầu MỘT dòng dưới đây\.$")


def run_workflow(*args: str, content: Path | None = None, env: dict | None = None, settings: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m plugins.editor_workflow [--settings …] [--content …] args…`` with ``CCHC_NOW`` fixed."""
    command = [sys.executable, "-m", "plugins.editor_workflow"]
    if settings:
        command += ["--settings", str(settings)]
    if content:
        command += ["--content", str(content)]
    return subprocess.run(
        command + list(args),
        cwd=PROJECT_ROOT,
        env={**os.environ, "CCHC_NOW": FIXED_NOW, "TZ": "UTC", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def choose_first_values(text: str) -> str:
    """The scaffold with the first listed value of every choice (Category, HonoreeType, …) uncommented, as an editor does."""
    lines = text.split("\n")
    for index, line in enumerate(lines[:-1]):
        if _CHOICE_PROMPT.match(line) and lines[index + 1].startswith("# "):
            lines[index + 1] = lines[index + 1][2:]
    return "\n".join(lines)


def published(text: str) -> str:
    """The scaffold without its ``Status: draft`` line: what an editor does to publish."""
    return re.sub(r"^Status: draft\n", "", text, flags=re.MULTILINE)


def filled(text: str, values: dict[str, str], body: str) -> str:
    """The scaffold with each «[điền: …]» header value replaced from ``values`` and the body replaced."""
    header, _, _ = text.partition("\n\n")
    for key, value in values.items():
        header = re.sub(rf"^{re.escape(key)}: \[điền: .*\]$", f"{key}: {value}", header, flags=re.MULTILINE)
    return f"{header}\n\n{body}\n"


class Preview:
    """A running ``serve`` command and what it printed."""

    def __init__(self, content: Path, output: Path) -> None:
        command = [sys.executable, "-m", "plugins.editor_workflow", "--content", str(content), "serve", "--port", "0", "--output", str(output)]
        self.process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "TZ": "UTC", "CCHC_NOW": "2026-11-25T08:30:00+07:00"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.printed: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_address()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def _wait_for_address(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.lines.get(timeout=deadline - time.monotonic())
            self.printed.append(line)
            if line.startswith("Xem trước tại "):
                return line.split()[3].rstrip("/")
        raise AssertionError("".join(self.printed))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get(STATUS_URL)[1])

    def wait_for_build(self, number: int) -> dict:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            state = self.status()
            if state["build"] >= number and not state["building"]:
                return state
            time.sleep(0.1)
        raise AssertionError(f"no build {number}: {self.status()}")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        time.sleep(0.1)
        while not self.lines.empty():
            self.printed.append(self.lines.get())
        return code, "".join(self.printed)
