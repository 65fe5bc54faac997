#!/usr/bin/env bash
# Installs the AWS SAM CLI from PyPI into the project's own virtualenv (.venv/), never globally.
# Idempotent: when .venv/bin/sam already reports the pinned version it does nothing.
#
# The pin is the newest SAM CLI at the time of writing; it knows the nodejs24.x runtime and builds it
# with esbuild. Change it here only (scripts/build-lambda.sh and the tests call .venv/bin/sam).
set -euo pipefail

SAM_CLI_VERSION="1.170.0"

cd "$(dirname "$0")/.."
source scripts/lib/pinned-venv.sh
VENV=".venv"

installed_version() {
  [ -x "$VENV/bin/sam" ] || return 1
  # "SAM CLI, version 1.170.0" -> "1.170.0"
  "$VENV/bin/sam" --version 2>/dev/null | awk '{print $NF}'
}

if [ "$(installed_version || true)" = "$SAM_CLI_VERSION" ]; then
  exit 0
fi
install_pinned setup-sam "$VENV" "aws-sam-cli==$SAM_CLI_VERSION" "$SAM_CLI_VERSION" 10 installed_version
echo "setup-sam: $("$VENV/bin/sam" --version)"
