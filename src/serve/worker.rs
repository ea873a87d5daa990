//! Evaluations on worker threads, bound by a deadline the connection never waits past.
//!
//! A SPARQL query can run far longer than its cancellation token suggests: Oxigraph checks
//! the token when it reads the store, not while it joins or closes paths in memory. So a query
//! runs on a worker thread of its own and the connection waits for its answer only until the
//! deadline; then it fires the token, answers 503 and lets the worker go. [`Evaluations`]
//! bounds how many workers run at once, counting the abandoned ones until they stop, so
//! runaway queries cannot pile up threads.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Instant;

use oxigraph::sparql::CancellationToken;

/// Why an evaluation gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Late {
    /// Every place was taken until the deadline.
    Busy,
    /// The evaluation ran past the deadline (and was told to stop).
    Deadline,
}

/// The places for evaluations running at once.
#[derive(Debug)]
pub(crate) struct Evaluations {
    max: usize,
    running: Mutex<usize>,
    freed: Condvar,
}

/// A place taken; dropping it (when the worker ends) frees it.
pub(crate) struct Place(Arc<Evaluations>);

impl Drop for Place {
    fn drop(&mut self) {
        *self.0.running.lock().unwrap_or_else(PoisonError::into_inner) -= 1;
        self.0.freed.notify_one();
    }
}

impl Evaluations {
    pub(crate) fn new(max: usize) -> Arc<Evaluations> {
        Arc::new(Evaluations { max: max.max(1), running: Mutex::new(0), freed: Condvar::new() })
    }

    /// Evaluations running now, abandoned ones included.
    #[cfg(test)]
    pub(crate) fn running(&self) -> usize {
        *self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a place once one is free, waiting at most until `deadline`.
    pub(crate) fn acquire(self: &Arc<Self>, deadline: Instant) -> Result<Place, Late> {
        let mut running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        while *running >= self.max {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Late::Busy);
            }
            running = self.freed.wait_timeout(running, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        *running += 1;
        Ok(Place(Arc::clone(self)))
    }

    /// Starts `work` on a worker thread once a place is free (waiting at most until
    /// `deadline`); the place is held until `work` returns.
    pub(crate) fn spawn(self: &Arc<Self>, deadline: Instant, work: impl FnOnce() + Send + 'static) -> Result<(), Late> {
        let place = self.acquire(deadline)?;
        std::thread::Builder::new()
            .name("dossier query".into())
            .spawn(move || {
                let _place = place;
                work();
            })
            .map(drop)
            .map_err(|_| Late::Busy)
    }

    /// Runs `work` on a worker thread and returns its result if it comes before `deadline`;
    /// otherwise fires `cancel` and returns [`Late::Deadline`] at the deadline, leaving the
    /// worker to stop at its next check of the token.
    pub(crate) fn run<T: Send + 'static>(
        self: &Arc<Self>,
        deadline: Instant,
        cancel: &CancellationToken,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Late> {
        let (sender, receiver) = mpsc::sync_channel(1);
        self.spawn(deadline, move || {
            // The connection may have stopped waiting: then nobody receives.
            let _ = sender.send(work());
        })?;
        match receiver.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(value) => Ok(value),
            Err(_) => {
                cancel.cancel();
                Err(Late::Deadline)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    #[test]
    fn an_answer_before_the_deadline_is_returned() {
        let evaluations = Evaluations::new(2);
        let deadline = Instant::now() + Duration::from_secs(30);
        assert_eq!(evaluations.run(deadline, &CancellationToken::new(), || 6 * 7), Ok(42));
    }

    #[test]
    fn a_worker_past_the_deadline_is_cancelled_and_abandoned_but_keeps_its_place() {
        let evaluations = Evaluations::new(1);
        let cancel = CancellationToken::new();
        let (release, wait) = mpsc::channel::<()>();
        let stopped = Arc::new(AtomicBool::new(false));
        let seen = Arc::clone(&stopped);
        let token = cancel.clone();
        let started = Instant::now();
        let answer = evaluations.run(started + Duration::from_millis(100), &cancel, move || {
            // Ignores the token (as Oxigraph does while it joins in memory) until released.
            let _ = wait.recv();
            seen.store(token.is_cancelled(), Ordering::SeqCst);
        });
        assert_eq!(answer, Err(Late::Deadline));
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(cancel.is_cancelled());
        // The one place is still held by the abandoned worker: the next evaluation is busy.
        assert_eq!(evaluations.running(), 1);
        let next = evaluations.run(Instant::now() + Duration::from_millis(50), &CancellationToken::new(), || ());
        assert_eq!(next, Err(Late::Busy));
        release.send(()).unwrap();
        let started = Instant::now();
        while evaluations.running() > 0 {
            assert!(started.elapsed() < Duration::from_secs(10), "the worker ends once released");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(stopped.load(Ordering::SeqCst), "the worker saw the token fired");
        let after = evaluations.run(Instant::now() + Duration::from_secs(30), &CancellationToken::new(), || 1);
        assert_eq!(after, Ok(1));
    }
}
