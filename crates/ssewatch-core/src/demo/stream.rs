//! [`DemoStream`]: the demo's streams, their paths and what they carry.

/// One stream of the demo server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoStream {
    /// `event: deploy`: services rolling out, then succeeding, failing or rolling back.
    Deploys,
    /// `event: order`: orders placed, paid and refunded in a small shop.
    Orders,
    /// `event: progress`: search jobs stepping page by page to success or failure.
    Jobs,
    /// Everything the other three carry, interleaved, with ids of its own.
    All,
}

impl DemoStream {
    /// Every stream the server serves, in index order.
    pub const STREAMS: [DemoStream; 4] = [
        DemoStream::Deploys,
        DemoStream::Orders,
        DemoStream::Jobs,
        DemoStream::All,
    ];

    /// The streams that carry their own traffic: subscribing to these sees everything once.
    pub const SOURCES: [DemoStream; 3] =
        [DemoStream::Deploys, DemoStream::Orders, DemoStream::Jobs];

    /// The short name: `deploys`, `orders`, `jobs`, `all`.
    pub fn name(self) -> &'static str {
        match self {
            DemoStream::Deploys => "deploys",
            DemoStream::Orders => "orders",
            DemoStream::Jobs => "jobs",
            DemoStream::All => "all",
        }
    }

    /// The URL path, such as `/streams/deploys`.
    pub fn path(self) -> &'static str {
        match self {
            DemoStream::Deploys => "/streams/deploys",
            DemoStream::Orders => "/streams/orders",
            DemoStream::Jobs => "/streams/jobs",
            DemoStream::All => "/streams/all",
        }
    }

    /// The event type the stream carries; `None` for the mixed stream.
    pub fn event_type(self) -> Option<&'static str> {
        match self {
            DemoStream::Deploys => Some("deploy"),
            DemoStream::Orders => Some("order"),
            DemoStream::Jobs => Some("progress"),
            DemoStream::All => None,
        }
    }

    /// One line for the index page.
    pub fn description(self) -> &'static str {
        match self {
            DemoStream::Deploys => "deploy events: rollouts that succeed, fail or roll back",
            DemoStream::Orders => "order events: a small shop's orders, payments and refunds",
            DemoStream::Jobs => "progress events: search jobs paging to success or failure",
            DemoStream::All => "all of the above, interleaved, with ids of its own",
        }
    }

    /// Whether events of this stream raise desktop notifications when the app subscribes to it
    /// with no config: deploys and jobs do, the busy order stream does not.
    pub fn notifies(self) -> bool {
        matches!(self, DemoStream::Deploys | DemoStream::Jobs)
    }

    /// The stream's position in [`DemoStream::STREAMS`].
    pub(crate) fn index(self) -> usize {
        match self {
            DemoStream::Deploys => 0,
            DemoStream::Orders => 1,
            DemoStream::Jobs => 2,
            DemoStream::All => 3,
        }
    }
}
