#!/usr/bin/env bash
# Installs the AWS SAM CLI from PyPI into the project's own virtualenv (.venv/), never globally.
# Idempotent: when .venv/bin/sam already reports the pinned version it does nothing.
#
# The pin is the newest SAM CLI at the time of writing; it knows the nodejs24.x runtime and builds it
# with esbuild. Change it here only (scripts/build-lambda.sh and the tests call .venv/bin/sam).
set -euo pipefail

SAM_CLI_VERSION="1.170.0"

cd "$(dirname "$0")/.."
VENV=".venv"

installed_version() {
  [ -x "$VENV/bin/sam" ] || return 1
  # "SAM CLI, version 1.170.0" -> "1.170.0"
  "$VENV/bin/sam" --version 2>/dev/null | awk '{print $NF}'
}

if [ "$(installed_version || true)" = "$SAM_CLI_VERSION" ]; then
  exit 0
fi

if ! command -v python3 >/dev/null; then
  echo "setup-sam: python3 (3.9 or newer) is required to install the SAM CLI" >&2
  exit 1
fi

echo "setup-sam: installing aws-sam-cli==$SAM_CLI_VERSION into $VENV/ ..."
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "aws-sam-cli==$SAM_CLI_VERSION"

actual="$(installed_version || true)"
if [ "$actual" != "$SAM_CLI_VERSION" ]; then
  echo "setup-sam: expected SAM CLI $SAM_CLI_VERSION, found '${actual:-nothing}'" >&2
  exit 1
fi
echo "setup-sam: $("$VENV/bin/sam" --version)"
