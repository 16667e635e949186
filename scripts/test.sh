#!/usr/bin/env bash
# Sets up a fresh machine and runs the whole test suite, optimised: the statistical checks
# simulate 10^7 customers per queue, which takes minutes in a debug build and seconds here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mapfile -t flags < <(scripts/swift-flags.sh)
swift test -c release ${flags[@]+"${flags[@]}"} "$@"
