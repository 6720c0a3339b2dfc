//! Following redirects, and knowing where they led: the client's redirect policy notes each
//! hop in a slot local to the connection task that sent the request, so that a request that
//! fails after a redirect is reported against the host that failed, not the endpoint's own
//! (which answered, with the redirect). Messages name hosts only: a URL's path and query may
//! carry a token.

use std::cell::RefCell;
use std::future::Future;

use super::client::MAX_REDIRECTS;

tokio::task_local! {
    /// Where the request being sent was last redirected to.
    static LAST_HOP: RefCell<Option<url::Url>>;
}

/// Follows up to [`MAX_REDIRECTS`] hops, noting each for [`noting_hops`].
pub(super) fn policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        // The first of `previous` is the URL asked for, not a hop.
        if attempt.previous().len() > MAX_REDIRECTS {
            return attempt.error("too many redirects");
        }
        // Outside `noting_hops` (a request sent by other code) there is nowhere to note it.
        let _ = LAST_HOP.try_with(|hop| hop.replace(Some(attempt.url().clone())));
        attempt.follow()
    })
}

/// Runs `request` (a request being sent), and says where its last redirect led, if any.
pub(super) async fn noting_hops<F: Future>(request: F) -> (F::Output, Option<url::Url>) {
    LAST_HOP
        .scope(RefCell::new(None), async {
            let output = request.await;
            (output, LAST_HOP.with(RefCell::take))
        })
        .await
}

/// `host:port` of a URL, for messages.
pub(super) fn host_of(url: &url::Url) -> String {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => url.scheme().to_owned(),
    }
}

/// The host a request to `host` reached, for messages: `host` itself, unless redirects led
/// to `last_hop` on another (then the scheme too, when it is not HTTP's).
pub(super) fn where_it_went(host: &str, last_hop: Option<&url::Url>) -> String {
    let Some(url) = last_hop else {
        return host.to_owned();
    };
    let reached = match url.scheme() {
        "http" | "https" => host_of(url),
        scheme => format!("{scheme}://{}", host_of(url)),
    };
    if reached == host {
        reached
    } else {
        format!("{reached} (redirected there by {host})")
    }
}
