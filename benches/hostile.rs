//! Absolute release times of every hostile input at every entry point (BENCHMARKS.md): the
//! median of 11 reads at 1 MiB, and the time per byte at 1 MiB (and 64 KiB for queries) over
//! that at 16 KiB, from the fastest of 11 reads of each, as `tests/hostile.rs` asserts it.
//!
//! ```sh
//! cargo bench --bench hostile
//! ```

mod hostile_inputs;

use std::hint::black_box;
use std::time::{Duration, Instant};

use hostile_inputs::{
    Entry, JSON_ENTRIES, JSON_SHAPES, KIB, MIB, QUERY_ENTRIES, QUERY_SHAPES, Shape, per_byte_ratio,
};

const RUNS: usize = 11;

fn median(entry: &Entry, text: &str) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let _ = black_box((entry.read)(black_box(text)));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn table(shapes: &[Shape], entries: &[Entry], middle: Option<usize>) {
    for shape in shapes {
        let small = (shape.build)(16 * KIB);
        let large = (shape.build)(MIB);
        let middle = middle.map(|size| (shape.build)(size));
        for entry in entries {
            let answer = match (entry.read)(&large) {
                Ok(read) => format!("read ({read})"),
                Err(error) => format!("error: {}", error.chars().take(60).collect::<String>()),
            };
            let ratio_64k = middle.as_ref().map_or(String::from("-"), |middle| {
                format!("{:.2}", per_byte_ratio(entry, &small, middle, RUNS))
            });
            println!(
                "| {} | {} | {:.3} | {} | {:.2} | {} |",
                shape.name,
                entry.name,
                median(entry, &large).as_secs_f64() * 1e3,
                ratio_64k,
                per_byte_ratio(entry, &small, &large, RUNS),
                answer.replace('|', "\\|"),
            );
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to configure.
    println!(
        "| shape | entry point | ms at 1 MiB (median) | per byte, 64 KiB / 16 KiB | per byte, 1 MiB / 16 KiB | answer at 1 MiB |"
    );
    println!("|---|---|---:|---:|---:|---|");
    table(&QUERY_SHAPES, &QUERY_ENTRIES, Some(64 * KIB));
    table(&JSON_SHAPES, &JSON_ENTRIES, None);
}
