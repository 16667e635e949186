#!/usr/bin/env bash
# Prints the extra `swift build` / `swift test` flags for this machine, one per line.
#
# On an x86-64 CPU with every Haswell-era extension (AVX2, FMA, BMI1/2, LZCNT, MOVBE, F16C), code
# is generated for that CPU: about 8% fewer instructions per simulated event, the same results
# (Swift never fuses multiplies and adds on its own, so floating point rounds as before). Every
# script builds with the same flags, so that tests, runs and benchmarks share one build.
# SEGSIM_PORTABLE=1 prints nothing: a baseline x86-64 build that runs on any machine.
set -euo pipefail

if [ "${SEGSIM_PORTABLE:-0}" = 1 ] || [ "$(uname -m)" != x86_64 ] || [ ! -r /proc/cpuinfo ]; then
  exit 0
fi
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for feature in avx avx2 fma bmi1 bmi2 abm movbe f16c popcnt sse4_2 xsave; do
  case " ${flags#*:} " in
    *" $feature "*) ;;
    *) exit 0 ;;
  esac
done
printf '%s\n' -Xswiftc -target-cpu -Xswiftc haswell -Xcc -march=haswell
