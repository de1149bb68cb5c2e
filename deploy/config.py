"""Where and how to publish: settings from the environment, a ``.env`` file, or ``publishconf.py``.

The environment wins over ``.env``, which wins over the value in
``publishconf.py``; so the IT person keeps the host's details in ``.env``
(never committed) and a timer or CI can override one of them for one run.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOTENV = PROJECT_ROOT / ".env"
DEFAULT_KEEP = 3


def read_dotenv(path: Path = DOTENV) -> dict[str, str]:
    """``KEY=value`` lines of a ``.env`` file (``#`` comments, optional ``export`` and quotes)."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def env_setting(name: str, default: str | None = None, dotenv: Path = DOTENV) -> str | None:
    """``name`` from the environment, else from ``.env``, else ``default``; empty counts as unset."""
    value = os.environ.get(name)
    if value:
        return value
    return read_dotenv(dotenv).get(name) or default


@dataclass(frozen=True)
class DeployConfig:
    """The publishing target: a folder on this machine, or one on a host reached by SSH.

    Under ``path`` live ``releases/<name>/`` (one folder per published
    version) and ``current``, the symlink the web server serves. The files of
    ``carried_assets`` (the theme's static folder) of the live release stay
    available one release longer, for pages loaded just before a switch.
    """

    siteurl: str
    path: str
    host: str = ""
    user: str = ""
    port: str = ""
    keep: int = DEFAULT_KEEP
    ssh_options: list[str] = field(default_factory=list)
    rsync_options: list[str] = field(default_factory=list)
    carried_assets: str = "theme"

    @classmethod
    def from_settings(cls, settings: dict) -> DeployConfig:
        """Read ``SITEURL`` and the ``DEPLOY_*`` settings (publishconf.py puts the environment's values there)."""

        def text(name: str) -> str:
            return str(settings.get(name) or "").strip()

        keep = text("DEPLOY_KEEP") or str(DEFAULT_KEEP)
        return cls(
            siteurl=text("SITEURL"),
            path=text("DEPLOY_PATH").rstrip("/") or text("DEPLOY_PATH"),
            host=text("DEPLOY_HOST"),
            user=text("DEPLOY_USER"),
            port=text("DEPLOY_PORT"),
            keep=int(keep) if keep.isdigit() else -1,
            ssh_options=shlex.split(text("DEPLOY_SSH_OPTIONS")),
            rsync_options=shlex.split(text("DEPLOY_RSYNC_OPTIONS")),
            carried_assets=text("THEME_STATIC_DIR").strip("/") or "theme",
        )

    @property
    def remote(self) -> bool:
        return bool(self.host)

    @property
    def destination(self) -> str:
        """The target as people write it: ``user@host:/var/www/cchc`` or ``/var/www/cchc``."""
        if not self.remote:
            return self.path
        login = f"{self.user}@{self.host}" if self.user else self.host
        return f"{login}:{self.path}"

    def problems(self) -> list[str]:
        """What is missing or wrong, in Vietnamese, each with where to set it."""
        found = []
        parts = urlsplit(self.siteurl)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            found.append(
                f"SITEURL «{self.siteurl}» không phải địa chỉ đầy đủ của trang. Khai báo trong tệp .env, "
                "ví dụ SITEURL=https://xa-tanhoa.vinhlong.gov.vn/cchc"
            )
        if not self.path:
            found.append("chưa khai báo DEPLOY_PATH (thư mục gốc của trang trên máy chủ, ví dụ /var/www/cchc) trong tệp .env.")
        elif not self.path.startswith("/"):
            found.append(f"DEPLOY_PATH «{self.path}» phải là đường dẫn tuyệt đối, bắt đầu bằng /.")
        if self.keep < 1:
            found.append("DEPLOY_KEEP phải là một số nguyên từ 1 trở lên (số phiên bản giữ lại để quay lui).")
        if self.port and not self.port.isdigit():
            found.append(f"DEPLOY_PORT «{self.port}» phải là một số (cổng SSH, thường là 22).")
        return found
