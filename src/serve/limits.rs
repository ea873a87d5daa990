//! What a client may cost the server: deadlines for the request's parts, connection caps (in
//! all and per client address), the request body size and the memory all bodies in flight
//! may hold together.
//!
//! [`Limits`] is plain data (the flags of `dossier serve`); [`Gate`] admits connections
//! against the caps and [`BodyBudget`] reserves body bytes against the memory budget. Both
//! hand out guards that give back what they took when dropped, so a connection that ends in
//! any way (an error, a panic, a timeout) frees its share.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The limits that bind every connection and request of `dossier serve`.
///
/// The defaults suit an endpoint open to a network (`--bind 0.0.0.0:7878`): a client that
/// trickles its headers is cut off after [`header_timeout`](Limits::header_timeout) whatever
/// it sends meanwhile; one address holds at most
/// [`max_connections_per_client`](Limits::max_connections_per_client) connections, so it
/// cannot take the [`max_connections`](Limits::max_connections) from the others.
///
/// ```
/// use dossier::serve::Limits;
/// use std::time::Duration;
///
/// let limits = Limits { max_body_bytes: 1 << 20, ..Limits::default() };
/// assert_eq!(limits.header_timeout, Duration::from_secs(10));
/// assert!(limits.max_body_bytes <= limits.max_body_memory);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Time from a connection's start (or from the first byte of a later request on it) to
    /// the end of the request's headers; it does not restart with each byte.
    pub header_timeout: Duration,
    /// Time to receive a request's whole body, from the end of its headers.
    pub body_timeout: Duration,
    /// Time a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// Time to send a whole response; a client that does not read it is cut off.
    pub send_timeout: Duration,
    /// Connections open at once, from all clients.
    pub max_connections: usize,
    /// Connections open at once from one client address.
    pub max_connections_per_client: usize,
    /// Size of a request's line and headers.
    pub max_header_bytes: usize,
    /// Size of one request body (a query or an update).
    pub max_body_bytes: u64,
    /// Bytes of request bodies held at once, all requests together.
    pub max_body_memory: u64,
    /// Queries (and briefing or picture computations) evaluated at once; a query waits for a
    /// free place within its own timeout. A query killed at its deadline frees its place at
    /// once; one abandoned on a thread (no worker process) holds it until it stops.
    pub max_queries: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(15),
            send_timeout: Duration::from_secs(60),
            max_connections: 512,
            max_connections_per_client: 64,
            max_header_bytes: 64 << 10,
            max_body_bytes: 8 << 20,
            max_body_memory: 64 << 20,
            max_queries: 8,
        }
    }
}

/// Why a connection was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Refusal {
    #[error("the server holds its maximum of {0} connections (dossier serve --max-connections N); try again shortly")]
    Full(usize),
    #[error("{client} holds {limit} connections already, the most one client may (dossier serve --max-connections-per-client N); close some or try again shortly")]
    Client { client: IpAddr, limit: usize },
}

/// Admits connections against the global and per-client caps.
#[derive(Debug)]
pub(crate) struct Gate {
    max_connections: usize,
    max_per_client: usize,
    open: Mutex<Open>,
}

#[derive(Debug, Default)]
struct Open {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// A connection admitted by a [`Gate`]; dropping it frees its place.
#[derive(Debug)]
pub(crate) struct Admitted {
    gate: Arc<Gate>,
    client: IpAddr,
}

impl Gate {
    pub(crate) fn new(limits: &Limits) -> Arc<Gate> {
        Arc::new(Gate {
            max_connections: limits.max_connections,
            max_per_client: limits.max_connections_per_client,
            open: Mutex::default(),
        })
    }

    /// Admits a connection from `client`, or says which cap it would pass. An IPv4 address
    /// mapped into IPv6 counts as the IPv4 address.
    pub(crate) fn admit(self: &Arc<Gate>, client: IpAddr) -> Result<Admitted, Refusal> {
        let client = client.to_canonical();
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.total >= self.max_connections {
            return Err(Refusal::Full(self.max_connections));
        }
        let count = open.per_client.entry(client).or_insert(0);
        if *count >= self.max_per_client {
            return Err(Refusal::Client { client, limit: self.max_per_client });
        }
        *count += 1;
        open.total += 1;
        Ok(Admitted { gate: Arc::clone(self), client })
    }

