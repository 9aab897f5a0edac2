# Shared by run.sh and test.sh: install the Debian 12 packages Case Audit needs.
# Sourced, not run. Installs with apt-get when root; otherwise prints the one line to run.

CA_BUILD_PACKAGES="meson ninja-build pkg-config gcc libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev gettext
  desktop-file-utils appstream gsettings-desktop-schemas adwaita-icon-theme
  librsvg2-common fonts-cantarell"
# iCalendar export (R-C4).
CA_BUILD_PACKAGES="$CA_BUILD_PACKAGES libical-dev"
CA_TEST_PACKAGES="xvfb xauth dbus dbus-x11 at-spi2-core python3-dogtail python3-pyatspi
  gir1.2-atspi-2.0 imagemagick x11-apps x11-xserver-utils poppler-utils sqlite3"
# The fuzz harnesses (tests/fuzz, run by test.sh): clang and libFuzzer's runtime.
CA_FUZZ_PACKAGES="clang libclang-rt-14-dev"

ca_missing_packages ()
{
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $p"
  done
  echo "$missing"
}

ca_install_packages ()
{
  local missing
  missing=$(ca_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
  else
    echo "Case Audit needs these Debian packages. Run:" >&2
    echo "  sudo apt-get install --no-install-recommends$missing" >&2
    return 1
  fi
}

ca_setup_build ()
{
  local builddir="$1"; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  else
    meson configure "$builddir" "$@" >/dev/null
  fi
  meson compile -C "$builddir"
}
