#!/usr/bin/env bash
# Sets up a fresh machine, builds segsim in release mode and runs the main job.
# Extra arguments are passed to `segsim`; without them it runs the default job.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
if [ "$#" -eq 0 ]; then set -- run scenarios/retail.yaml; fi
exec .build/release/segsim "$@"
