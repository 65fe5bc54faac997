#!/usr/bin/env bash
# Installs moto's server (PyPI moto[server]), the SES v2 stand-in of the mail tests, into its own
# virtualenv (.venv-moto/), never globally and apart from the SAM CLI's .venv/ so neither pins the other's
# dependencies. Idempotent: when .venv-moto/ already has the pinned version it does nothing.
set -euo pipefail

MOTO_VERSION="5.2.5"

cd "$(dirname "$0")/.."
source scripts/lib/pinned-venv.sh
VENV=".venv-moto"

installed_version() {
  [ -x "$VENV/bin/python" ] || return 1
  # flask too: the server extra is what the tests run.
  "$VENV/bin/python" -c 'import importlib.metadata as m, flask; print(m.version("moto"))' 2>/dev/null
}

if [ "$(installed_version || true)" = "$MOTO_VERSION" ]; then
  exit 0
fi
install_pinned setup-moto "$VENV" "moto[server]==$MOTO_VERSION" "$MOTO_VERSION" 9 installed_version
echo "setup-moto: moto $MOTO_VERSION"
