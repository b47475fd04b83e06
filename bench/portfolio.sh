#!/usr/bin/env bash
# Portfolio scoring against its floor, on synthetic answers files (docs/performance.md).
#
#   bench/portfolio.sh                # 100,000 files: time, ratio to the baseline, threads, memory
#   FIRMS=20000 bench/portfolio.sh    # a smaller run
#   LARGE=1000000 bench/portfolio.sh  # also the peak memory for 1,000,000 files (about 4 GB of disk)
#   INSTR=2000 bench/portfolio.sh     # also the instructions of one thread on 2,000 files (valgrind)
#
# The headline is the ratio of `esg score DIR --format csv` to the borrowed `DeTable` parse of the
# same files, and the speed-up of 2 threads over 1. On a busy machine wall time is noisy: count
# instructions of one thread instead (docs/performance.md), e.g.
#   RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/esg score DIR --format csv
#
# Needs hyperfine, GNU time (/usr/bin/time) and python3; on Debian/Ubuntu: apt-get install hyperfine time.
# Files go to $BENCH_DIR (default /tmp/esg-bench) and are kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

FIRMS="${FIRMS:-100000}"
LARGE="${LARGE:-}"
INSTR="${INSTR:-}"
BENCH_DIR="${BENCH_DIR:-/tmp/esg-bench}"
RUNS="${RUNS:-5}"

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done

cargo build --release --locked --bin esg --example gen_portfolio --example baseline_parse
ESG=target/release/esg
GEN=target/release/examples/gen_portfolio
BASE=target/release/examples/baseline_parse

portfolio() { # N -> directory holding N files, generated once with seed 1
  local dir="$BENCH_DIR/firms-$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    "$GEN" --firms "$1" --seed 1 "$dir"
    touch "$dir/.complete"
  fi
  echo "$dir"
}

peak_mib() { # command... -> peak resident memory in MiB
  /usr/bin/time -f '%M' -o "$BENCH_DIR/time.out" "$@" >/dev/null 2>&1 || true
  echo "$(( $(tail -1 "$BENCH_DIR/time.out") / 1024 ))"
}

mkdir -p "$BENCH_DIR"
DIR="$(portfolio "$FIRMS")"
echo "== $FIRMS files in $DIR ($(du -sh "$DIR" | cut -f1)), $(nproc) cores"

# Warm the page cache so that every command reads the same cached files.
"$BASE" "$DIR" >/dev/null

mean() { # hyperfine JSON file, command name -> mean seconds
  python3 -c 'import json,sys; r={x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}; print(r[sys.argv[2]])' "$1" "$2"
}
cpu() { # hyperfine JSON file, command name -> mean user + system seconds
  python3 -c 'import json,sys; r={x["command"]: x["user"] + x["system"] for x in json.load(open(sys.argv[1]))["results"]}; print(r[sys.argv[2]])' "$1" "$2"
}
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }

echo "== time: baseline (read + parse with the toml crate, all cores) vs esg score"
hyperfine -N --warmup 1 --runs "$RUNS" --export-markdown "$BENCH_DIR/time.md" --export-json "$BENCH_DIR/time.json" \
  -n "baseline: read + toml::Table" "$BASE $DIR" \
  -n "baseline: read + toml DeTable" "$BASE --detable $DIR" \
  -n "esg score DIR --format csv" "$ESG score $DIR --format csv"
cat "$BENCH_DIR/time.md"

echo "== threads: 1 vs 2"
hyperfine -N --warmup 1 --runs "$RUNS" --export-markdown "$BENCH_DIR/threads.md" --export-json "$BENCH_DIR/threads.json" \
  -n "RAYON_NUM_THREADS=1" "env RAYON_NUM_THREADS=1 $ESG score $DIR --format csv" \
  -n "RAYON_NUM_THREADS=2" "env RAYON_NUM_THREADS=2 $ESG score $DIR --format csv"
cat "$BENCH_DIR/threads.md"

# The headline: esg against the cheapest parse of the same files (target: at most 1.25), and
# what a second thread gives (target: at least 1.8).
DETABLE="$(mean "$BENCH_DIR/time.json" "baseline: read + toml DeTable")"
SCORE="$(mean "$BENCH_DIR/time.json" "esg score DIR --format csv")"
ONE="$(mean "$BENCH_DIR/threads.json" "RAYON_NUM_THREADS=1")"
TWO="$(mean "$BENCH_DIR/threads.json" "RAYON_NUM_THREADS=2")"
echo "== headline"
echo "esg score / DeTable parse, all cores: $(ratio "$SCORE" "$DETABLE")x (target <= 1.25x)"
# CPU time (user + system) moves less than wall time when other work shares the machine.
echo "the same in CPU time: $(ratio "$(cpu "$BENCH_DIR/time.json" "esg score DIR --format csv")" "$(cpu "$BENCH_DIR/time.json" "baseline: read + toml DeTable")")x"
echo "2 threads / 1 thread: $(ratio "$ONE" "$TWO")x faster (target >= 1.8x)"

echo "== peak memory (resident)"
echo "esg score, $FIRMS files: $(peak_mib "$ESG" score "$DIR" --format csv) MiB"
echo "baseline, $FIRMS files: $(peak_mib "$BASE" "$DIR") MiB"
if [ -n "$LARGE" ]; then
  BIG="$(portfolio "$LARGE")"
  echo "esg score, $LARGE files: $(peak_mib "$ESG" score "$BIG" --format csv) MiB"
fi

if [ -n "$INSTR" ]; then
  # Instruction counts of one thread are repeatable where wall time on a shared machine is not.
  command -v valgrind >/dev/null || { echo "INSTR needs valgrind" >&2; exit 2; }
  SMALL="$(portfolio "$INSTR")"
  instr() { # command... -> instructions counted by callgrind
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  I_BASE="$(instr "$BASE" --detable "$SMALL")"
  I_ESG="$(instr "$ESG" score "$SMALL" --format csv)"
  echo "== instructions, one thread, $INSTR files"
  echo "baseline DeTable: $I_BASE"
  echo "esg score --format csv: $I_ESG ($(ratio "$I_ESG" "$I_BASE")x of DeTable, target <= 1.25x)"
fi
