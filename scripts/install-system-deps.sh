#!/usr/bin/env bash
# Debian packages the test suite meets for real: chromium (pages, axe-core),
# Java (the Nu Html Checker), rsync, nginx and openssh (publishing). Installs only what
# is missing; needs root or sudo.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
# sshd and ssh-agent: the publishing tests deploy over SSH to a throwaway sshd on 127.0.0.1.
[ -x /usr/sbin/sshd ] && command -v ssh-agent >/dev/null 2>&1 || need+=(openssh-server openssh-client)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# systemd-analyze: the publishing timer's schedule is checked with it.
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)

[ ${#need[@]} -eq 0 ] && exit 0

echo "Cài đặt gói hệ thống cho kiểm thử: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Cần quyền root để cài: ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
