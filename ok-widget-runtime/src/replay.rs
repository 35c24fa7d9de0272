//! Crediting a genuine result once (SECURITY.md, "Replay"): no result OK signs says when it was
//! made, so a captured one verifies again and again; the key recorded is chosen by
//! [`Credit`](crate::Credit).

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

/// Where the return handler records what it credited. Implement it over your own store (a
/// database table with a unique key, Redis `SET NX` with an expiry) when several processes
/// answer, or when credits must survive a restart.
///
/// ```
/// use ok_widget_runtime::{MemoryReplayGuard, ReplayGuard};
///
/// let guard = MemoryReplayGuard::new(10_000);
/// assert!(guard.first_use("publish:67601141224721"));
/// assert!(!guard.first_use("publish:67601141224721"));
/// ```
pub trait ReplayGuard {
    /// Records `key` and says whether this is its first use: `true` once per key.
    fn first_use(&self, key: &str) -> bool;
}

/// A [`ReplayGuard`] in memory, holding the last `capacity` keys: once full, the oldest key is
/// forgotten and could be credited again, so size it for every result you may still receive
/// (a result is seconds old when it arrives; a captured one can be older).
#[derive(Debug)]
pub struct MemoryReplayGuard {
    capacity: usize,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    keys: HashSet<String>,
    /// The keys in the order they came, to forget the oldest.
    order: VecDeque<String>,
}

impl MemoryReplayGuard {
    /// A guard that remembers the last `capacity` keys (at least one).
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            seen: Mutex::default(),
        }
    }
}

impl ReplayGuard for MemoryReplayGuard {
    fn first_use(&self, key: &str) -> bool {
        // A panic elsewhere while the lock was held leaves the sets consistent: each change
        // below is one call.
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        if seen.keys.contains(key) {
            return false;
        }
        if seen.order.len() == self.capacity {
            let oldest = seen.order.pop_front().unwrap_or_default();
            seen.keys.remove(&oldest);
        }
        seen.keys.insert(key.to_owned());
        seen.order.push_back(key.to_owned());
        true
    }
}

impl<T: ReplayGuard + ?Sized> ReplayGuard for std::sync::Arc<T> {
    fn first_use(&self, key: &str) -> bool {
        (**self).first_use(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_once_and_the_oldest_forgotten_when_full() {
        let guard = MemoryReplayGuard::new(2);
        assert!(guard.first_use("a") && guard.first_use("b"));
        assert!(!guard.first_use("a") && !guard.first_use("b"));
        assert!(guard.first_use("c"));
        assert!(guard.first_use("a"), "the oldest key was forgotten");
        assert!(!guard.first_use("c"));
    }
}
