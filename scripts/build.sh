#!/usr/bin/env bash
# Builds the segsim tool in release mode with this machine's flags (scripts/swift-flags.sh), as
# every script does; extra arguments go to `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t flags < <(scripts/swift-flags.sh)
exec swift build -c release --product segsim ${flags[@]+"${flags[@]}"} "$@"
