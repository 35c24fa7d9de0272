#!/usr/bin/env bash
# What ok-widget adds to a user's cold build: an axum 0.8 + serde app like
# examples/return_handler.rs, built cold with and without ok-widget.
#
#   scripts/compile-cost.sh [RUNS] [-- extra cargo build flags, e.g. --release]
#
# Two throwaway binary crates under a temporary directory, the same app apart from ok-widget:
#   app-without: axum 0.8 (the features this repository's examples use), tokio, serde with
#                `derive`, serde_json. Routes `/invite` (a widget link) and `/ok/callback` (a
#                return handler reading its query into a `#[derive(Deserialize)]` struct and
#                answering JSON); the link is unsigned and nothing is verified.
#   app-with:    the same app, plus `ok-widget` from this repository by path (default features):
#                it signs an `Invite` and a `#[derive(OkWidget)]` widget of its own, and the
#                return handler verifies the invitation's result.
# Both get this repository's Cargo.lock, so they build the versions the repository is tested
# with; dependencies are fetched once before the first build (untimed), the timed builds run
# offline.
#
# Each app is built cold (an empty target directory every time, dependencies included) RUNS
# times (default 3), alternating the two (and which goes first) so that load on the machine hits
# both alike. Printed: wall and CPU (user + system of the build's processes) of every build, with
# the CPU time the rest of the machine used meanwhile; the medians; and the difference
# with - without, which is what ok-widget adds (the target compares the CPU difference): between
# the two medians, and the median of the runs' own differences (each run builds the two apps a
# few seconds apart, under about the same load).
#
# Then one more cold build of each with `cargo build --timings`, and the crates that only
# app-with compiles, with each one's duration from cargo's report (the wall time of that
# crate's compilation; units run two at a time on two cores, so they add up to more than the
# wall-time difference and about to the CPU difference).
#
# WAIT_LOAD=0.6 waits before each build until the 1-minute load average is below 0.6 (at most
# 10 minutes; our own previous build counts too, so expect up to a minute between builds).
# KEEP=1 leaves the two apps, their target directories and the --timings reports in the
# temporary directory. Needs cargo, python3 (for reading the --timings report) and, for the
# first run on a machine, access to crates.io.
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
if [[ -n ${KEEP:-} ]]; then
  trap 'echo "kept: $work" >&3' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

# --- The two apps -------------------------------------------------------------------------------

