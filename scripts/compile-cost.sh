#!/usr/bin/env bash
# What `#[derive(OkWidget)]` costs a user at compile time, next to `#[derive(serde::Serialize)]`.
#
#   scripts/compile-cost.sh [RUNS] [-- extra cargo build flags, e.g. --release]
#
# Two throwaway crates under a temporary directory, each with 10 structs:
#   ok-widget-10:   depends on this repository by path, derives `OkWidget` on every struct;
#   serde-10:       depends on serde with `derive`, derives `Serialize` on every struct.
# Each is built cold (an empty target directory every time, dependencies included), RUNS times
# (default 3), alternating the two so that load on the machine hits both alike; the medians of
# wall-clock and of CPU time are printed last. Dependencies are fetched once before the first
# build (untimed), the timed builds run offline.
# KEEP=1 leaves the two crates in the temporary directory, to look into a build with
# `cargo build --timings`.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs=3
if [[ $# -gt 0 && $1 != -- ]]; then
  runs="$1"
  shift
fi
[[ ${1:-} == -- ]] && shift
extra=("$@")

exec 3>&2
work="$(mktemp -d)"
trap '[[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT

# The same ten shapes for both crates: text, optional text, flags, ids.
structs() {
  local derive="$1" attrs="$2" field_attr="$3"
  for i in $(seq 0 9); do
    cat <<EOF
#[derive($derive)]
$attrs
pub struct Widget$i {
    $field_attr
    pub return_url: String,
    pub state: Option<String>,
    pub comment: Option<String>,
    pub custom_args: Option<String>,
    pub popup: Option<bool>,
    pub nohead: Option<bool>,
    pub target: Vec<u64>,
    pub autosel: Option<u32>,
}

EOF
  done
}

mkdir -p "$work/ok-widget-10/src" "$work/serde-10/src"
cat >"$work/ok-widget-10/Cargo.toml" <<EOF
[package]
name = "ok-widget-10"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
ok-widget = { path = "$repo" }

[workspace]
EOF
{
  echo "use ok_widget::OkWidget;"
  echo
  structs OkWidget '#[ok_widget(cmd = "WidgetInvite")]' '#[ok_widget(name = "st.return")]'
} >"$work/ok-widget-10/src/lib.rs"
# Resolve to the versions this repository is tested with.
cp "$repo/Cargo.lock" "$work/ok-widget-10/Cargo.lock"

cat >"$work/serde-10/Cargo.toml" <<EOF
[package]
name = "serde-10"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }

[workspace]
EOF
{
  echo "use serde::Serialize;"
  echo
  structs Serialize '' ''
} >"$work/serde-10/src/lib.rs"

# "wall cpu" seconds of one cold build of crate $1 (cpu: user + system, all processes), timed by
# bash's own `time` so that nothing but cargo needs to be installed.
cold_build() {
  local crate="$1" target="$work/target-$1" TIMEFORMAT='%R %U %S' times
  rm -rf "$target"
  # cargo's own output goes to the script's stderr (fd 3); only `time`'s line is captured.
  # CARGO_INCREMENTAL=0: a user gets ok-widget from crates.io, and cargo never compiles a
  # registry dependency incrementally; the path dependency used here would be (writing the
  # incremental cache of the runtime and the macro crate costs ~0.5 s of a cold build). Both
  # crates are built alike.
  times=$({ time (cd "$work/$crate" &&
    CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" cargo build --offline --quiet "${extra[@]}" >&3 2>&3); } 2>&1)
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$times"
}

for crate in ok-widget-10 serde-10; do
  (cd "$work/$crate" && cargo fetch --quiet)
done

echo "cold builds (cargo build ${extra[*]}), $runs runs each, alternating;" \
  "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall: elapsed seconds (what the target compares); cpu: user + system seconds, which other"
echo "load on the machine disturbs less"
ok_wall=() ok_cpu=() serde_wall=() serde_cpu=()
for run in $(seq "$runs"); do
  read -r wall cpu < <(cold_build ok-widget-10)
  ok_wall+=("$wall") ok_cpu+=("$cpu")
  read -r swall scpu < <(cold_build serde-10)
  serde_wall+=("$swall") serde_cpu+=("$scpu")
  printf 'run %d: OkWidget wall %6.2f s cpu %6.2f s   serde::Serialize wall %6.2f s cpu %6.2f s\n' \
    "$run" "$wall" "$cpu" "$swall" "$scpu"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
report() {
  local what="$1" ok serde
  ok=$(median "${@:2:$runs}")
  serde=$(median "${@:$((runs + 2))}")
  printf 'median %s: OkWidget %.2f s, serde::Serialize %.2f s (ratio %.2f)\n' \
    "$what" "$ok" "$serde" "$(awk -v a="$ok" -v b="$serde" 'BEGIN { print a / b }')"
}
report wall "${ok_wall[@]}" "${serde_wall[@]}"
report cpu "${ok_cpu[@]}" "${serde_cpu[@]}"
