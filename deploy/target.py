"""The publishing target, a folder here or on a host reached by SSH: its state, uploads and switches.

Uploads go with rsync into ``releases/<name>/`` beside the live version, hard
linking every unchanged file to the live one (``--link-dest``) so only what
changed crosses the wire; ``switch.sh`` then turns ``current`` to the new
folder in one rename. rsync compares files by checksum, not by time: every
build writes every file anew, and an interrupted upload resumes into the same
folder (``--partial-dir``) sending only what is still missing.
"""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .config import DeployConfig

SWITCH_SCRIPT = Path(__file__).with_name("switch.sh")
PARTIAL_DIR = ".rsync-partial"
MAX_LINK_DESTS = 20  # rsync's limit
FILE_MODES = "D755,F644"
SSH_FAILED = 255
CARRIED_LIST = ".carried"


class DeployError(RuntimeError):
    """The target could not be read or changed; the message is for the IT person, in Vietnamese."""


@dataclass
class TargetState:
    """What is on the target: the live release, the activations (oldest first), every release folder."""

    current: str = ""
    history: list[tuple[str, str]] = field(default_factory=list)
    releases: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, text: str) -> TargetState:
        state = cls()
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "current":
                state.current = value.strip()
            elif key == "history":
                name, _, when = value.partition(" ")
                state.history.append((name, when.strip()))
            elif key == "release":
                state.releases.add(value.strip())
        return state

    def unfinished(self, except_name: str = "") -> list[str]:
        """Release folders never activated: uploads that were interrupted."""
        activated = {name for name, _ in self.history}
        return sorted(self.releases - activated - {self.current, except_name})


@dataclass
class RsyncResult:
    """What rsync did (``--itemize-changes`` lines) and its exit status."""

    returncode: int
    changes: list[str]
    errors: str


class Target:
    """A publishing target; every change to it goes through rsync or ``switch.sh``."""

    def __init__(self, config: DeployConfig):
        self.config = config

    def _ssh_command(self) -> list[str]:
        command = ["ssh", "-o", "BatchMode=yes"]
        if self.config.port:
            command += ["-p", self.config.port]
        return command + self.config.ssh_options

    @property
    def _login(self) -> str:
        return f"{self.config.user}@{self.config.host}" if self.config.user else self.config.host

    def _switch(self, *arguments: str) -> str:
        script = SWITCH_SCRIPT.read_bytes()
        if self.config.remote:
            remote = "sh -s -- " + shlex.join([self.config.path, *arguments])
            command = [*self._ssh_command(), self._login, remote]
        else:
            command = ["sh", "-s", "--", self.config.path, *arguments]
        process = subprocess.run(command, input=script, capture_output=True, timeout=600)
        reason = process.stderr.decode("utf-8", "replace").strip()
        if self.config.remote and process.returncode == SSH_FAILED:
            raise DeployError(
                f"Không kết nối được tới {self._login} qua SSH: {reason}\nKiểm tra DEPLOY_HOST, DEPLOY_PORT, "
                "DEPLOY_USER trong .env và khóa trong ssh-agent (lệnh ssh-add -l). Trang đang chạy không bị thay đổi."
            )
        if process.returncode != 0:
            raise DeployError(reason or f"lệnh trên {self.config.destination} thất bại (mã {process.returncode}).")
        return process.stdout.decode("utf-8", "replace")

    def state(self) -> TargetState:
        return TargetState.parse(self._switch("state"))

    def prepare(self) -> TargetState:
        """Make sure ``releases/`` exists; return the state."""
        return TargetState.parse(self._switch("prepare"))

    def activate(self, name: str) -> None:
        """Carry the live theme assets over, turn ``current`` to ``releases/<name>``, record it, prune old releases."""
        self._switch("activate", name, str(self.config.keep), self.config.carried_assets)

    def rollback(self) -> str:
        """Turn ``current`` back to the previous release; return its name."""
        return TargetState.parse(self._switch("rollback")).current

    def _remote_path(self, relative: str) -> str:
        path = f"{self.config.path}/{relative}"
        return f"{self._login}:{path}" if self.config.remote else path

    def _rsync_base(self) -> list[str]:
        command = ["rsync", "--recursive", "--links", "--perms", f"--chmod={FILE_MODES}", "--checksum", "--delete"]
        if self.config.remote:
            command += ["--compress", "--rsh", shlex.join(self._ssh_command())]
        return command + self.config.rsync_options

    def _run_rsync(self, command: list[str]) -> RsyncResult:
        process = subprocess.run(command, capture_output=True, text=True)
        changes = [line for line in process.stdout.splitlines() if line.strip()]
        return RsyncResult(process.returncode, changes, process.stderr.strip())

    def upload(self, site: Path, name: str, state: TargetState) -> RsyncResult:
        """Copy ``site`` into ``releases/<name>/``, reusing the live and any unfinished release's files."""
        link_dests = [state.current] if state.current and state.current != name else []
        link_dests += state.unfinished(except_name=name)
        command = self._rsync_base() + [f"--partial-dir={PARTIAL_DIR}", "--itemize-changes"]
        command += [f"--link-dest=../{folder}" for folder in link_dests[:MAX_LINK_DESTS]]
        command += [f"{site}/", self._remote_path(f"releases/{name}/")]
        result = self._run_rsync(command)
        if result.returncode != 0:
            raise DeployError(
                f"rsync dừng với mã {result.returncode} khi tải lên {self._remote_path(f'releases/{name}/')}; "
                f"trang đang chạy không bị thay đổi. Chạy lại lệnh để tải tiếp.\n{result.errors}"
            )
        return result

    def changes_against_live(self, site: Path, state: TargetState) -> list[str]:
        """What publishing ``site`` would change, as rsync's ``--itemize-changes`` lines; nothing is written."""
        if not state.current:
            return [f">f+++++++++ {path}" for path in sorted(_relative_files(site))]
        command = self._rsync_base() + ["--dry-run", "--itemize-changes", f"--filter=P /{CARRIED_LIST}"]
        if self.config.carried_assets:
            command.append(f"--filter=P /{self.config.carried_assets}/***")
        command += [f"{site}/", self._remote_path(f"releases/{state.current}/")]
        result = self._run_rsync(command)
        if result.returncode != 0:
            raise DeployError(f"không so sánh được với trang đang chạy (rsync mã {result.returncode}).\n{result.errors}")
        return result.changes


def _relative_files(site: Path) -> list[str]:
    return [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
