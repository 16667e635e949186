#!/usr/bin/env bash
# Installs what segsim needs on a fresh Debian/Ubuntu machine with the Swift toolchain:
# GSL (libgsl-dev) and pkg-config, through apt-get, only when missing.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "segsim: the Swift toolchain (6.0 or later) is required: https://www.swift.org/install/" >&2
  exit 2
fi

if pkg-config --exists gsl 2>/dev/null; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "segsim: installing libgsl-dev and pkg-config (apt-get)…"
"${sudo_cmd[@]}" apt-get update -o DPkg::Lock::Timeout=300 -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
  libgsl-dev pkg-config >/dev/null
pkg-config --exists gsl || { echo "segsim: GSL still not found by pkg-config after installing libgsl-dev" >&2; exit 2; }