# Cargo.toml of app $1; $2 is added to [dependencies].
manifest() {
  cat <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
axum = { version = "0.8", default-features = false, features = ["query", "form", "json", "tokio", "http1"] }
tokio = { version = "1", features = ["macros", "rt", "net"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
$2

[workspace]
EOF
}

# src/main.rs, the same for both apps: everything about OK is in src/ok.rs.
main_rs() {
  cat <<'EOF'
//! A page linking to an OK widget, and the handler OK redirects the browser back to.

use std::sync::Arc;

use axum::extract::{Query, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

mod ok;

/// The query of `/invite`.
#[derive(Deserialize)]
struct InviteQuery {
    state: String,
}

/// What the return handler reads from OK's redirect.
#[derive(Deserialize)]
struct Returned {
    code: Option<String>,
    state: Option<String>,
}

fn router(connect: ok::Connect) -> Router {
    Router::new()
        .route("/invite", get(invite))
        .route("/ok/callback", get(returned))
        .with_state(Arc::new(connect))
}

/// `GET /invite?state=...`: the widget links.
async fn invite(
    State(connect): State<Arc<ok::Connect>>,
    Query(query): Query<InviteQuery>,
) -> (StatusCode, String) {
    match connect.widget_urls(&query.state) {
        Ok(urls) => (StatusCode::OK, urls),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error),
    }
}

/// `GET /ok/callback?code=...`: what OK sends back.
async fn returned(
    State(connect): State<Arc<ok::Connect>>,
    RawQuery(raw): RawQuery,
    Query(query): Query<Returned>,
) -> (StatusCode, Json<Value>) {
    let code = query.code.as_deref().unwrap_or("-");
    let state = query.state.as_deref().unwrap_or("-");
    match connect.verify(raw.as_deref().unwrap_or_default()) {
        Ok(outcome) => (
            StatusCode::OK,
            Json(json!({ "outcome": outcome, "code": code, "state": state })),
        ),
        Err(error) => (StatusCode::BAD_REQUEST, Json(json!({ "refused": error }))),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("OK_APP_SECRET").unwrap_or_default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, router(ok::Connect::new("512000000001", secret))).await
}
EOF
}

ok_rs_without() {
  cat <<'EOF'
//! The OK side without ok-widget: unsigned links, nothing verified.

pub struct Connect {
    app_id: String,
    secret: String,
}

impl Connect {
    pub fn new(app_id: &str, secret: String) -> Self {
        Self { app_id: app_id.to_owned(), secret }
    }

    pub fn widget_urls(&self, state: &str) -> Result<String, String> {
        let app = &self.app_id;
        Ok(format!(
            "https://connect.ok.ru/dk?st.cmd=WidgetInvite&st.app={app}&st.state={state}\n\
             https://connect.ok.ru/dk?st.cmd=WidgetGameRating&st.app={app}&st.level=7&st.state={state}"
        ))
    }

    pub fn verify(&self, query: &str) -> Result<String, String> {
        Ok(format!("not verified ({} bytes, secret of {} bytes)", query.len(), self.secret.len()))
    }
}
EOF
}

ok_rs_with() {
  cat <<'EOF'
//! The OK side with ok-widget: signed links, the invitation's result verified.

use ok_widget::{App, Credentials, FriendsOutcome, Invite, OkWidget};

const RETURN_URL: &str = "https://app.example/ok/callback";

/// A widget of the app's own.
#[derive(OkWidget)]
#[ok_widget(cmd = "WidgetGameRating")]
struct GameRating<'a> {
    #[ok_widget(name = "st.return")]
    return_url: &'a str,
    #[ok_widget(signed)]
    level: u32,
    state: &'a str,
}

pub struct Connect {
    app: App,
}

impl Connect {
    pub fn new(app_id: &str, secret: String) -> Self {
        let id = app_id.parse().expect("an OK application id");
        Self { app: App::new(id, Credentials::application(secret).expect("a secret")) }
    }

    pub fn widget_urls(&self, state: &str) -> Result<String, String> {
        let invite = Invite::new().return_url(RETURN_URL).state(state);
        let rating = GameRating { return_url: RETURN_URL, level: 7, state };
        let invite = self.app.sign(&invite).map_err(|error| error.to_string())?;
        let rating = self.app.sign(&rating).map_err(|error| error.to_string())?;
        Ok(format!("{invite}\n{rating}"))
    }

    pub fn verify(&self, query: &str) -> Result<String, String> {
        match self.app.verify_result::<Invite>(query) {
            Ok(FriendsOutcome::Sent(friends)) => Ok(format!("invited {:?}", friends.ids())),
            Ok(outcome) => Ok(format!("nothing sent: {outcome:?}")),
            Err(error) => Err(error.to_string()),
        }
    }
}
EOF
}

for app in app-without app-with; do
  mkdir -p "$work/$app/src"
  main_rs >"$work/$app/src/main.rs"
  # Resolve to the versions this repository is tested with (cargo drops what an app does not use).
  cp "$repo/Cargo.lock" "$work/$app/Cargo.lock"
done
manifest app-without '' >"$work/app-without/Cargo.toml"
ok_rs_without >"$work/app-without/src/ok.rs"
manifest app-with "ok-widget = { path = \"$repo\" }" >"$work/app-with/Cargo.toml"
ok_rs_with >"$work/app-with/src/ok.rs"

for app in app-without app-with; do
  (cd "$work/$app" && cargo fetch --quiet)
done

# --- Timed cold builds --------------------------------------------------------------------------

# CPU seconds the whole machine has been busy since it booted (every process, ours and others').
busy_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8 + $9) / tck }' /proc/stat
}

# With WAIT_LOAD set, waits (up to 10 minutes) until the 1-minute load average is below it.
wait_quiet() {
  [[ -n ${WAIT_LOAD:-} ]] || return 0
  local waited=0
  while awk -v limit="$WAIT_LOAD" '{ exit !($1 >= limit) }' /proc/loadavg && ((waited < 600)); do
    sleep 5
    waited=$((waited + 5))
  done
}

