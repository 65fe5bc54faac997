# Sourced by the setup scripts of Python tools (setup-sam.sh, setup-moto.sh): installs one pinned PyPI
# requirement into the project's own virtualenv for it, never globally.
#
#   install_pinned LABEL VENV REQUIREMENT VERSION MIN_PYTHON_MINOR VERSION_FUNCTION
#
# VERSION_FUNCTION prints the installed version (or fails); when it prints VERSION, nothing is done.
install_pinned() {
  local label="$1" venv="$2" requirement="$3" version="$4" min_minor="$5" installed="$6"
  if [ "$("$installed" || true)" = "$version" ]; then
    return 0
  fi
  if ! command -v python3 >/dev/null || ! python3 -c "import sys; sys.exit(sys.version_info < (3, $min_minor))"; then
    echo "$label: python3 3.$min_minor or newer is required to install $requirement" >&2
    exit 1
  fi
  echo "$label: installing $requirement into $venv/ ..."
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || {
      echo "$label: python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
      exit 1
    }
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
  local actual
  actual="$("$installed" || true)"
  if [ "$actual" != "$version" ]; then
    echo "$label: expected $version, found '${actual:-nothing}'" >&2
    exit 1
  fi
}
