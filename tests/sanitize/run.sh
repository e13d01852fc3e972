#!/usr/bin/env bash
# Build anodemech with AddressSanitizer + UndefinedBehaviorSanitizer
# (ANODEMECH_SANITIZE=ON) in build-sanitize/ and run the tests labelled
# 'sanitize' (the unit and verification tests). Any heap or stack error,
# leak (outside Open MPI's initialisation, see lsan.supp) or undefined
# behaviour (integer overflow, misaligned or null access, bad shift or cast,
# ...) stops the test with a report and fails it.
#
# Usage: tests/sanitize/run.sh [build folder]   (default: build-sanitize)
# Not part of the README's test command: the instrumented build of the
# library takes about 15 minutes on 2 cores (doc/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-sanitize}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANODEMECH_SANITIZE=ON \
  -DANODEMECH_BUILD_APPS=OFF -DANODEMECH_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target unit_tests verification_tests
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0
cd "$build"
ctest -L "unit|verification" -j"${JOBS:-2}" --output-on-failure
