#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another (the machine is shared), each until it has
# executed FUZZ_RUNS inputs or run FUZZ_SECONDS, whichever comes first, then prints one line of
# figures per target. Stops at the first crash (libFuzzer writes it to fuzz/artifacts/<target>/).
#
#   scripts/fuzz.sh                      # every target, 10 million runs or 10 minutes each
#   scripts/fuzz.sh widget_url           # one target
#   FUZZ_RUNS=100000 scripts/fuzz.sh     # a quick pass
#
# Needs `cargo install cargo-fuzz --locked`. Runs on the stable toolchain without a sanitizer
# (the crates forbid unsafe code); FUZZ_SANITIZER=address with RUSTC_BOOTSTRAP=1 for ASan.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=${FUZZ_RUNS:-10000000}
seconds=${FUZZ_SECONDS:-600}
sanitizer=${FUZZ_SANITIZER:-none}
max_len=${FUZZ_MAX_LEN:-4096}
all=(result_query redirect_url post_message widget_url attachment_json)
targets=("${@:-${all[@]}}")

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
  exit 2
fi

dict_of() {
  case "$1" in
    post_message | attachment_json) echo "$root/fuzz/dict/json.dict" ;;
    *) echo "$root/fuzz/dict/query.dict" ;;
  esac
}

logs="$root/fuzz/target/fuzz-logs"
mkdir -p "$logs"
summary=()
for target in "${targets[@]}"; do
  corpus="$root/fuzz/corpus/$target"
  mkdir -p "$corpus"
  # The committed seeds, copied into the (git-ignored) working corpus libFuzzer grows.
  for seed in "$root/fuzz/seeds/$target"/*; do
    [ -e "$corpus/$(basename "$seed")" ] || cp "$seed" "$corpus/"
  done
  echo "== $target: up to $runs runs or $seconds s (sanitizer $sanitizer)"
  # The full log goes to fuzz/target/fuzz-logs/; the terminal gets the milestones.
  set +e +o pipefail
  cargo fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -runs="$runs" -max_total_time="$seconds" -max_len="$max_len" \
    -dict="$(dict_of "$target")" -print_final_stats=1 2>&1 | tee "$logs/$target.log" |
    grep --line-buffered -E '^(#[0-9]+\s+(INITED|DONE)|Done |==|stat::number_of_executed_units|SUMMARY|thread .* panicked|Failing input|\s+fuzz/artifacts/)'
  status=${PIPESTATUS[0]}
  set -e -o pipefail
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$target.log" | tail -1)
  elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$logs/$target.log" | tail -1)
  if [ "$status" -ne 0 ]; then
    echo "== $target FAILED (exit $status); log: $logs/$target.log" >&2
    exit "$status"
  fi
  summary+=("$target: ${executed:-?} executions in ${elapsed:-?} s, no crash")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
