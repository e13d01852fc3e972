#!/usr/bin/env bash
# RVE benchmark of rve_compress (issue 5 point 7): a short compression of the
# plain-weave cloth RVE at several voxel counts N (N x N x N voxels) on one or
# more MPI ranks. A benchmark, not a test: it prints one table row per run and
# never fails on a slow run.
#
# Usage:
#   tests/benchmark/rve_benchmark.sh [options] <path/to/rve_compress> <N> [N ...]
# Options (before the positional arguments):
#   -r "1 2"     MPI rank counts to run (default: 1)
#   -t SECONDS   timeout per run (default: 1800); a run that exceeds it is
#                stopped and recorded as 'timeout' (with the steps it finished)
#   -p FILE      input file (default: apps/rve_compress/cloth_rve.prm of this
#                repository)
#   -o DIR       folder for the logs and results of each run
#                (default: /tmp/rvebench)
#   -l PROTOCOL  load protocol (default: '0 : 0; 0.12 : 2.076e5', the
#                pressure rate of 0 -> 5.19 MPa in 3 s); its last pressure is
#                the report pressure
#   -d DT        initial and maximum time step [s] (default: 0.04; the
#                default protocol then takes 4 steps, 0.04, 0.04, 0.02 and
#                0.02 s, unless one is cut back. With steps of 1 s the first
#                step of the cloth cell is cut back to 0.067 s and the steps
#                stay near 0.04-0.1 s: at 32^3, 15 steps covered 0.75 s of a
#                3 s load)
#   -m MIB       address-space limit per rank (ulimit -v), so that a run too
#                large for the machine fails (an allocation error or abort)
#                instead of waking the OOM killer (default: none)
#   -P           print the table from the logs in DIR of earlier runs; run
#                nothing
#
# Columns: voxels (N^3), cells, unknowns, ranks, set-up s (launch to the
# header line the app prints after mesh generation and DoF set-up, before the
# first assembly), steps (accepted, rejected in brackets), Newton iterations
# (all attempts), linear iterations (GMRES iterations; a direct solve counts
# 1), s/step (header line to the summary line, divided by the accepted
# steps), total wall s, CPU s (user + system, summed over ranks; on a shared
# machine the wall times include waiting for a core, the CPU times do not),
# peak RSS (MiB: max over ranks / sum over ranks, from /usr/bin/time -v
# 'Maximum resident set size'), status (ok, exit N, timeout; the first line
# of the app's error output follows a failure). A run stopped by the timeout
# prints no summary: its steps, Newton iterations and s/step are counted from
# the step lines it printed (marked '*'), its linear iterations are unknown.
#
# Set-up and step times are taken from outside, from the arrival times of the
# app's output lines (stdout line-buffered with stdbuf -oL).

set -u

ranks_list="1"
timeout_s=1800
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prm="$script_dir/../../apps/rve_compress/cloth_rve.prm"
out_root=/tmp/rvebench
protocol='0 : 0; 0.12 : 2.076e5'
dt=0.04
mem_limit=
parse_only=false

usage() { sed -n '2,46p' "$0"; }
while getopts "r:t:p:o:l:d:m:Ph" opt; do
  case $opt in
    r) ranks_list=$OPTARG ;;
    t) timeout_s=$OPTARG ;;
    p) prm=$OPTARG ;;
    o) out_root=$OPTARG ;;
    l) protocol=$OPTARG ;;
    d) dt=$OPTARG ;;
    m) mem_limit=$OPTARG ;;
    P) parse_only=true ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

