#!/usr/bin/env bash
# Everything the test suite needs beyond node_modules, installed on first use and a quick no-op after:
#   - Debian's Chromium, for the browser tests (apt-get; never a browser download),
#   - qemu-user and arm64 libraries, to run the built Lambda on linux-arm64 (Debian packages),
#   - the SAM CLI in .venv/ and a fresh `sam validate --lint` + `sam build` of template.yaml,
#   - moto's server in .venv-moto/, the SES v2 stand-in of the mail tests (PyPI).
# The apt-get steps need root (or sudo) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-chromium.sh
bash scripts/setup-arm64-emulation.sh
bash scripts/build-lambda.sh
bash scripts/setup-moto.sh
