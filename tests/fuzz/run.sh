#!/usr/bin/env bash
# Fuzz the input reader of compress_disc with libFuzzer for a bounded time.
#
# Usage: tests/fuzz/run.sh [seconds]   (default 300)
# Builds the library with the default compiler in build/ (as the quick
# start does), then build-fuzz/ with clang: the fuzz target with
# AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# instrumentation of the input-checking sources (tests/fuzz/CMakeLists.txt
# says why only those). Seeds the corpus with the bundled inputs and runs
# fuzz_input_reader. Exit code 0: no finding in that time; otherwise
# libFuzzer's crash file (crash-*, leak-*, timeout-*) is in
# build-fuzz/findings/ with the report above it.
# Installs clang (Debian 12: clang-14 with libFuzzer) if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
if ! command -v clang++ >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"${JOBS:-2}" --target anodemech
cmake -S tests/fuzz -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ \
  -DANODEMECH_LIBRARY="$PWD/build/lib/libanodemech.so" >/dev/null
cmake --build build-fuzz -j"${JOBS:-2}"

corpus=build-fuzz/corpus
findings=build-fuzz/findings
mkdir -p "$corpus" "$findings"
cp apps/compress_disc/*.prm "$corpus"/
# Dictionary: the keywords and every entry name of the bundled inputs.
{
  printf '"subsection "\n"end"\n"set "\n" = "\n"\\x0A"\n'
  sed -n 's/^ *set \([^=]*[^ =]\) *=.*/\1/p; s/^ *subsection \(.*[^ ]\) *$/\1/p' \
    apps/compress_disc/*.prm | sort -u | sed 's/"/\\"/g; s/.*/"&"/'
} > build-fuzz/input.dict

export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
echo "fuzzing the input reader for $seconds s"
build-fuzz/fuzz_input_reader "$corpus" \
  -dict=build-fuzz/input.dict -max_total_time="$seconds" -max_len=16384 \
  -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$findings/"
echo "no finding in $seconds s; corpus: $(ls "$corpus" | wc -l) inputs"
