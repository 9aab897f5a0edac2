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

finish ()
{
  echo "1..$n"
  [ "$failures" -eq 0 ]
}
