"""Deploying over SSH, for real, to a throwaway sshd on 127.0.0.1: the key comes from an ssh-agent, as on
the IT person's machine; rsync uploads beside the live version and the same switch script runs remotely."""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path

import pytest

from deploy.config import DeployConfig
from deploy.pipeline import deploy_site
from deploy.release import file_digest
from deploy.target import DeployError, Target
from tests.publish_support import free_port, wait_for_port
from tests.sitebuild import write_content

SSHD = "/usr/sbin/sshd"


def keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "cchc-test", "-f", str(path)], check=True)
    return path


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory):
    """An sshd on a free loopback port that accepts one key, and an ssh-agent holding that key."""
    root = tmp_path_factory.mktemp("sshd")
    host_key, user_key = keygen(root / "host_key"), keygen(root / "user_key")
    (root / "authorized_keys").write_text((root / "user_key.pub").read_text())
    port = free_port()
    (root / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {root / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {root / 'authorized_keys'}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
        f"KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nAllowUsers {getpass.getuser()}\n"
        "LogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege-separation directory
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(root / "sshd_config")], stderr=subprocess.PIPE)
    agent_socket = root / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(agent_socket)], stdout=subprocess.DEVNULL)
    try:
        wait_for_port(port, server)
        for _ in range(100):
            if agent_socket.exists():
                break
            subprocess.run(["sleep", "0.05"])
        env = {**os.environ, "SSH_AUTH_SOCK": str(agent_socket)}
        subprocess.run(["ssh-add", "-q", str(user_key)], env=env, check=True, capture_output=True)
        user_key.unlink()  # from here on the key exists only in the agent
        yield {"port": port, "agent": str(agent_socket), "known_hosts": root / "known_hosts"}
    finally:
        agent.terminate()
        server.terminate()
        agent.wait(timeout=10)
        server.wait(timeout=10)


@pytest.fixture
def remote(ssh_server, tmp_path, monkeypatch):
    monkeypatch.setenv("SSH_AUTH_SOCK", ssh_server["agent"])
    options = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=accept-new", "-o", f"UserKnownHostsFile={ssh_server['known_hosts']}"]
    return DeployConfig(
        siteurl="https://xa-tanhoa.example.gov.vn",
        path=str(tmp_path / "srv" / "cchc"),
        host="127.0.0.1",
        user=getpass.getuser(),
        port=str(ssh_server["port"]),
        keep=2,
        ssh_options=options,
    )


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in folder.rglob("*") if p.is_file()}


def test_publish_switch_prune_and_rollback_over_ssh(tmp_path, remote):
    root = Path(remote.path)
    sites = [write_content(tmp_path / f"v{n}", {"index.html": f"<p>Bản {n}</p>", "tin/a/index.html": "<p>A</p>"}) for n in range(3)]
    names = [deploy_site(site, remote) for site in sites]
    assert os.readlink(root / "current") == f"releases/{names[2]}"
    assert digests(root / "current") == digests(sites[2])
    assert sorted(p.name for p in (root / "releases").iterdir()) == sorted(names[1:]), "DEPLOY_KEEP=2"
    assert (root / "releases" / names[1] / "tin/a/index.html").stat().st_ino == (
        root / "releases" / names[2] / "tin/a/index.html"
    ).stat().st_ino, "unchanged files are hard-linked on the server too"
    state = Target(remote).state()
    assert state.current == names[2] and [name for name, _ in state.history] == names[1:]
    assert Target(remote).rollback() == names[1]
    assert digests(root / "current") == digests(sites[1])


def test_an_unreachable_host_is_reported_and_changes_nothing(tmp_path, remote):
    closed = DeployConfig(**{**remote.__dict__, "port": str(free_port())})
    with pytest.raises(DeployError, match="Không kết nối được tới .* qua SSH"):
        deploy_site(write_content(tmp_path / "v", {"index.html": "<p>x</p>"}), closed)
    assert not Path(remote.path).exists()
