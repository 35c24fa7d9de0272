#!/usr/bin/env bash
# The BENCHMARKS.md table: each workload's library and floor time, the median over RUNS runs of
# `cargo bench --bench sign` (each run itself reports divan's median over 1000 samples), then the
# load-independent instruction counts of `cargo bench --bench instructions` (needs valgrind).
#
#   scripts/bench.sh [RUNS]      # RUNS defaults to 5
#
# The ratio is taken per run (library and floor measured in the same process, seconds apart) and
# its median reported, so load that comes and goes between runs cancels out.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo bench --bench sign --no-run --quiet 2>/dev/null
for run in $(seq "$runs"); do
  echo "run $run/$runs ..." >&2
  cargo bench --quiet --bench sign >"$out/run-$run.txt" 2>/dev/null
done

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(rustc --version | cut -d' ' -f1-2), load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$runs" <<'EOF'
import re, statistics, sys
from pathlib import Path

folder, runs = Path(sys.argv[1]), int(sys.argv[2])
UNITS = {"ns": 1.0, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}

def ns(cell):
    value, unit = cell.split()
    return float(value) * UNITS[unit]

# {workload: {"library": [median per run], "floor": [...]}}
table = {}
for run in range(1, runs + 1):
    workload = None
    for line in (folder / f"run-{run}.txt").read_text().splitlines():
        # The first column holds the tree (`├─`, `╰─`, `│`) and the name.
        cells = [cell.strip() for cell in re.sub(r"^[\s│├╰─]+", "", line).split("│")]
        head = cells[0]
        match = re.match(r"(w\d\S*)", head)
        if match:
            workload = match.group(1)
            continue
        side = re.match(r"(library|floor)\s+(\S+ \S+)", head)
        if side and workload:
            # Cells: name and fastest, slowest, median, mean, samples, iterations.
            table.setdefault(workload, {}).setdefault(side.group(1), []).append(ns(cells[2]))

print(f"\n| workload | library (ns) | floor (ns) | ratio | ratio per run |")
print("|---|---:|---:|---:|---|")
for workload, sides in table.items():
    library, floor = sides["library"], sides["floor"]
    ratios = [l / f for l, f in zip(library, floor)]
    print(f"| {workload} | {statistics.median(library):.0f} | {statistics.median(floor):.0f} "
          f"| {statistics.median(ratios):.2f} | {', '.join(f'{r:.2f}' for r in ratios)} |")
EOF

echo
cargo bench --quiet --bench instructions 2>/dev/null