    /// Connections open now.
    #[cfg(test)]
    pub(crate) fn open(&self) -> usize {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).total
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut open = self.gate.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.total -= 1;
        if let Some(count) = open.per_client.get_mut(&self.client) {
            *count -= 1;
            if *count == 0 {
                open.per_client.remove(&self.client);
            }
        }
    }
}

/// The memory all request bodies in flight may hold together.
#[derive(Debug)]
pub(crate) struct BodyBudget {
    limit: u64,
    held: AtomicU64,
}

/// Bytes reserved from a [`BodyBudget`]; dropping it gives them back.
#[derive(Debug)]
pub(crate) struct Reservation {
    budget: Arc<BodyBudget>,
    bytes: u64,
}

impl BodyBudget {
    pub(crate) fn new(limit: u64) -> Arc<BodyBudget> {
        Arc::new(BodyBudget { limit, held: AtomicU64::new(0) })
    }

    /// Reserves `bytes`, or `None` when the budget cannot hold them now.
    pub(crate) fn reserve(self: &Arc<BodyBudget>, bytes: u64) -> Option<Reservation> {
        let mut reservation = Reservation { budget: Arc::clone(self), bytes: 0 };
        reservation.grow(bytes).then_some(reservation)
    }

    /// Bytes held now.
    pub(crate) fn held(&self) -> u64 {
        self.held.load(Ordering::SeqCst)
    }

    pub(crate) fn limit(&self) -> u64 {
        self.limit
    }
}

impl Reservation {
    /// Reserves `more` bytes on top of those held; false (and nothing taken) when the budget
    /// cannot hold them.
    pub(crate) fn grow(&mut self, more: u64) -> bool {
        let budget = &self.budget;
        let taken = budget.held.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |held| {
            held.checked_add(more).filter(|&total| total <= budget.limit)
        });
        if taken.is_ok() {
            self.bytes += more;
        }
        taken.is_ok()
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.budget.held.fetch_sub(self.bytes, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_caps_each_client_and_all_of_them_and_frees_places_on_drop() {
        let gate = Gate::new(&Limits { max_connections: 3, max_connections_per_client: 2, ..Limits::default() });
        let (a, b, c): (IpAddr, IpAddr, IpAddr) =
            ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap(), "10.0.0.3".parse().unwrap());
        let first = gate.admit(a).unwrap();
        let _second = gate.admit(a).unwrap();
        assert_eq!(gate.admit(a).unwrap_err(), Refusal::Client { client: a, limit: 2 });
        let _third = gate.admit(b).unwrap();
        assert_eq!(gate.admit(c).unwrap_err(), Refusal::Full(3));
        assert_eq!(gate.open(), 3);
        drop(first);
        assert_eq!(gate.open(), 2);
        let _fourth = gate.admit(c).unwrap();
        // The same client through an IPv4-mapped IPv6 address is the same client.
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert!(matches!(gate.admit(mapped), Err(Refusal::Full(3))));
        let message = Refusal::Client { client: a, limit: 2 }.to_string();
        assert!(message.contains("10.0.0.1") && message.contains("--max-connections-per-client"), "{message}");
    }

    #[test]
    fn the_budget_holds_at_most_its_limit_and_gets_bytes_back_on_drop() {
        let budget = BodyBudget::new(100);
        let mut first = budget.reserve(60).unwrap();
        assert!(budget.reserve(50).is_none());
        assert!(!first.grow(41));
        assert!(first.grow(40));
        assert_eq!(budget.held(), 100);
        drop(first);
        assert_eq!(budget.held(), 0);
        let second = budget.reserve(100).unwrap();
        assert!(budget.reserve(1).is_none());
        drop(second);
        assert!(budget.reserve(0).is_some());
        assert!(budget.reserve(u64::MAX).is_none());
    }
}
