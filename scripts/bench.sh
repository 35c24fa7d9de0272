#!/usr/bin/env bash
# The BENCHMARKS.md table: each workload's library and floor time, the median over RUNS runs of
# `cargo bench --bench sign` (each run itself reports divan's median over 1000 samples), then the
# load-independent instruction counts of `cargo bench --bench instructions` (needs valgrind).
# Library and floor are measured in the same run (paired), so the ratio holds under load; the
# load average is printed before and after the runs.
#
#   scripts/bench.sh [RUNS]      # RUNS defaults to 5
#
# Columns: the median over runs of divan's per-run median, for library and floor, and the median
# of the per-run ratios (library and floor are measured in the same process, seconds apart, so
# load that comes and goes between runs cancels out); then the same for divan's fastest sample,
# the figure least disturbed by other work on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cargo bench --bench sign --no-run --quiet 2>/dev/null
cargo bench --bench instructions --no-run --quiet 2>/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
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

# {workload: {"library": [(median, fastest) per run], "floor": [...]}}
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
        side = re.match(r"(library_verify_result|library|floor)\s+(\S+ \S+)", head)
        if side and workload:
            # Cells: name and fastest, slowest, median, mean, samples, iterations.
            fastest, median = ns(side.group(2)), ns(cells[2])
            table.setdefault(workload, {}).setdefault(side.group(1), []).append((median, fastest))

# A second library path of a workload (`library_verify_result`) is a row of its own, against
# the same floor.
for workload, sides in list(table.items()):
    if "library_verify_result" in sides:
        table[f"{workload} (app.verify_result)"] = {
            "library": sides.pop("library_verify_result"), "floor": sides["floor"]}

print("\n| workload | library (ns) | floor (ns) | ratio | fastest: library | floor | ratio |")
print("|---|---:|---:|---:|---:|---:|---:|")
for workload, sides in table.items():
    library, floor = sides["library"], sides["floor"]
    ratio = statistics.median(l[0] / f[0] for l, f in zip(library, floor))
    fastest_ratio = statistics.median(l[1] / f[1] for l, f in zip(library, floor))
    print(f"| {workload} | {statistics.median(l[0] for l in library):.0f} "
          f"| {statistics.median(f[0] for f in floor):.0f} | {ratio:.2f} "
          f"| {statistics.median(l[1] for l in library):.0f} "
          f"| {statistics.median(f[1] for f in floor):.0f} | {fastest_ratio:.2f} |")
print("\nratio per run (library median / floor median), and its range:")
for workload, sides in table.items():
    ratios = [l[0] / f[0] for l, f in zip(sides["library"], sides["floor"])]
    print(f"  {workload}: {', '.join(f'{r:.2f}' for r in ratios)}"
          f"  (range {min(ratios):.2f}-{max(ratios):.2f})")
EOF

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
cargo bench --quiet --bench instructions 2>/dev/null
