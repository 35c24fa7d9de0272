//! Wall-clock cost of each workload, the library beside its hand-written floor in the same run.
//!
//! ```sh
//! cargo bench --bench sign            # one run
//! scripts/bench.sh                    # several runs, medians, the BENCHMARKS.md table
//! ```
//!
//! divan rather than criterion: it builds in a fraction of the time (no plotting, no rayon, no
//! serde stack of its own), runs library and floor side by side in one tree, and its allocation
//! profiler prints the heap allocations per call next to the time, which is the second thing this
//! issue promises (one allocation per signed URL).

mod workloads;

use std::sync::LazyLock;
use std::time::Duration;

use divan::{Bencher, black_box};
use workloads::Inputs;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

static INPUTS: LazyLock<Inputs> = LazyLock::new(Inputs::load);

fn main() {
    // 10 calls per sample so the 20 ns timer precision is noise, 1000 samples so the median is
    // stable on a shared machine; both can be overridden on the command line.
    divan::Divan::default()
        .sample_count(1000)
        .sample_size(10)
        .min_time(Duration::from_millis(200))
        .config_with_args()
        .main();
}

/// Times `run` on the fixtures; the returned URL is dropped outside the timed loop.
fn bench<T>(bencher: Bencher, run: fn(&Inputs) -> T) {
    let inputs = &*INPUTS;
    bencher.bench_local(|| run(black_box(inputs)));
}

/// W1: publish, 303-byte attachment, session secret.
mod w1_publish_303b {
    use super::{Bencher, bench, workloads};

    #[divan::bench]
    fn floor(bencher: Bencher) {
        bench(bencher, workloads::w1_floor);
    }

    #[divan::bench]
    fn library(bencher: Bencher) {
        bench(bencher, workloads::w1_library);
    }
}

/// W2: suggest with comment, state, five target ids and autosel.
mod w2_suggest {
    use super::{Bencher, bench, workloads};

    #[divan::bench]
    fn floor(bencher: Bencher) {
        bench(bencher, workloads::w2_floor);
    }

    #[divan::bench]
    fn library(bencher: Bencher) {
        bench(bencher, workloads::w2_library);
    }
}

/// W3: publish, 4 KiB attachment.
mod w3_publish_4kib {
    use super::{Bencher, bench, workloads};

    #[divan::bench]
    fn floor(bencher: Bencher) {
        bench(bencher, workloads::w3_floor);
    }

    #[divan::bench]
    fn library(bencher: Bencher) {
        bench(bencher, workloads::w3_library);
    }
}

/// W4: read and verify a publish redirect result.
mod w4_verify_publish {
    use super::{Bencher, bench, workloads};

    #[divan::bench]
    fn floor(bencher: Bencher) {
        bench(bencher, workloads::w4_floor);
    }

    /// `PublishResult::parse(query)?.verify(&credentials)`.
    #[divan::bench]
    fn library(bencher: Bencher) {
        bench(bencher, workloads::w4_library);
    }

    /// `app.verify_result::<MediatopicPost>(query)`: the same call.
    #[divan::bench]
    fn library_verify_result(bencher: Bencher) {
        bench(bencher, workloads::w4_verify_result);
    }
}