if [ $# -lt 2 ]; then
  usage >&2
  exit 2
fi
app=$(readlink -f "$1")
shift
sizes=("$@")
if ! $parse_only; then
  [ -x "$app" ] || { echo "rve_benchmark: $app is not executable" >&2; exit 2; }
  [ -r "$prm" ] || { echo "rve_benchmark: cannot read $prm" >&2; exit 2; }
  [ -x /usr/bin/time ] || { echo "rve_benchmark: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
fi

# Prefix every line read on stdin with the seconds since $1.
stamp() {
  local t0=$1 line
  while IFS= read -r line; do
    printf '%s %s\n' "$(awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN{printf "%.2f", a-b}')" "$line"
  done
}

row_format='%-8s %9s %10s %5s %9s %9s %7s %8s %9s %9s %9s %15s  %s\n'

# Print the table row of the run in $1 (voxels $2, ranks $3).
print_row() {
  local dir=$1 n=$2 np=$3
  local rc wall status header cells unknowns t_setup summary steps acc newton
  local linear t_end per_step cpu rss msg
  rc=$(cat "$dir/rc" 2>/dev/null || echo '?')
  wall=$(cat "$dir/wall" 2>/dev/null || echo '-')
  if grep -qs 'non-zero status 124' "$dir"/time.* || [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    status=timeout
  elif [ "$rc" = 0 ]; then
    status=ok
  else
    status="exit $rc"
  fi

  header=$(grep -m1 ' unknowns, ' "$dir/stdout")
  cells=$(sed -n 's/.* \([0-9]*\) cells, .*/\1/p' <<< "$header")
  unknowns=$(sed -n 's/.* \([0-9]*\) unknowns, .*/\1/p' <<< "$header")
  t_setup=$(awk '{print $1}' <<< "$header")
  summary=$(grep -m1 ' Newton iterations, ' "$dir/stdout")
  if [ -n "$summary" ]; then
    steps=$(sed -n 's/^[0-9.]*  *\([0-9]*\) steps (\([0-9]*\) rejected).*/\1(\2)/p' <<< "$summary")
    acc=$(sed -n 's/^[0-9.]*  *\([0-9]*\) steps .*/\1/p' <<< "$summary")
    newton=$(sed -n 's/.* \([0-9]*\) Newton iterations.*/\1/p' <<< "$summary")
    linear=$(sed -n 's/.* \([0-9]*\) linear iterations.*/\1/p' <<< "$summary")
    t_end=$(grep -m1 '^[0-9.]* Summary' "$dir/stdout" | awk '{print $1}')
  else
    # No summary (stopped from outside): count the step lines, 10 numbers
    # (time stamp, t, p, dt, Newton, 3 strains, 2 load shares).
    local step_lines
    step_lines=$(awk 'NF == 10 { for (i = 1; i <= NF; ++i) if ($i !~ /^-?[0-9.e+-]+$/) next; print }' "$dir/stdout")
    acc=$(grep -c . <<< "$step_lines")
    steps="${acc}*"
    newton=$(awk '{s += $5} END {print s "*"}' <<< "$step_lines")
    [ "$acc" -eq 0 ] && newton='-'
    linear='-'
    t_end=$(tail -n1 <<< "$step_lines" | awk '{print $1}')
  fi
  per_step=-
  if [ -n "$t_setup" ] && [ -n "$t_end" ] && [ -n "$acc" ] && [ "$acc" -gt 0 ]; then
    per_step=$(awk -v a="$t_end" -v b="$t_setup" -v s="$acc" 'BEGIN{printf "%.1f", (a-b)/s}')
  fi
  cpu=$(cat "$dir"/time.* 2>/dev/null | awk -F': ' '/User time|System time/{s+=$2; n++} END{if(n) printf "%.1f", s; else print "-"}')
  rss=$(cat "$dir"/time.* 2>/dev/null | awk -F': ' '/Maximum resident set size/{k=$2/1024; s+=k; if(k>m)m=k} END{if(s>0) printf "%.0f/%.0f", m, s; else print "-"}')
  if [ "$status" != ok ]; then
    msg=$(grep -v -m1 '^\s*$' "$dir/stderr" 2>/dev/null | cut -c1-200)
    [ -n "$msg" ] && status="$status: $msg"
  fi
  # shellcheck disable=SC2059
  printf "$row_format" "${n}^3" "${cells:--}" "${unknowns:--}" "$np" \
    "${t_setup:--}" "${steps:--}" "${newton:--}" "${linear:--}" "$per_step" \
    "$wall" "$cpu" "$rss" "$status"
}

# shellcheck disable=SC2059
printf "$row_format" voxels cells unknowns ranks setup_s steps newton linear \
  s/step wall_s cpu_s "rss_MiB(max/sum)" status

for n in "${sizes[@]}"; do
  for np in $ranks_list; do
    dir="$out_root/n${n}_np${np}"
    if $parse_only; then
      [ -d "$dir" ] && print_row "$dir" "$n" "$np"
      continue
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    args=("$prm"
          --set "RVE/Plain weave/Voxels along x and y=$n"
          --set "RVE/Plain weave/Voxels through thickness=$n"
          --set "Loading/Load protocol=$protocol"
          --set "Loading/Report pressures=$(sed 's/.*:[[:space:]]*//' <<< "$protocol")"
          --set "Time stepping/Initial time step=$dt"
          --set "Time stepping/Maximum time step=$dt"
          --set "Output/Field output=none"
          --set "Output/Folder=$dir/results")
    # Each rank runs under its own /usr/bin/time -v (written to time.<rank>)
    # and, inside it, its own timeout, so that a stopped run still reports
    # its peak memory.
    wrapper=(bash -c 'exec /usr/bin/time -v -o "$0.${OMPI_COMM_WORLD_RANK:-0}" timeout -k 30 "$1" stdbuf -oL "${@:2}"' "$dir/time" "$timeout_s")
    if [ "$np" -gt 1 ]; then
      launch=(mpirun --allow-run-as-root --oversubscribe -np "$np")
      [ -n "${LD_LIBRARY_PATH:-}" ] && launch+=(-x LD_LIBRARY_PATH)
      launch+=("${wrapper[@]}" "$app")
    else
      launch=("${wrapper[@]}" "$app")
    fi
    t0=$EPOCHREALTIME
    (
      [ -n "$mem_limit" ] && ulimit -v $((mem_limit * 1024))
      exec timeout -k 30 "$(awk -v t="$timeout_s" 'BEGIN{print t + 120}')" "${launch[@]}" "${args[@]}"
    ) 2> "$dir/stderr" | stamp "$t0" > "$dir/stdout"
    echo "${PIPESTATUS[0]}" > "$dir/rc"
    awk -v a="$EPOCHREALTIME" -v b="$t0" 'BEGIN{printf "%.1f\n", a-b}' > "$dir/wall"
    print_row "$dir" "$n" "$np"
  done
done
