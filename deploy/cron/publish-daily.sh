#!/bin/sh
# Rebuilds and publishes the CCHC site from cron: `make publish` in the project
# folder (this script's ../..), one run at a time, silent when it succeeds so
# that cron mails only failures. Arguments replace the make target, for tests:
#   deploy/cron/publish-daily.sh html INPUTDIR=... OUTPUTDIR=...
set -u

project=$(cd "$(dirname "$0")/../.." && pwd) || exit 1
lock="${CCHC_PUBLISH_LOCK:-/tmp/cchc-publish.lock}"
[ "$#" -gt 0 ] || set -- publish

log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT

# flock -n: if the previous run is still going, skip this one rather than pile up.
flock -n "$lock" make -C "$project" "$@" >"$log" 2>&1
status=$?

if [ "$status" -ne 0 ]; then
    echo "LỖI: lệnh «make $*» trong $project không thành công (mã $status), trang chưa được xuất bản lại."
    echo "Nội dung lỗi:"
    cat "$log"
    command -v logger >/dev/null 2>&1 && logger -t cchc-publish "make $* failed with status $status"
    exit "$status"
fi
command -v logger >/dev/null 2>&1 && logger -t cchc-publish "make $* done"
exit 0
