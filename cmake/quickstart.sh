#!/usr/bin/env bash
# Usage: bash cmake/quickstart.sh run|test  (Debian 12, as root)
#   run:  install what is missing, build, press the bundled 15 mm lithium
#         disc from 0 to 30 MPa (apps/compress_disc/li_sheet.prm) and plot
#         its curves against the paper; skipped if the results are newer
#         than the program and the input (delete results/li_sheet to force).
#   test: install what is missing, build, run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs="libdeal.ii-dev libgsl-dev libgtest-dev cmake g++ make openmpi-bin libopenmpi-dev python3-matplotlib python3-h5py"
missing=""; for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DANODEMECH_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build -j2
case "${1:-run}" in
  run)
    out=results/li_sheet
    input=apps/compress_disc/li_sheet.prm
    if [ -f "$out/results.h5" ] && [ "$out/results.h5" -nt build/apps/compress_disc ] \
       && [ "$out/results.h5" -nt "$input" ] && [ -f "$out/curves.png" ]; then
      echo "Results in $out are up to date (delete $out to run again)."
    else
      # The results are out of date: this run replaces them on purpose.
      build/apps/compress_disc --overwrite "$input"
      /usr/bin/python3 apps/compress_disc/plot_curves.py "$out"
    fi
    echo "Results: $out/results.h5, $out/results.xdmf (open in ParaView), $out/curves.csv; plot: $out/curves.png"
    ;;
  test) cd build && ctest -j2 --output-on-failure ;;
  *) echo "usage: $0 run|test"; exit 2 ;;
esac
