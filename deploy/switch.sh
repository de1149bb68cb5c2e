#!/bin/sh
# The only step that changes what visitors see, run the same way on this
# machine (sh switch.sh ...) and on the web server (ssh host sh -s -- ... < switch.sh),
# so nothing needs installing on the server but a POSIX shell and coreutils.
#
# Layout under ROOT:
#   releases/<name>/   one folder per uploaded version (name = content hash)
#   current            symlink to releases/<name>: the web server's root
#   history            "<name> <UTC time>" per activation, oldest first
#
# Usage: switch.sh ROOT state | prepare | activate NAME KEEP [ASSETS] | rollback
# The symlink is replaced with rename(2) (mv -T), so a request sees either the
# old version or the new one, never a mix or nothing. Messages are for the
# IT person, in Vietnamese.
#
# A page fetched just before a switch asks for its stylesheet just after it:
# activate first hard-links into the new release the files of the live
# release's ASSETS folder (the theme's fingerprinted CSS/JS) that the new one
# lacks, one generation deep (listed in .carried, never carried again).
set -eu

root=$1
command=$2
releases="$root/releases"
history="$root/history"

fail() {
  echo "$2" >&2
  exit "$1"
}

current_name() {
  if [ -L "$root/current" ]; then
    basename "$(readlink "$root/current")"
  fi
}

point_current_to() {
  if [ -e "$root/current" ] && [ ! -L "$root/current" ]; then
    fail 4 "$root/current là một thư mục thật, không phải liên kết. Đổi tên nó (ví dụ current.cu) rồi xuất bản lại."
  fi
  ln -sfn "releases/$1" "$root/.current.new"
  mv -T "$root/.current.new" "$root/current"
}

replace_history() {
  cat >"$root/.history.new"
  mv -f "$root/.history.new" "$history"
}

history_without() {
  if [ -f "$history" ]; then
    awk -v name="$1" '$1 != name' "$history"
  fi
}

print_state() {
  echo "current $(current_name)"
  if [ -f "$history" ]; then
    sed 's/^/history /' "$history"
  fi
  for folder in "$releases"/*/; do
    [ -d "$folder" ] && echo "release $(basename "$folder")"
  done
  return 0
}

carry_assets() {
  name=$1
  assets=$2
  live=$(current_name)
  if [ -z "$assets" ] || [ -z "$live" ] || [ "$live" = "$name" ] || [ ! -d "$releases/$live/$assets" ]; then
    return 0
  fi
  (cd "$releases/$live" && find "$assets" -type f) | while IFS= read -r file; do
    [ -e "$releases/$name/$file" ] && continue
    grep -qxF "$file" "$releases/$live/.carried" 2>/dev/null && continue
    mkdir -p "$(dirname "$releases/$name/$file")"
    ln "$releases/$live/$file" "$releases/$name/$file" 2>/dev/null || cp -p "$releases/$live/$file" "$releases/$name/$file"
    echo "$file" >>"$releases/$name/.carried"
  done
}

prune() {
  keep=$1
  tail -n "$keep" "$history" | replace_history
  live=$(current_name)
  for folder in "$releases"/*/; do
    [ -d "$folder" ] || continue
    name=$(basename "$folder")
    [ "$name" = "$live" ] && continue
    awk -v name="$name" '$1 == name { found = 1 } END { exit !found }' "$history" && continue
    rm -rf "$folder"
  done
}

case $command in
state)
  print_state
  ;;
prepare)
  mkdir -p "$releases" || fail 5 "Không tạo được thư mục $releases: kiểm tra quyền ghi của tài khoản xuất bản."
  print_state
  ;;
activate)
  name=$3
  keep=$4
  [ -d "$releases/$name" ] || fail 3 "Không có phiên bản $name trong $releases."
  carry_assets "$name" "${5:-}"
  point_current_to "$name"
  { history_without "$name"; echo "$name $(date -u +%Y-%m-%dT%H:%M:%SZ)"; } | replace_history
  prune "$keep"
  echo "current $name"
  ;;
rollback)
  live=$(current_name)
  previous=""
  if [ -f "$history" ]; then
    previous=$(awk -v live="$live" '$1 != live { last = $1 } END { print last }' "$history")
  fi
  [ -n "$previous" ] || fail 3 "Không có phiên bản cũ hơn để quay lại (chỉ giữ các phiên bản trong $history)."
  [ -d "$releases/$previous" ] || fail 3 "Phiên bản $previous đã bị xóa khỏi $releases, không quay lại được."
  point_current_to "$previous"
  history_without "$live" | replace_history
  echo "current $previous"
  ;;
*)
  fail 2 "Lệnh không biết: $command"
  ;;
esac
