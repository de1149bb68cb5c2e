"""Helpers for the publishing tests: the real ``python -m deploy`` command, the sample site published once
per session to a local target, and the repository's nginx configuration served on loopback."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.sitebuild import PROJECT_ROOT

NGINX_SAMPLE = PROJECT_ROOT / "deploy" / "nginx" / "cchc.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def deploy_env(target: Path, siteurl: str, **extra: str) -> dict[str, str]:
    """The environment ``make publish`` would see with a ``.env`` for a local target."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DEPLOY_")}
    env.update({"SITEURL": siteurl, "DEPLOY_PATH": str(target), "TZ": "UTC"})
    env.update(extra)
    return env


def run_deploy(arguments: list[str], env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m deploy …`` from the project root, as the Makefile runs it."""
    return subprocess.run(
        [sys.executable, "-m", "deploy", *arguments],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@dataclass
class PublishedSite:
    """The sample site published by the real command to a local target, and where it is served from."""

    target: Path
    workdir: Path
    siteurl: str
    port: int
    process: subprocess.CompletedProcess

    @property
    def live(self) -> Path:
        return self.target / "current"


_published: dict[str, PublishedSite] = {}


def published_sample(tmp_path_factory) -> PublishedSite:
    """The sample site built, checked and deployed once per session (``python -m deploy publish``)."""
    if "sample" not in _published:
        root = tmp_path_factory.mktemp("published")
        port = free_port()
        siteurl = f"http://127.0.0.1:{port}"
        target, workdir = root / "target", root / "work"
        process = run_deploy(["publish", "--workdir", str(workdir)], deploy_env(target, siteurl))
        _published["sample"] = PublishedSite(target, workdir, siteurl, port, process)
    return _published["sample"]


def nginx_site_config(sample: str, root: Path, port: int) -> str:
    """The repository's sample server block, serving ``root`` on 127.0.0.1:``port``."""
    config = re.sub(r"^\s*listen \[::\]:80;\n", "", sample, flags=re.MULTILINE)
    config = config.replace("listen 80;", f"listen 127.0.0.1:{port};")
    config = config.replace("root /var/www/cchc/current;", f"root {root};")
    assert f"root {root};" in config and f"127.0.0.1:{port}" in config, "the sample nginx config changed shape"
    return config


def nginx_main_config(prefix: Path, site_config: Path) -> str:
    """A foreground, single-process nginx whose files all live under ``prefix``."""
    temporary = "\n".join(f"  {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
master_process off;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {prefix / "access.log"};
{temporary}
  include {site_config};
}}
"""


@contextmanager
def nginx_serving(root: Path, port: int, prefix: Path):
    """Run nginx with the sample configuration on loopback until the block ends."""
    prefix.mkdir(parents=True, exist_ok=True)
    site_config = prefix / "site.conf"
    site_config.write_text(nginx_site_config(NGINX_SAMPLE.read_text(encoding="utf-8"), root, port), encoding="utf-8")
    main_config = prefix / "nginx.conf"
    main_config.write_text(nginx_main_config(prefix, site_config), encoding="utf-8")
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(main_config)], stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode() if process.stderr else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")
