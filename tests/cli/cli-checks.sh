# Sourced by the cli tests: TAP output, a private folder, and the three kinds of check.
# The sourcing script is run with the case-audit binary as its first argument.
set -u
binary="$1"
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
unset DISPLAY WAYLAND_DISPLAY
failures=0
n=0

# One TAP line each, whatever the text: outputs and expectations may span lines.
one_line () { printf '%s' "$*" | tr '\n' ' '; }
pass () { n=$((n + 1)); echo "ok $n - $(one_line "$*")"; }
fail () { n=$((n + 1)); echo "not ok $n - $(one_line "$*")"; failures=$((failures + 1)); }

# expect STATUS PATTERN -- command…: the status, and PATTERN somewhere in stdout or stderr.
expect ()
{
  want_status="$1"; pattern="$2"; shift 3
  output=$("$@" 2>"$folder/stderr"); status=$?
  all="$output $(cat "$folder/stderr")"
  if [ "$status" -ne "$want_status" ] || ! printf '%s' "$all" | grep -q -- "$pattern"; then
    fail "$*: status $status (wanted $want_status), output: $all"
  else
    pass "$*"
  fi
}

# prints STATUS STDOUT -- command…: the exact status and the exact standard output.
prints ()
{
  want_status="$1"; want="$2"; shift 3
  output=$("$@" 2>"$folder/stderr"); status=$?
  if [ "$status" -ne "$want_status" ] || [ "$output" != "$want" ]; then
    fail "$*: status $status (wanted $want_status), output “$output” (wanted “$want”), stderr: $(cat "$folder/stderr")"
  else
    pass "$* prints $want"
  fi
}

# refuses STATUS PATTERN -- command…: the status, nothing on stdout, PATTERN on stderr.
refuses ()
{
  want_status="$1"; pattern="$2"; shift 3
  output=$("$@" 2>"$folder/stderr"); status=$?
  if [ "$status" -ne "$want_status" ] || [ -n "$output" ] || ! grep -q -- "$pattern" "$folder/stderr"; then
    fail "$*: status $status (wanted $want_status), stdout “$output”, stderr: $(cat "$folder/stderr")"
  else
    pass "$* is refused"
  fi
}

# with_path PATH command…: runs the command with each word @PATH@ replaced by PATH, and
# stops it after a minute: a write that blocks (on a FIFO) fails instead of hanging.
with_path ()
{
  target="$1"; shift
  for word do
    shift
    if [ "$word" = "@PATH@" ]; then set -- "$@" "$target"; else set -- "$@" "$word"; fi
  done
  timeout 60 "$@"
}

# only_names FOLDER NAMES: FOLDER holds exactly NAMES (space-separated, sorted), hidden
# files included, so that a temporary file left behind fails.
only_names ()
{
  got=$(ls -A "$1" | sort | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" = "$2" ]; then pass "$1 holds only “$2”"; else fail "$1 holds “$got”, not “$2”"; fi
}

# export_is_safe MODE -- command… with @PATH@ where the file to write goes: the export
# writes a new file with MODE and nothing else, leaves an existing file byte for byte
# unless --force is added, then replaces it, and never writes to or replaces a device, a
# FIFO, a folder or a symbolic link, even with --force. The command's status is checked
# for refusals only; what it wrote is checked on disk.
export_is_safe ()
{
  want_mode="$1"; shift 2
  out=$(mktemp -d "$folder/export-XXXXXX")

  # A new file: whole, with its mode, nothing else beside it.
  if with_path "$out/new" "$@" >/dev/null 2>"$folder/stderr" && [ -s "$out/new" ]; then
    pass "$* writes a new file"
  else
    fail "$* did not write a new file: $(cat "$folder/stderr")"
  fi
  mode=$(stat -c %a "$out/new" 2>/dev/null)
  if [ "$mode" = "$want_mode" ]; then pass "the new file is mode $want_mode"; else fail "the new file is mode $mode"; fi
  only_names "$out" "new"

  # An existing file is left alone, with a message naming --force; --force replaces it.
  printf 'kept\n' >"$out/old"
  cp "$out/old" "$folder/old-copy"
  refuses 1 "already exists" -- with_path "$out/old" "$@"
  if grep -q -- "--force" "$folder/stderr"; then pass "the refusal names --force"; else fail "the refusal does not name --force"; fi
  if cmp -s "$out/old" "$folder/old-copy"; then pass "the existing file is byte-identical"; else fail "the existing file was changed"; fi
  only_names "$out" "new old"
  with_path "$out/old" "$@" --force >/dev/null 2>"$folder/stderr"
  if cmp -s "$out/old" "$folder/old-copy" || [ ! -s "$out/old" ]; then
    fail "--force did not replace the file: $(cat "$folder/stderr")"
  else
    pass "--force replaces the file"
  fi
  mode=$(stat -c %a "$out/old")
  if [ "$mode" = "$want_mode" ]; then pass "the replaced file is mode $want_mode"; else fail "the replaced file is mode $mode"; fi
  only_names "$out" "new old"

  # Never a device, a FIFO, a folder or a link, even with --force; nothing opened, made
  # or left beside them (a FIFO opened for writing would block until with_path's timeout).
  refuses 1 "is a device" -- with_path /dev/null "$@" --force
  if [ -c /dev/null ]; then pass "/dev/null is still a device"; else fail "/dev/null was replaced"; fi
  if ls -A /dev | grep -q '^\.case-audit-'; then fail "a temporary file was left in /dev"; else pass "nothing was left in /dev"; fi
  # A device node of our own, where the test may make one (as root): replacing it would
  # harm nothing, so code that does is caught without risking /dev.
  if mknod "$out/device" c 1 3 2>/dev/null; then
    refuses 1 "is a device" -- with_path "$out/device" "$@"
    refuses 1 "is a device" -- with_path "$out/device" "$@" --force
    if [ -c "$out/device" ]; then pass "the device node is still a device"; else fail "the device node was replaced"; fi
    rm -f "$out/device"
  fi
  mkfifo "$out/fifo"
  refuses 1 "is a named pipe" -- with_path "$out/fifo" "$@" --force
  refuses 1 "is a named pipe" -- with_path "$out/fifo" "$@"
  if [ -p "$out/fifo" ]; then pass "the FIFO is still a FIFO"; else fail "the FIFO was replaced"; fi
  mkdir "$out/dir"
  refuses 1 "is a folder" -- with_path "$out/dir" "$@" --force
  ln -s /dev/nonexistent-case-audit "$out/link"
  refuses 1 "is a symbolic link" -- with_path "$out/link" "$@" --force
  if [ "$(readlink "$out/link")" = /dev/nonexistent-case-audit ] && [ ! -e /dev/nonexistent-case-audit ]; then
    pass "the dangling link is as it was"
  else
    fail "the dangling link was followed or replaced"
  fi
  only_names "$out" "dir fifo link new old"
  only_names "$out/dir" ""
}

finish ()
{
  echo "1..$n"
  [ "$failures" -eq 0 ]
}
