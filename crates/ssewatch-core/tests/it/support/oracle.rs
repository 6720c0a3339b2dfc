//! Drives the `eventsource-stream` crate, an async stream adapter, synchronously.
//!
//! It is the test oracle for the differential tests and the baseline of the parser benchmark
//! (which includes this file with `#[path]`). It is only trustworthy where design.md says so:
//! LF/CRLF line endings, no BOM, valid UTF-8, terminated events.

use std::convert::Infallible;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use eventsource_stream::{Event, EventStream};
use futures_util::{Stream, stream};

/// Feeds `chunks` through eventsource-stream and hands every event it yields to `on_event`.
///
/// The source stream is never pending, so a no-op waker is all the executor this needs.
/// Returns eventsource-stream's error, as text, if it reports one.
pub fn for_each_event<'a>(
    chunks: impl Iterator<Item = &'a [u8]>,
    mut on_event: impl FnMut(Event),
) -> Result<(), String> {
    let source = stream::iter(chunks.map(Ok::<_, Infallible>));
    let mut events = pin!(EventStream::new(source));
    let mut context = Context::from_waker(Waker::noop());
    loop {
        match events.as_mut().poll_next(&mut context) {
            Poll::Ready(Some(Ok(event))) => on_event(event),
            Poll::Ready(Some(Err(error))) => return Err(error.to_string()),
            Poll::Ready(None) => return Ok(()),
            Poll::Pending => return Err("pending on a source that is always ready".to_owned()),
        }
    }
}
