#!/usr/bin/env bash
# Usage: bash cmake/quickstart.sh run|test  (Debian 12, as root)
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs="libdeal.ii-dev libgtest-dev cmake g++ make openmpi-bin libopenmpi-dev"
missing=""; for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DANODEMECH_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build -j2
case "${1:-run}" in
  run) mkdir -p results && cd results && ../build/apps/material_point_creep ../apps/material_point_creep/lithium_creep.prm ;;
  test) cd build && ctest -j2 --output-on-failure ;;
  *) echo "usage: $0 run|test"; exit 2 ;;
esac
