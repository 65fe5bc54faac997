#!/usr/bin/env bash
# Builds the Lambda artifact exactly as `sam deploy` will ship it:
#   1. installs the SAM CLI into .venv/ (scripts/setup-sam.sh, a no-op when present),
#   2. `sam validate --lint`: fails on any error or warning,
#   3. `sam build`: esbuild bundle of src/lambda.ts + the bcrypt layer, into .aws-sam/build/,
#   4. prints the size of what will be uploaded.
# Needs the project's node_modules (npm ci): esbuild and Node 24 come from there.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"

# Node 24 and esbuild from the project, not whatever the machine has.
export PATH="$ROOT/node_modules/.bin:$PATH"
export SAM_CLI_TELEMETRY=0
# No AWS account is needed to build; a region keeps the SAM CLI and cfn-lint from asking for one.
export AWS_REGION="${AWS_REGION:-us-east-1}" AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-${AWS_REGION:-us-east-1}}"

if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/node ]; then
  echo "build-lambda: node_modules is missing or incomplete; run npm ci first" >&2
  exit 1
fi

scripts/setup-sam.sh
SAM="$ROOT/.venv/bin/sam"

started=$(date +%s)

# sam validate --lint exits 0 on warnings, so its output is checked too: anything beyond the success line fails.
lint_output="$("$SAM" validate --lint --template-file template.yaml 2>&1)" || {
  echo "$lint_output" >&2
  echo "build-lambda: sam validate --lint failed" >&2
  exit 1
}
if [ "$(printf '%s\n' "$lint_output" | grep -cv -e '^$' -e 'is a valid SAM Template')" != "0" ]; then
  echo "$lint_output" >&2
  echo "build-lambda: sam validate --lint reported warnings; fix them" >&2
  exit 1
fi
echo "build-lambda: $lint_output"

"$SAM" build --template-file template.yaml

elapsed=$(( $(date +%s) - started ))
function_kib=$(du -sk .aws-sam/build/AuthFunction | cut -f1)
layer_kib=$(du -sk .aws-sam/build/BcryptLayer | cut -f1)
echo "build-lambda: built in ${elapsed}s; AuthFunction ${function_kib} KiB + BcryptLayer ${layer_kib} KiB = $(( function_kib + layer_kib )) KiB unzipped"