# "wall cpu others" seconds of one cold build of app $1. cpu: user + system of the build's
# processes, timed by bash's own `time` so that nothing but cargo needs to be installed; others:
# the CPU time the rest of the machine used meanwhile (from /proc/stat), which tells a disturbed
# build. Further arguments go to cargo build.
cold_build() {
  local app="$1" target="$work/target-$1" TIMEFORMAT='%R %U %S' times before after
  shift
  rm -rf "$target"
  wait_quiet
  before=$(busy_seconds)
  # cargo's own output goes to the script's stderr (fd 3); only `time`'s line is captured.
  # CARGO_INCREMENTAL=0: a user gets ok-widget from crates.io, and cargo never compiles a
  # registry dependency incrementally; the path dependency used here would be. Both apps are
  # built alike.
  times=$({ time (cd "$work/$app" &&
    CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" \
      cargo build --offline --quiet ${extra[@]+"${extra[@]}"} "$@" >&3 2>&3); } 2>&1)
  after=$(busy_seconds)
  awk -v before="$before" -v after="$after" \
    '{ cpu = $2 + $3; printf "%.2f %.2f %.1f\n", $1, cpu, after - before - cpu }' <<<"$times"
}

echo "cold builds of an axum 0.8 + serde app (cargo build ${extra[*]+${extra[*]}}), $runs runs each," \
  "alternating; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before"
echo "cpu: user + system seconds of the build (what the target compares; other load on the"
echo "machine disturbs it less than wall); others: CPU seconds the rest of the machine used meanwhile"
with_wall=() with_cpu=() without_wall=() without_cpu=() diff_wall=() diff_cpu=()
for run in $(seq "$runs"); do
  # Odd runs build app-without first, even runs app-with first.
  if ((run % 2)); then
    read -r wall cpu others < <(cold_build app-without)
    read -r wwall wcpu wothers < <(cold_build app-with)
  else
    read -r wwall wcpu wothers < <(cold_build app-with)
    read -r wall cpu others < <(cold_build app-without)
  fi
  without_wall+=("$wall") without_cpu+=("$cpu") with_wall+=("$wwall") with_cpu+=("$wcpu")
  diff_wall+=("$(awk -v a="$wwall" -v b="$wall" 'BEGIN { printf "%.2f", a - b }')")
  diff_cpu+=("$(awk -v a="$wcpu" -v b="$cpu" 'BEGIN { printf "%.2f", a - b }')")
  printf 'run %d: without %6.2f s wall %6.2f s cpu (others %4.1f s)   with %6.2f s wall %6.2f s cpu (others %4.1f s)   with - without %+6.2f s wall %+6.2f s cpu\n' \
    "$run" "$wall" "$cpu" "$others" "$wwall" "$wcpu" "$wothers" "${diff_wall[-1]}" "${diff_cpu[-1]}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for what in cpu wall; do
  declare -n w="with_$what" wo="without_$what" d="diff_$what"
  mw=$(median "${w[@]}") mwo=$(median "${wo[@]}")
  printf 'median %-4s: without %6.2f s, with %6.2f s; with - without: %+6.2f s between the medians,' \
    "$what" "$mwo" "$mw" "$(awk -v a="$mw" -v b="$mwo" 'BEGIN { print a - b }')"
  printf ' %+6.2f s the median of the runs'"'"' differences\n' "$(median "${d[@]}")"
  unset -n w wo d
done

# --- Per-crate breakdown ------------------------------------------------------------------------

echo
echo "one more cold build of each with --timings:"
for app in app-without app-with; do
  read -r wall cpu others < <(cold_build "$app" --timings)
  printf '  %-11s %6.2f s wall %6.2f s cpu (others %4.1f s)\n' "$app" "$wall" "$cpu" "$others"
done

# cargo's HTML report embeds its units as `const UNIT_DATA = [...];` (JSON: name, version,
# target, features, duration in seconds, ...); the JSON form of --timings needs nightly.
python3 - "$work/target-app-without/cargo-timings/cargo-timing.html" \
  "$work/target-app-with/cargo-timings/cargo-timing.html" <<'EOF'
import json, re, sys

def units(path, app):
    """{(crate, version, unit): (seconds, features)}, the app's own crate named "(the app)"."""
    html = open(path, encoding="utf-8").read()
    match = re.search(r"\bUNIT_DATA\s*=\s*(\[.*?\]);\s*$", html, re.S | re.M)
    if not match:
        sys.exit(f"no UNIT_DATA in {path}: cargo's --timings report has changed")
    data = {}
    for unit in json.loads(match.group(1)):
        # A crate is one unit or more: its library, its build script, running the build script.
        name, kind = unit["name"], unit["target"].strip() or "lib"
        if name == app:
            name, kind = "(the app)", "bin"
        data[(name, unit["version"], kind)] = (unit["duration"], unit["features"])
    return data

without = units(sys.argv[1], "app-without")
with_ = units(sys.argv[2], "app-with")
only = sorted(((k, v[0]) for k, v in with_.items() if k not in without), key=lambda kv: -kv[1])
print()
print("units compiled only for app-with, duration of each from cargo build --timings:")
print(f"  {'crate':<20} {'version':<9} {'unit':<20} {'seconds':>7}")
for (name, version, kind), seconds in only:
    print(f"  {name:<20} {version:<9} {kind:<20} {seconds:7.2f}")
print(f"  {'total':<51} {sum(s for _, s in only):7.2f}")
own = ("(the app)", "0.0.0", "bin")
print(f"  the app's own crate: {without[own][0]:.2f} s without, {with_[own][0]:.2f} s with")
for key in sorted(k for k in with_ if k in without and with_[k][1] != without[k][1]):
    print(f"  {' '.join(key)}: built in both, with other features for app-with:"
          f" {without[key][1]} -> {with_[key][1]}")
shared = [k for k in with_ if k in without and k != own]
print(f"  units in both (the app's own excepted): {sum(with_[k][0] for k in shared):.2f} s"
      f" in app-with's build, {sum(without[k][0] for k in shared):.2f} s in app-without's"
      " (the noise between two builds)")
EOF
