//! Per-stream history: ids, the ring buffer that `Last-Event-ID` replays from, and the live
//! fan-out to connected clients.
//!
//! Publishing and subscribing take the same lock, so a new subscriber's replay and its live
//! receiver meet exactly: no event is missed between them and none arrives twice.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use tokio::sync::broadcast;

use super::frame;
use super::script::DemoEvent;
use super::stream::DemoStream;

/// How many recent events every stream keeps for replay.
pub const HISTORY_LEN: usize = 512;

/// How many events a slow client may fall behind before its connection is cut (it then
/// reconnects and replays from the history, which is longer).
const LIVE_CAPACITY: usize = 256;

/// One encoded event of one stream.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    /// The event's id on its stream.
    pub(crate) id: u64,
    /// The event as it goes on the wire.
    pub(crate) bytes: Bytes,
}

/// What a new connection starts from: the events it missed, then everything live.
pub(crate) struct Subscription {
    /// Events after the client's `Last-Event-ID`, oldest first.
    pub(crate) replay: Vec<Frame>,
    /// Events published after the replay was taken.
    pub(crate) live: broadcast::Receiver<Frame>,
}

/// The history of one stream.
struct History {
    state: Mutex<HistoryState>,
}

struct HistoryState {
    last_id: u64,
    ring: VecDeque<Frame>,
    live: broadcast::Sender<Frame>,
}

impl History {
    fn new() -> Self {
        History {
            state: Mutex::new(HistoryState {
                last_id: 0,
                ring: VecDeque::with_capacity(HISTORY_LEN),
                live: broadcast::channel(LIVE_CAPACITY).0,
            }),
        }
    }

    fn publish(&self, event: &DemoEvent) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.last_id += 1;
        let frame = Frame {
            id: state.last_id,
            bytes: frame::event(state.last_id, event.event_type, &event.data),
        };
        if state.ring.len() == HISTORY_LEN {
            state.ring.pop_front();
        }
        state.ring.push_back(frame.clone());
        // An error only means that nobody is listening right now.
        let _ = state.live.send(frame);
    }

    fn subscribe(&self, last_event_id: Option<u64>) -> Subscription {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let replay = match last_event_id {
            Some(seen) => state
                .ring
                .iter()
                .skip_while(|frame| frame.id <= seen)
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        Subscription {
            replay,
            live: state.live.subscribe(),
        }
    }
}

/// The histories of all streams.
pub(crate) struct Histories {
    streams: [History; DemoStream::STREAMS.len()],
}

impl Histories {
    pub(crate) fn new() -> Self {
        Histories {
            streams: std::array::from_fn(|_| History::new()),
        }
    }

    /// Publishes an event of `source` on its own stream and on the mixed one.
    pub(crate) fn publish(&self, source: DemoStream, event: &DemoEvent) {
        self.streams[source.index()].publish(event);
        if source != DemoStream::All {
            self.streams[DemoStream::All.index()].publish(event);
        }
    }

    /// Subscribes to `stream`, replaying what came after `last_event_id` (nothing when `None`;
    /// everything kept when the id is older than the history; nothing when it is newer, as
    /// after a restart of the server).
    pub(crate) fn subscribe(&self, stream: DemoStream, last_event_id: Option<u64>) -> Subscription {
        self.streams[stream.index()].subscribe(last_event_id)
    }
}
