#!/usr/bin/env bash
# Builds the Lambda artifact exactly as `sam deploy` will ship it:
#   1. installs the SAM CLI into .venv/ (scripts/setup-sam.sh, a no-op when present),
#   2. `sam validate --lint`: fails on any error or warning,
#   3. `sam build`: esbuild bundles of src/lambda.ts and src/authorizer.ts + the dependencies layer (bcrypt,
#      swagger-ui-dist), into .aws-sam/build/; WebAssetsLayer (public/) has no build step and is zipped as is,
#   4. prints the size of what will be uploaded.
# Needs the project's node_modules (npm ci): esbuild and Node 24 come from there.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"

# Node 24 and esbuild from the project, not whatever the machine has.
export PATH="$ROOT/node_modules/.bin:$PATH"
export SAM_CLI_TELEMETRY=0
# swagger-ui-dist depends on @scarf/scarf, whose postinstall reports the install; layers/dependencies/package.json
# turns it off too (scarfSettings), this covers any other route.
export SCARF_ANALYTICS=false
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
# Unzipped bytes, and the zip that `sam deploy` uploads for each (deflated in memory), like the test measures.
"$ROOT/.venv/bin/python" - "$elapsed" .aws-sam/build <<'PY'
import io, os, sys, zipfile
elapsed, build = sys.argv[1], sys.argv[2]

def measure(name):
    root_dir, raw, buffer = os.path.join(build, name), 0, io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder, _, files in os.walk(root_dir):
            for file in files:
                path = os.path.join(folder, file)
                raw += os.path.getsize(path)
                archive.write(path, os.path.relpath(path, root_dir))
    return raw, buffer.tell()

(fn_raw, fn_zip), (deps_raw, deps_zip), (authz_raw, authz_zip) = map(measure, ["AuthFunction", "DependenciesLayer", "AuthorizerFunction"])
# WebAssetsLayer is not built: `sam deploy` zips public/ itself.
web_raw, web_zip = measure(os.path.join("..", "..", "public"))
total_raw, total_zip = fn_raw + deps_raw + web_raw, fn_zip + deps_zip + web_zip
print(
    f"build-lambda: built in {elapsed}s; AuthFunction {fn_raw // 1024} KiB + DependenciesLayer {deps_raw // 1024} KiB"
    f" + WebAssetsLayer {web_raw // 1024} KiB = {total_raw // 1024} KiB unzipped, {total_zip // 1024} KiB zipped;"
    f" AuthorizerFunction {authz_raw // 1024} KiB unzipped, {authz_zip // 1024} KiB zipped"
)
PY
