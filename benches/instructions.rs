//! Instructions per call of each workload, library beside floor, counted by valgrind's callgrind.
//!
//! ```sh
//! cargo bench --bench instructions
//! ```
//!
//! Wall-clock medians move with whatever else the machine runs; instruction counts do not, so
//! they are the second, load-independent measurement behind BENCHMARKS.md. The binary re-runs
//! itself under `valgrind --tool=callgrind` twice per function, with `SHORT` and `LONG` calls,
//! and reports `(Ir(LONG) - Ir(SHORT)) / (LONG - SHORT)`: start-up and fixture parsing cancel
//! out. Without valgrind on the machine it says so and exits successfully.

mod workloads;

use std::hint::black_box;
use std::process::Command;

use workloads::Inputs;

const SHORT: u64 = 100;
const LONG: u64 = 1100;

/// `(workload, library, floor)`.
type Run = fn(&Inputs) -> usize;
const WORKLOADS: [(&str, Run, Run); 5] = [
    (
        "W1 publish, 303 B attachment",
        |inputs| workloads::w1_library(inputs).len(),
        |inputs| workloads::w1_floor(inputs).len(),
    ),
    (
        "W2 suggest",
        |inputs| workloads::w2_library(inputs).len(),
        |inputs| workloads::w2_floor(inputs).len(),
    ),
    (
        "W3 publish, 4 KiB attachment",
        |inputs| workloads::w3_library(inputs).len(),
        |inputs| workloads::w3_floor(inputs).len(),
    ),
    (
        "W4 verify a publish redirect",
        workloads::w4_library,
        workloads::w4_floor,
    ),
    (
        "W4 through `app.verify_result`",
        workloads::w4_verify_result,
        workloads::w4_floor,
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `--run <index> <library|floor> <calls>`: the child under valgrind.
    if let Some(at) = args.iter().position(|arg| arg == "--run") {
        let index: usize = args[at + 1].parse().expect("workload index");
        let calls: u64 = args[at + 3].parse().expect("call count");
        let (_, library, floor) = WORKLOADS[index];
        let run = if args[at + 2] == "library" {
            library
        } else {
            floor
        };
        let inputs = Inputs::load();
        for _ in 0..calls {
            black_box(run(black_box(&inputs)));
        }
        return;
    }

    if Command::new("valgrind").arg("--version").output().is_err() {
        println!("valgrind is not installed: no instruction counts (apt-get install valgrind)");
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    println!("| workload | library instr/call | floor instr/call | ratio |");
    println!("|---|---:|---:|---:|");
    for (index, (name, _, _)) in WORKLOADS.iter().enumerate() {
        let per_call = |side: &str| {
            let count = |calls: u64| {
                let output = Command::new("valgrind")
                    .args(["--tool=callgrind", "--callgrind-out-file=/dev/null", "--"])
                    .arg(&exe)
                    .args(["--run", &index.to_string(), side, &calls.to_string()])
                    .output()
                    .expect("valgrind runs");
                collected(&String::from_utf8_lossy(&output.stderr))
                    .unwrap_or_else(|| panic!("no callgrind total in {output:?}"))
            };
            (count(LONG) - count(SHORT)) / (LONG - SHORT)
        };
        let (library, floor) = (per_call("library"), per_call("floor"));
        // The ratio to two decimals, in integers.
        let hundredths = (library * 100 + floor / 2) / floor;
        println!(
            "| {name} | {library} | {floor} | {}.{:02} |",
            hundredths / 100,
            hundredths % 100
        );
    }
}

/// The `Collected : N` total callgrind prints when the program ends.
fn collected(stderr: &str) -> Option<u64> {
    stderr.lines().find_map(|line| {
        let (_, total) = line.split_once("Collected :")?;
        total.trim().parse().ok()
    })
}
