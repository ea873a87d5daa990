//! Pages computed once per store version (`/briefing`, `/network.svg`).
//!
//! The briefing and the picture of a large store take seconds to tens of seconds; they depend
//! on the store alone, so the server computes each once per version of the store (the version
//! changes with each SPARQL Update it applies) and serves the bytes it kept after that. One
//! computation runs at a time: requests that arrive meanwhile wait for it, each until its own
//! deadline. A computation past the deadline is not abandoned: it goes on filling the cache,
//! and the clients that gave up get their answer on the next try. A failure is not kept: the
//! next request computes again.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Instant;

use super::worker::{Evaluations, Late};
use super::Failure;

/// A computed page: its media type and bytes, or why it could not be made.
pub(crate) type Page = Result<(&'static str, Vec<u8>), Failure>;

/// Whether a page came from the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Kept from an earlier computation for the same store version.
    Hit,
    /// Computed for this request (or while it waited).
    Computed,
}

/// One page, kept for one store version.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    slot: Mutex<Slot>,
    done: Condvar,
}

#[derive(Debug, Default)]
struct Slot {
    version: u64,
    /// Computations started so far; a waiter takes the result of its own or a later one.
    run: u64,
    state: State,
}

#[derive(Debug, Default)]
enum State {
    #[default]
    Empty,
    Computing,
    Done(Arc<Page>),
}

impl Cache {
    /// The page for store `version`: kept, being computed (then waited for until `deadline`),
    /// or computed now by `compute` on a worker of `evaluations`.
    pub(crate) fn get(
        self: &Arc<Self>,
        version: u64,
        deadline: Instant,
        evaluations: &Arc<Evaluations>,
        compute: impl FnOnce() -> Page + Send + 'static,
    ) -> Result<(Arc<Page>, Origin), Late> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        let current = slot.version == version;
        let my_run = match &slot.state {
            State::Done(page) if current && page.is_ok() => return Ok((Arc::clone(page), Origin::Hit)),
            State::Computing if current => slot.run,
            _ => {
                slot.version = version;
                slot.run += 1;
                slot.state = State::Computing;
                let run = slot.run;
                drop(slot);
                let cache = Arc::clone(self);
                let started = evaluations.spawn(deadline, move || {
                    let page = compute();
                    let mut slot = cache.slot.lock().unwrap_or_else(PoisonError::into_inner);
                    if slot.run == run {
                        slot.state = State::Done(Arc::new(page));
                    }
                    cache.done.notify_all();
                });
                slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
                if let Err(late) = started {
                    if slot.run == run {
                        slot.state = State::Empty;
                    }
                    return Err(late);
                }
                run
            }
        };
        loop {
            match &slot.state {
                State::Done(page) if slot.run >= my_run => return Ok((Arc::clone(page), Origin::Computed)),
                State::Empty if slot.run >= my_run => return Err(Late::Busy),
                _ => {}
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Late::Deadline);
            }
            slot = self.done.wait_timeout(slot, left).unwrap_or_else(PoisonError::into_inner).0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxhttp::model::StatusCode;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    fn page(body: &str) -> Page {
        Ok(("text/plain", body.as_bytes().to_vec()))
    }

    fn body(page: &Page) -> String {
        String::from_utf8(page.as_ref().unwrap().1.clone()).unwrap()
    }

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(30)
    }

    #[test]
    fn a_page_is_computed_once_per_version() {
        let (cache, evaluations) = (Arc::new(Cache::default()), Evaluations::new(2));
        let computed = Arc::new(AtomicUsize::new(0));
        let get = |version: u64| {
            let counter = Arc::clone(&computed);
            cache
                .get(version, soon(), &evaluations, move || {
                    let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                    page(&format!("version {version}, computation {n}"))
                })
                .unwrap()
        };
        let (first, origin) = get(0);
        assert_eq!((body(&first).as_str(), origin), ("version 0, computation 1", Origin::Computed));
        let (again, origin) = get(0);
        assert_eq!((body(&again).as_str(), origin), ("version 0, computation 1", Origin::Hit));
        let (changed, origin) = get(1);
        assert_eq!((body(&changed).as_str(), origin), ("version 1, computation 2", Origin::Computed));
        assert_eq!(computed.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn concurrent_requests_share_one_computation_and_a_late_one_is_kept_for_the_next() {
        let (cache, evaluations) = (Arc::new(Cache::default()), Evaluations::new(2));
        let computed = Arc::new(AtomicUsize::new(0));
        let slow = |counter: Arc<AtomicUsize>| {
            move || {
                counter.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(300));
                page("slow")
            }
        };
        // The first request gives up before the computation ends...
        let early = Instant::now() + Duration::from_millis(20);
        assert_eq!(cache.get(7, early, &evaluations, slow(Arc::clone(&computed))).unwrap_err(), Late::Deadline);
        // ...those that come meanwhile wait for the same computation...
        let waiters: Vec<_> = (0..4)
            .map(|_| {
                let (cache, evaluations, counter) =
                    (Arc::clone(&cache), Arc::clone(&evaluations), Arc::clone(&computed));
                std::thread::spawn(move || cache.get(7, soon(), &evaluations, slow(counter)).unwrap())
            })
            .collect();
        for waiter in waiters {
            let (page, origin) = waiter.join().unwrap();
            assert_eq!(body(&page), "slow");
            assert!(matches!(origin, Origin::Computed | Origin::Hit));
        }
        // ...and later ones get the kept page.
        assert_eq!(cache.get(7, soon(), &evaluations, slow(Arc::clone(&computed))).unwrap().1, Origin::Hit);
        assert_eq!(computed.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_failure_is_answered_but_not_kept() {
        let (cache, evaluations) = (Arc::new(Cache::default()), Evaluations::new(1));
        let failed = cache
            .get(0, soon(), &evaluations, || Err(Failure(StatusCode::SERVICE_UNAVAILABLE, "no Graphviz".into())))
            .unwrap();
        assert_eq!(failed.1, Origin::Computed);
        assert!(failed.0.is_err());
        let (page, origin) = cache.get(0, soon(), &evaluations, || page("drawn")).unwrap();
        assert_eq!((body(&page).as_str(), origin), ("drawn", Origin::Computed));
    }
}
